package io.github.faig.command;

import java.io.File;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.faig.ij.GroundTruths;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationOptions;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.degrade.SynthesizeDegradations;
import io.github.faig.degrade.SynthesizeDegradations.Variant;
import io.github.faig.ij.DegradedImages;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.ij.ImagePlusBridge.OutputType;
import io.github.faig.ij.ResultTables;
import io.github.faig.image.ChannelScales;
import io.github.faig.image.FloatImage;
import io.github.faig.image.IntensityScale;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.io.Rows;
import io.github.faig.workflow.Batch;
import io.github.faig.workflow.FolderRun;
import io.github.faig.workflow.Monitor;

/**
 * {@code Plugins>FAIG>FAIG Synthesize Degradations}: the paper's low-resolution inputs of an image (clean LR,
 * blurry, noisy, blur+noise; docs/method.md §1) as a labelled stack, with a table of the exact parameters of every
 * slice; how the variants are laid out is {@link DegradedImages}'s.
 */
@Plugin(type = Command.class, menu = { @Menu(label = "Plugins"), @Menu(label = "FAIG"), @Menu(label = "FAIG Synthesize Degradations",
		weight = 10) }, headless = true,
	label = "FAIG Synthesize Degradations")
public class SynthesizeDegradationsCommand extends ImageFolderCommand {

	@Parameter(label = "Clean LR", description = "downscale, quantise")
	private boolean with_clean = true;

	@Parameter(label = "Blur", description = "blur, downscale, quantise")
	private boolean with_blur = true;

	@Parameter(label = "Noise", description = "downscale, noise, quantise")
	private boolean with_noise = true;

	@Parameter(label = "Blur + noise", description = "blur, downscale, noise, quantise")
	private boolean with_blur_noise = true;

	@Parameter(label = "Blur sigma (HR pixels)", stepSize = "0.1", min = DegradationParams.BLUR_MIN)
	private double blur_sigma = DegradationParams.DEFAULT_BLUR_SIGMA;

	@Parameter(label = "Kernel size (odd)", min = DegradationParams.KERNEL_MIN, max = DegradationParams.KERNEL_MAX)
	private int kernel_size = DegradationParams.DEFAULT_KERNEL_SIZE;

	@Parameter(label = "Downscaling factor", min = "1", max = DegradationParams.SCALE_MAX)
	private int scale = DegradationParams.DEFAULT_SCALE;

	@Parameter(label = "Noise sigma ([0,1] scale)", stepSize = "0.01", min = DegradationParams.NOISE_MIN,
		description = "on the normalised scale: a fraction of the range that normalization maps to [0,1] (each " +
			"channel's own range by default)")
	private double noise_sigma = DegradationParams.DEFAULT_NOISE_SIGMA;

	@Parameter(label = "Random seed")
	private long seed = 0;

	@Parameter(label = "Quantise to the input's type",
		description = "8-bit and RGB as the reference, 16-bit to 16-bit levels, 32-bit unrounded; off gives 32-bit " +
			"output")
	private boolean quantize = true;

	@Parameter(label = "Output folder (optional)", required = false,
		style = FileWidget.DIRECTORY_STYLE,
		description = "Writes <name>_degraded.tif, one PNG per variant (single images) and <name>_parameters.csv")
	private File output_dir;

	@Parameter(type = ItemIO.OUTPUT, label = "Degraded")
	private ImagePlus degraded;

	@Parameter(type = ItemIO.OUTPUT, label = "FAIG degradation parameters")
	private ResultsTable parameters;

	/** The file listing the files of input_dir that failed, with their reasons (written only when one did). */
	static final String FAILED_CSV = "degraded_failed.csv";

	@Override
	protected boolean folderRunsWriteOutputDir() {
		return true;
	}

	@Override
	protected void validate() throws Exception {
		super.validate();
		if (!(with_clean || with_blur || with_noise || with_blur_noise)) {
			throw new IllegalArgumentException("no variant was chosen: set at least one of with_clean, with_blur, " +
				"with_noise, with_blur_noise to true");
		}
		new DegradationParams(blur_sigma, kernel_size, scale, noise_sigma);
	}

