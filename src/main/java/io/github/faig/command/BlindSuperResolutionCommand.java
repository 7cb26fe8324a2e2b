package io.github.faig.command;

import java.io.File;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
import io.github.faig.image.ChannelScales;
import io.github.faig.image.FloatImage;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.nn.io.ModelLocator;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.sr.SuperResolve;
import io.github.faig.workflow.Monitor;
import io.github.faig.nn.io.PackedModel;
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
public class BlindSuperResolutionCommand extends ImageFolderCommand {

	/** The bundled model used when none is named. */
	public static final String DEFAULT_MODEL = "msrresnet-x2-target";

	@Parameter(label = "Model (bundled name or package path)", style = MODEL_STYLE,
		description = "e.g. msrresnet-x2-target, srcnn-x2-baseline, or a model folder/zip")
	private String model = DEFAULT_MODEL;

	@Parameter(label = "32-bit output",
		description = "off: the input's type (RGB, 8-bit, 16-bit, 32-bit), rounded half to even; on: 32-bit, " +
			"unrounded; both in the input's own value range")
	private boolean float_output = false;

	@Parameter(label = "Tile size (input pixels)", min = "16", max = "8192")
	private int tile_size = 256;

	@Parameter(label = "Tile overlap (-1 = exact)", min = "-1", max = "1024")
	private int tile_overlap = -1;

	@Parameter(label = "Output folder (optional)", required = false,
		style = FileWidget.DIRECTORY_STYLE)
	private File output_dir;

	@Parameter(type = ItemIO.OUTPUT, label = "Super-resolved")
	private ImagePlus super_resolved;

	/** The file listing the files of input_dir that failed, with their reasons (written only when one did). */
	static final String FAILED_CSV = "super_resolved_failed.csv";

	@Override
	protected boolean folderRunsWriteOutputDir() {
		return true;
	}

	@Override
	protected void execute() throws Exception {
		final SuperResolve.Options options = new SuperResolve.Options(tile_size, tile_overlap);
		final File[] files = input_dir != null ? inputFiles() : null;
		final ImagePlus source = files == null ? source() : null;
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
		String model) implements Serializable
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
