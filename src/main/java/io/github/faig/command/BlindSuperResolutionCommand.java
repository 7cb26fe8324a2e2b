package io.github.faig.command;

import java.io.File;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

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
import io.github.faig.image.ChannelScales;
import io.github.faig.image.FloatImage;
import io.github.faig.image.IntensityScale;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.io.OutputPaths;
import io.github.faig.nn.io.ModelLocator;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.sr.SuperResolve;
import io.github.faig.workflow.Monitor;
import io.github.faig.workflow.PackedModel;
import io.github.faig.workflow.Shared;
import io.github.faig.workflow.Sharding;

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

	@Parameter(label = "Input file (instead of the image)", required = false, style = FileWidget.OPEN_STYLE, persist = false)
	private File input_file;

	@Parameter(label = "Input folder (instead of the image)", required = false,
		style = FileWidget.DIRECTORY_STYLE,
		description = "every image file of the folder, each written to output_dir as input_file would be", persist = false)
	private File input_dir;

	@Parameter(label = "Model (bundled name or package path)", style = MODEL_STYLE,
		description = "e.g. msrresnet-x2-target, srcnn-x2-baseline, or a model folder/zip")
	private String model = DEFAULT_MODEL;

	@Parameter(label = "32-bit output",
		description = "off: the input's type (RGB, 8-bit, 16-bit, 32-bit), rounded half to even; on: 32-bit, " +
			"unrounded; both in the input's own value range")
	private boolean float_output = false;

	@Parameter(label = "Normalization", choices = { "auto", "type-range", "min-max", "percentile" },
		description = "how pixel values map to the network's [0,1] scale and back; auto: the type range for 8-bit " +
			"and RGB, the percentiles for 16- and 32-bit")
	private String normalization = IntensityScale.DEFAULT;

	@Parameter(label = "Normalize channels", choices = { "auto", "separately", "together" },
		description = "each channel its own range (over its slices and frames) or one for all; auto: separately " +
			"for multi-channel images, together for RGB and single-channel ones")
	private String normalize_channels = IntensityScale.DEFAULT_CHANNELS;

	@Parameter(label = "Low percentile", min = "0", max = "100", stepSize = "0.1",
		description = "normalization=percentile: the value mapped to 0")
	private double low_percentile = IntensityScale.DEFAULT_LOW_PERCENTILE;

	@Parameter(label = "High percentile", min = "0", max = "100", stepSize = "0.1",
		description = "normalization=percentile: the value mapped to 1")
	private double high_percentile = IntensityScale.DEFAULT_HIGH_PERCENTILE;

	@Parameter(label = "Tile size (input pixels)", min = "16", max = "8192")
	private int tile_size = 256;

	@Parameter(label = "Tile overlap (-1 = exact)", min = "-1", max = "1024")
	private int tile_overlap = -1;

	@Parameter(label = "Output folder (optional)", required = false,
		style = FileWidget.DIRECTORY_STYLE)
	private File output_dir;

	@Parameter(label = "ImgLib2 image", required = false, persist = false, autoFill = false,
		visibility = ItemVisibility.INVISIBLE,
		description = "for scripts without ImageJ 1: dimensions X, Y[, C]; unsigned 8-bit with 3 channels is RGB")
	private RandomAccessibleInterval<?> img;

	@Parameter(type = ItemIO.OUTPUT, label = "Super-resolved")
	private ImagePlus super_resolved;

	/** The file listing the files of input_dir that failed, with their reasons (written only when one did). */
	static final String FAILED_CSV = "super_resolved_failed.csv";

	/** A folder run is for macros and headless lines (macros/*.ijm): the dialog works on the active image. */
	@Override
	public java.util.Set<String> scriptOnlyInputs() {
		return IMAGE_STAND_INS;
	}

	@Override
	protected void validate() throws Exception {
		notBlank(input_file, "input_file");
		notBlank(input_dir, "input_dir");
		eitherFileOrDir(input_file, input_dir);
		IntensityScale.checkPercentiles(low_percentile, high_percentile);
		IntensityScale.Channels.of(normalize_channels, "normalize_channels");
		notBlank(output_dir, "output_dir");
		outputDirNeededHeadless(output_dir);
		FolderRun.needsOutputDir(input_dir, output_dir);
		if (output_dir != null) AtomicOutputs.checkOutputDir(output_dir);
		OutputPaths.checkDistinct(output_dir, Collections.singletonMap("input_dir", input_dir));
	}

	@Override
	protected void execute() throws Exception {
		final SuperResolve.Options options = new SuperResolve.Options(tile_size, tile_overlap);
		if (output_dir != null) AtomicOutputs.checkOutputDir(output_dir);
		final File[] files = input_dir != null ? GroundTruths.imageFiles(input_dir, "input_dir") : null;
		final ImagePlus source = files == null ? sourceImage(image, input_file, img) : null;
		final ModelPackage pkg = ModelLocator.load(model, "model");
		final Rendering rendering = new Rendering(normalization, normalize_channels, low_percentile, high_percentile,
			float_output, pkg.toString());
		final Made made;
		try (SuperResolve workflow = new SuperResolve(pkg, options)) {
			if (files != null) {
				FolderRun.run(files, output_dir, new FileTask(workflow, Sharding.current().share(() -> PackedModel.of(
					pkg)), rendering), monitor(), new FolderFailures(getInfo().getLabel(), log), "super-resolved",
					FAILED_CSV);
				return;
			}
			made = rendering.apply(source, workflow, monitor());
		}
		super_resolved = made.image();
		if (output_dir != null) FolderRun.write(output_dir, made.files(), monitor());
	}

	/**
	 * How an image becomes its super-resolved image, the same for the image, {@code input_file} and each file of
	 * {@code input_dir}.
	 *
	 * @param model the model as the image's Info names it
	 */
	record Rendering(String normalization, String channels, double low, double high, boolean floatOutput,
		String model)
		implements Serializable
	{

		/** The super-resolved image of {@code source} (inside its selection's box) with its title and calibration. */
		Made apply(final ImagePlus source, final SuperResolve workflow, final Monitor monitor) {
			final ChannelScales scale = ImagePlusBridge.scalesOf(source, normalization, channels, low, high);
			final List<FloatImage> slices = ImagePlusBridge.toFloatImages(source, scale);
			// a selection limits the work to its bounding box (every plane)
			final java.awt.Rectangle roi = Selections.bounds(source);
			if (roi != null) slices.replaceAll(f -> f.crop(roi.y, roi.x, roi.height, roi.width));
			final SuperResolve.Result r = workflow.run(slices, monitor);
			final List<String> labels = new ArrayList<>();
			for (int s = 1; s <= slices.size(); s++) labels.add(source.getStack().getSliceLabel(s));
			final String title = ImageFiles.baseName(source.getTitle()) + "_x" + r.scale() + "_" + r.model();
			final OutputType type = floatOutput ? OutputType.FLOAT : ImagePlusBridge.typeOf(source);
			final ImagePlus out = ImagePlusBridge.carryDisplay(ImagePlusBridge.keepDimensions(ImagePlusBridge
				.toImagePlus(title, r.images(), labels, type, ImagePlusBridge.resampled(cropped(source.getCalibration(),
					roi), 1.0 / r.scale()), ImagePlusBridge.sliceScales(source, scale)), source), source);
			out.setProperty("Info", "FAIG Blind Super-Resolution with " + model + "\nnormalization: " + normalization +
				" (channels " + channels + ") " + scale + "\n");
			return new Made(out, r.images().size() == 1 && type == OutputType.BYTE);
		}
	}

	/** A super-resolved image, and whether a PNG of it is written too (one 8-bit or RGB plane). */
	record Made(ImagePlus image, boolean png) {

		/** Its output files: {@code <title>.tif}, and {@code <title>.png} when {@link #png}. */
		Map<String, AtomicOutputs.Writer> files() {
			final Map<String, AtomicOutputs.Writer> files = FolderRun.files();
			final String title = image.getTitle();
			files.put(title + ".tif", f -> ImageFiles.save(image, f));
			if (png) files.put(title + ".png", f -> ImageFiles.save(image, f));
			return files;
		}
	}

	/** One file of input_dir, super-resolved where it is sent (the model built once per JVM from the packed one). */
	private static final class FileTask extends FolderRun.FileTask<SuperResolve> {

		private static final long serialVersionUID = 1L;

		private final transient SuperResolve here;
		private final Shared<PackedModel> model;
		private final SuperResolve.Options options;
		private final Rendering rendering;

		FileTask(final SuperResolve here, final Shared<PackedModel> model, final Rendering rendering) {
			this.here = here;
			this.model = model;
			this.options = here.options();
			this.rendering = rendering;
		}

		@Override
		public SuperResolve open() {
			return new SuperResolve(model.get().unpack(), options);
		}

		@Override
		public SuperResolve opened() {
			return here;
		}

		@Override
		protected Map<String, AtomicOutputs.Writer> outputs(final SuperResolve state, final ImagePlus source,
			final Monitor monitor)
		{
			return rendering.apply(source, state, monitor).files();
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