	@Override
	protected void execute() throws Exception {
		final Synthesis synthesis = new Synthesis(new DegradationOptions(blur_sigma, kernel_size, noise_sigma, seed),
			scale, chosenVariants(), quantize, normalization, normalize_channels, low_percentile, high_percentile);
		if (input_dir != null) {
			runFolder(output_dir, Batch.stateless(sharding()), (none, file, m) -> synthesis.apply(ImageFiles.open(file,
				ImageFiles.fileOf("input_dir")), m).files(), "degraded", FAILED_CSV);
			return;
		}
		final Made made = synthesis.apply(source(), monitor());
		degraded = made.degraded();
		parameters = ResultTables.of(made.parameters());
		if (output_dir != null) FolderRun.write(output_dir, made.files(), monitor());
	}

	/** The variants of an image, their parameter table, and the files they are written as. */
	record Made(ImagePlus degraded, Rows parameters, Map<String, AtomicOutputs.Writer> files) {}

	/**
	 * How an image becomes its degraded variants, the same for the image, {@code input_file} and each file of
	 * {@code input_dir}.
	 */
	record Synthesis(DegradationOptions degradation, int scale, EnumSet<Degradation> variants, boolean quantize,
		String normalization, String channels, double low, double high) implements Serializable
	{

		Made apply(final ImagePlus source, final Monitor monitor) {
			// each channel on its own scale by default: noise_sigma is then a fraction of each channel's own range
			final ChannelScales scales = ImagePlusBridge.scalesOf(source, normalization, channels, low, high);
			final OutputType type = quantize ? ImagePlusBridge.typeOf(source) : OutputType.FLOAT;
			// 8-bit levels on the [0, 1] scale are the reference's quantisation only for 8-bit data in its type range;
			// any other case rounds to the output type's own levels after the inverse map
			final boolean byteLevels = quantize && type == OutputType.BYTE && scales.isTypeRange(255);
			// noise beyond a fixed range (12-bit data's [0, 4095]) is clipped where the camera would saturate
			final SynthesizeDegradations.Options options = new SynthesizeDegradations.Options(degradation, scale,
				variants, byteLevels, ImagePlusBridge.fixedRange(source, normalization, channels));
			final List<FloatImage> slices = ImagePlusBridge.toFloatImages(source, scales);
			final List<List<Variant>> made = new SynthesizeDegradations(options).run(slices, monitor).variants();
			final List<String> names = new ArrayList<>();
			for (int s = 1; s <= slices.size(); s++) names.add(GroundTruths.sliceName(source, s));
			final DegradedImages.Shown shown = DegradedImages.of(source, made, scales, names, type, scale, normalization,
				channels);
			return new Made(shown.image(), shown.parameters(), files(ImageFiles.baseName(source.getTitle()), shown,
				type, slices.size() == 1));
		}

		/** {@code <base>_degraded.tif}, one PNG per variant of a single 8-bit or RGB image, {@code <base>_parameters.csv}. */
		private static Map<String, AtomicOutputs.Writer> files(final String base, final DegradedImages.Shown shown,
			final OutputType type, final boolean singleImage)
		{
			final Map<String, AtomicOutputs.Writer> files = FolderRun.files();
			files.put(base + "_degraded.tif", f -> ImageFiles.save(shown.image(), f));
			if (singleImage && type == OutputType.BYTE) {
				for (int i = 0; i < shown.planes().size(); i++) {
					final String variant = (String) shown.parameters().value(i, "variant");
					final ImagePlus picture = ImagePlusBridge.carryDisplay(ImagePlusBridge.toImagePlus(shown.labels().get(
						i), List.of(shown.planes().get(i)), null, type, shown.image().getCalibration(), List.of(shown
							.scales().get(i))), shown.image());
					files.put(base + "_" + variant.replace('+', '_') + ".png", f -> ImageFiles.save(picture, f));
				}
			}
			files.putAll(AtomicOutputs.tableWriters(base + "_parameters", shown.parameters()));
			return files;
		}
	}

	private EnumSet<Degradation> chosenVariants() {
		final EnumSet<Degradation> variants = EnumSet.noneOf(Degradation.class);
		if (with_clean) variants.add(Degradation.CLEAN);
		if (with_blur) variants.add(Degradation.BLUR);
		if (with_noise) variants.add(Degradation.NOISE);
		if (with_blur_noise) variants.add(Degradation.BLUR_NOISE);
		return variants;
	}
}
