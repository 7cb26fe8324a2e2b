package io.github.faig.command;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import net.imglib2.RandomAccessibleInterval;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.ij.ImagePlusBridge.OutputType;
import io.github.faig.image.FloatImage;
import io.github.faig.image.IntensityScale;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.nn.io.ModelLocator;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.sr.SuperResolve;

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

	@Parameter(label = "ImgLib2 image (scripts)", required = false, persist = false, autoFill = false,
		visibility = ItemVisibility.INVISIBLE,
		description = "for scripts without ImageJ 1: dimensions X, Y[, C]; unsigned 8-bit with 3 channels is RGB")
	private RandomAccessibleInterval<?> img;

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
		final SuperResolve.Options options = new SuperResolve.Options(tile_size, tile_overlap);
		if (output_dir != null) AtomicOutputs.checkOutputDir(output_dir);
		final ImagePlus source = sourceImage(image, input_file, img);
		final IntensityScale scale = ImagePlusBridge.scaleOf(source, normalization, low_percentile, high_percentile);
		final List<FloatImage> slices = ImagePlusBridge.toFloatImages(source, scale);
		// a selection limits the work to its bounding box (every plane)
		final java.awt.Rectangle roi = Selections.bounds(source);
		if (roi != null) slices.replaceAll(f -> f.crop(roi.y, roi.x, roi.height, roi.width));
		final ModelPackage pkg = ModelLocator.load(model, "model");
		final SuperResolve.Result r;
		try (SuperResolve workflow = new SuperResolve(pkg, options)) {
			r = workflow.run(slices, monitor());
		}
		final List<String> labels = new ArrayList<>();
		for (int s = 1; s <= slices.size(); s++) labels.add(source.getStack().getSliceLabel(s));
		final String title = ImageFiles.baseName(source.getTitle()) + "_x" + r.scale() + "_" + r.model();
		final OutputType type = float_output ? OutputType.FLOAT : ImagePlusBridge.typeOf(source);
		super_resolved = ImagePlusBridge.keepDimensions(ImagePlusBridge.toImagePlus(title, r.images(), labels, type,
			ImagePlusBridge.resampled(cropped(source.getCalibration(), roi), 1.0 / r.scale()), scale), source);
		super_resolved.setProperty("Info", "FAIG Blind Super-Resolution with " + pkg + "\nnormalization: " +
			normalization + " " + scale + "\n");
		if (output_dir != null) write(title, r.images().size() == 1 && type == OutputType.BYTE);
	}

	private void write(final String title, final boolean png) throws Exception {
		try (AtomicOutputs out = new AtomicOutputs(output_dir)) {
			out.write(title + ".tif", f -> ImageFiles.save(super_resolved, f));
			if (png) out.write(title + ".png", f -> ImageFiles.save(super_resolved, f));
			checkCancelled();
			out.commit();
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
