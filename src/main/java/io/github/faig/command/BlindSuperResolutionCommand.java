package io.github.faig.command;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.SuperResolvedImages;
import io.github.faig.nn.io.ModelLocator;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.sr.SuperResolve;
import io.github.faig.nn.io.PackedModel;
import io.github.faig.workflow.Batch;
import io.github.faig.workflow.FolderRun;

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
		final SuperResolvedImages.Rendering rendering = new SuperResolvedImages.Rendering(normalization, normalize_channels,
			low_percentile, high_percentile, float_output, pkg.toString());
		final SuperResolvedImages.Made made;
		try (SuperResolve workflow = new SuperResolve(pkg, options)) {
			if (files != null) {
				// the model is built once per JVM, from the packed one elsewhere
				runFolder(output_dir, Batch.of(sharding(), workflow, () -> PackedModel.of(pkg), m -> new SuperResolve(m
					.unpack(), options)), (s, file, m) -> rendering.apply(ImageFiles.open(file, ImageFiles.fileOf("input_dir")), s, m).files(),
					"super-resolved", FAILED_CSV);
				return;
			}
			made = rendering.apply(source, workflow, monitor());
		}
		super_resolved = made.image();
		if (output_dir != null) FolderRun.write(output_dir, made.files(), monitor());
	}
}
