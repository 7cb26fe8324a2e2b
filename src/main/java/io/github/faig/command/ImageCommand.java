package io.github.faig.command;

import java.io.File;

import org.scijava.ItemVisibility;
import org.scijava.plugin.Parameter;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.image.ChannelScales;
import io.github.faig.image.IntensityScale;
import net.imglib2.RandomAccessibleInterval;

/**
 * A command that works on an image: the image input with its stand-ins ({@code input_file}, a script's
 * {@code img}) and the normalisation group (how pixel values map to the networks' [0,1] scale), declared
 * once here for every such command. SciJava reads a superclass's {@code @Parameter} fields first, so a dialog shows
 * these inputs before the command's own.
 */
public abstract class ImageCommand extends FaigCommand {

	@Parameter(label = "Image", required = false, persist = false,
		description = "in Fiji the active image")
	protected ImagePlus image;

	@Parameter(label = "Input file (instead of the image)", required = false, style = FileWidget.OPEN_STYLE,
		description = "image file to read when no image is given (TIFF, PNG, JPEG)", persist = false)
	protected File input_file;

	@Parameter(label = "Normalization", choices = { "auto", "type-range", "min-max", "percentile", "bit-depth" },
		description = "how pixel values map to the network's [0,1] scale (and back, for image outputs); auto: the " +
			"type range for 8-bit and RGB, the bit depth's range for 16-bit (e.g. 0-4095 for 12-bit data), the " +
			"percentiles for 32-bit and for 16-bit channels normalized separately")
	protected String normalization = IntensityScale.DEFAULT;

	@Parameter(label = "Normalize channels", choices = { "auto", "separately", "together" },
		description = "each channel its own range (over its slices and frames) or one for all; auto: separately " +
			"for multi-channel images, together for RGB and single-channel ones")
	protected String normalize_channels = IntensityScale.DEFAULT_CHANNELS;

	@Parameter(label = "Low percentile", min = "0", max = "100", stepSize = "0.1",
		description = "normalization=percentile: the value mapped to 0")
	protected double low_percentile = IntensityScale.DEFAULT_LOW_PERCENTILE;

	@Parameter(label = "High percentile", min = "0", max = "100", stepSize = "0.1",
		description = "normalization=percentile: the value mapped to 1")
	protected double high_percentile = IntensityScale.DEFAULT_HIGH_PERCENTILE;

	@Parameter(label = "ImgLib2 image", required = false, persist = false, autoFill = false,
		visibility = ItemVisibility.INVISIBLE,
		description = "for scripts without ImageJ 1: dimensions X, Y[, C]; unsigned 8-bit with 3 channels is RGB")
	protected RandomAccessibleInterval<?> img;

	/**
	 * The percentiles' order, and on a headless line percentiles that the normalisation never reads (auto reads them
	 * for 32-bit data and for 16-bit channels scaled separately); every image command checks these before its own rules.
	 */
	@Override
	protected void validate() throws Exception {
		IntensityScale.checkPercentiles(low_percentile, high_percentile);
		final boolean percentiles = normalization.equals(IntensityScale.Normalization.PERCENTILE.label()) ||
			normalization.equals(IntensityScale.Normalization.AUTO.label());
		final String when = "with normalization='percentile' or 'auto'";
		usedOnly("low_percentile", low_percentile, IntensityScale.DEFAULT_LOW_PERCENTILE, percentiles, when);
		usedOnly("high_percentile", high_percentile, IntensityScale.DEFAULT_HIGH_PERCENTILE, percentiles, when);
		IntensityScale.Channels.of(normalize_channels, "normalize_channels");
	}

	/** The image to work on: {@code input_file}, else {@code img}, else the image (in Fiji, the active one). */
	protected ImagePlus source() {
		return sourceImage(image, input_file, img);
	}

	/** How {@code imp}'s values map to [0,1] under the normalisation inputs (its channels together). */
	protected IntensityScale scaleOf(final ImagePlus imp) {
		return ImagePlusBridge.scaleOf(imp, normalization, low_percentile, high_percentile);
	}

	/** How each channel of {@code imp} maps to [0,1] under the normalisation inputs, normalize_channels included. */
	protected ChannelScales scalesOf(final ImagePlus imp) {
		return ImagePlusBridge.scalesOf(imp, normalization, normalize_channels, low_percentile, high_percentile);
	}
}
