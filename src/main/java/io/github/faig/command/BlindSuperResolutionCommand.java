package io.github.faig.command;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.ij.ImagePlusBridge.OutputType;
import io.github.faig.image.FloatImage;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.nn.io.ModelLocator;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.sr.SrModel;

/**
 * {@code Plugins>FAIG>FAIG Blind Super-Resolution}: the super-resolved image (×scale, pixel size divided by the
 * scale) of an RGB, grey or stack image through a one-branch SR network, tile by tile so any size runs in bounded
 * memory.
 */
@Plugin(type = Command.class, menuPath = "Plugins>FAIG>FAIG Blind Super-Resolution", headless = true,
	label = "FAIG Blind Super-Resolution")
public class BlindSuperResolutionCommand extends FaigCommand {

	/** The bundled model used when none is named. */
	public static final String DEFAULT_MODEL = "msrresnet-x2-target";

	@Parameter(label = "Image", required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "Input file (headless)", required = false, persist = false, style = FileWidget.OPEN_STYLE)
	private File input_file;

	@Parameter(label = "Model (bundled name or package path)", persist = false,
		description = "e.g. msrresnet-x2-target, srcnn-x2-baseline, or a model folder/zip")
	private String model = DEFAULT_MODEL;

	@Parameter(label = "32-bit output", persist = false,
		description = "off: 8-bit (clamp to [0,1], x255, round half to even) as the reference")
	private boolean float_output = false;

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
		notBlank(output_dir, "output_dir");
		outputDirNeededHeadless(output_dir);
		if (output_dir != null) AtomicOutputs.checkOutputDir(output_dir);
	}

	@Override
	protected void execute() throws Exception {
		if (tile_size < 16) throw new IllegalArgumentException("tile_size must be >= 16, got " + tile_size);
		if (output_dir != null) AtomicOutputs.checkOutputDir(output_dir);
		final ImagePlus source = sourceImage(image, input_file);
		final List<FloatImage> slices = ImagePlusBridge.toFloatImages(source);
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
		final OutputType type = float_output ? OutputType.FLOAT : OutputType.BYTE;
		super_resolved = ImagePlusBridge.toImagePlus(title, outputs, labels, type, ImagePlusBridge.resampled(source
			.getCalibration(), 1.0 / pkg.spec().scale()));
		super_resolved.setProperty("Info", "FAIG Blind Super-Resolution with " + pkg + "\n");
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
}
