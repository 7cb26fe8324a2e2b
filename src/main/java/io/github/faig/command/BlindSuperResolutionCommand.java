package io.github.faig.command;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.ij.ImagePlusBridge.OutputType;
import io.github.faig.image.FloatImage;
import io.github.faig.image.IntensityScale;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.nn.io.ModelLocator;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.sr.SrModel;

/**
 * {@code Plugins>FAIG>FAIG Blind Super-Resolution}: the super-resolved image (×scale, pixel size divided by the
 * scale) of an RGB, grey or stack image through a one-branch SR network, tile by tile so any size runs in bounded
 * memory.
 */
@Plugin(type = Command.class, menu = { @Menu(label = "Plugins"), @Menu(label = "FAIG"), @Menu(label = "FAIG Blind Super-Resolution",
		weight = 20) }, headless = true,
	label = "FAIG Blind Super-Resolution")
public class BlindSuperResolutionCommand extends FaigCommand {

	/** The bundled model used when none is named. */
	public static final String DEFAULT_MODEL = "msrresnet-x2-target";

	@Parameter(label = "Image", required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "Input file (headless)", required = false, persist = false, style = FileWidget.OPEN_STYLE)
	private File input_file;

	@Parameter(label = "Model (bundled name or package path)", persist = false, style = MODEL_STYLE,
		description = "e.g. msrresnet-x2-target, srcnn-x2-baseline, or a model folder/zip")
	private String model = DEFAULT_MODEL;

	@Parameter(label = "32-bit output", persist = false,
		description = "off: the input's type (RGB, 8-bit, 16-bit, 32-bit), rounded half to even; on: 32-bit, " +
			"unrounded; both in the input's own value range")
	private boolean float_output = false;

	@Parameter(label = "Normalization", persist = false, choices = { "type-range", "min-max", "percentile" },
		description = "how pixel values map to the network's [0,1] scale and back")
	private String normalization = "type-range";

	@Parameter(label = "Low percentile", persist = false, min = "0", max = "100", stepSize = "0.1",
		description = "normalization=percentile: the value mapped to 0")
	private double low_percentile = IntensityScale.DEFAULT_LOW_PERCENTILE;

	@Parameter(label = "High percentile", persist = false, min = "0", max = "100", stepSize = "0.1",
		description = "normalization=percentile: the value mapped to 1")
	private double high_percentile = IntensityScale.DEFAULT_HIGH_PERCENTILE;

	@Parameter(label = "Tile size (input pixels)", min = "16", max = "8192", persist = false)
	private int tile_size = 256;

	@Parameter(label = "Tile overlap (-1 = exact)", min = "-1", max = "1024", persist = false)
	private int tile_overlap = -1;

	@Parameter(label = "Output folder (optional)", required = false, persist = false,
		style = FileWidget.DIRECTORY_STYLE)
	private File output_dir;

	@Parameter(type = ItemIO.OUTPUT, label = "Super-resolved")
	private ImagePlus super_resolved;

	@Override
	protected void validate() throws Exception {
		notBlank(input_file, "input_file");
		IntensityScale.checkPercentiles(low_percentile, high_percentile);
		notBlank(output_dir, "output_dir");
		outputDirNeededHeadless(output_dir);
		if (output_dir != null) AtomicOutputs.checkOutputDir(output_dir);
	}

	@Override
	protected void execute() throws Exception {
		if (tile_size < 16) throw new IllegalArgumentException("tile_size must be >= 16, got " + tile_size);
		if (output_dir != null) AtomicOutputs.checkOutputDir(output_dir);
		final ImagePlus source = sourceImage(image, input_file);
		final IntensityScale scale = ImagePlusBridge.scaleOf(source, normalization, low_percentile, high_percentile);
		final List<FloatImage> slices = ImagePlusBridge.toFloatImages(source, scale);
		// a selection limits the work to its bounding box (every plane)
		final java.awt.Rectangle roi = Selections.bounds(source);
		if (roi != null) slices.replaceAll(f -> f.crop(roi.y, roi.x, roi.height, roi.width));
		final ModelPackage pkg = ModelLocator.load(model, "model");
		final List<FloatImage> outputs = new ArrayList<>();
		final List<String> labels = new ArrayList<>();
		try (SrModel sr = SrModel.load(pkg)) {
			for (int s = 0; s < slices.size(); s++) {
				final int slice = s;
				outputs.add(sr.superResolve(slices.get(s), tile_size, tile_overlap, (done, total) -> progress(
					"Super-resolving slice " + (slice + 1) + "/" + slices.size() + ", tile " + done + "/" + total, slice *
						total + done, slices.size() * total), this::isCanceled));
				labels.add(source.getStack().getSliceLabel(s + 1));
			}
		}
		final String base = ImageFiles.baseName(source.getTitle());
		final String title = base + "_x" + pkg.spec().scale() + "_" + pkg.name();
		final OutputType type = float_output ? OutputType.FLOAT : ImagePlusBridge.typeOf(source);
		super_resolved = ImagePlusBridge.keepDimensions(ImagePlusBridge.toImagePlus(title, outputs, labels, type,
			ImagePlusBridge.resampled(cropped(source.getCalibration(), roi), 1.0 / pkg.spec().scale()), scale), source);
		super_resolved.setProperty("Info", "FAIG Blind Super-Resolution with " + pkg + "\nnormalization: " +
			normalization + " " + scale + "\n");
		if (output_dir != null) {
			try (AtomicOutputs out = new AtomicOutputs(output_dir)) {
				out.write(title + ".tif", f -> ImageFiles.save(super_resolved, f));
				if (outputs.size() == 1 && type == OutputType.BYTE) {
					out.write(title + ".png", f -> ImageFiles.save(super_resolved, f));
				}
				checkCancelled();
				out.commit();
			}
		}
	}

	/** The calibration of the selection's box: the origin moves with it. */
	static ij.measure.Calibration cropped(final ij.measure.Calibration cal, final java.awt.Rectangle roi) {
		if (roi == null || cal == null) return cal;
		final ij.measure.Calibration c = cal.copy();
		c.xOrigin = cal.xOrigin - roi.x;
		c.yOrigin = cal.yOrigin - roi.y;
		return c;
	}
}
