package io.github.faig.command;

import java.awt.Rectangle;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.ij.ResultTables;
import io.github.faig.ij.Tables;
import io.github.faig.image.FloatImage;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.prediction.DecisionRule;
import io.github.faig.prediction.DegradationPredictor;
import io.github.faig.prediction.PredictDegradation;
import io.github.faig.prediction.PredictionModels;
import io.github.faig.prediction.PredictionOptions;

/**
 * {@code Plugins>FAIG>FAIG Predict Degradation}: whether an image (each slice, or each file headless) contains blur
 * and/or noise, from the overlap of its own top FAIG filters with the discovered filter sets (paper §4.3), scored
 * and thresholded exactly as calibrated. Defaults to the sample pair's shipped filter sets and thresholds.
 */
@Plugin(type = Command.class, menu = { @Menu(label = "Plugins"), @Menu(label = "FAIG"), @Menu(label = "FAIG Predict Degradation",
		weight = 60) }, headless = true,
	label = "FAIG Predict Degradation")
public class PredictDegradationCommand extends ImageFolderCommand {

	@Parameter(label = "Filter sets (folder or bundled name)", required = false,
		style = FILTER_SETS_STYLE)
	private String filter_sets = PredictionModels.DEFAULT_FILTER_SETS;

	@Parameter(label = "T_blur (-1 = calibrated)")
	private double t_blur = -1;

	@Parameter(label = "T_noise (-1 = calibrated)")
	private double t_noise = -1;

	@Parameter(label = "Decision rule", choices = { "paper", "blur-under-noise" }, description = "paper: the " +
		"paper's rule (OS thresholds); blur-under-noise: beyond the paper, blur of inputs called noisy decided on " +
		"their denoised version (README, RESULTS.md §3.1)")
	private String decision_rule = "paper";

	@Parameter(label = "Output folder (optional)", required = false,
		style = FileWidget.DIRECTORY_STYLE, description = "writes predictions.csv, one row per file or slice")
	private File output_dir;

	@Parameter(type = ItemIO.OUTPUT, label = "Results")
	private ResultsTable predictions;

	/** Each prediction is also a line of the log, so a headless line may leave output_dir out. */
	@Override
	protected boolean outputDirOptionalHeadless() {
		return true;
	}

	@Override
	protected void validate() throws Exception {
		super.validate();
		options();
	}

	private PredictionOptions options() {
		return new PredictionOptions(filter_sets, t_blur, t_noise, DecisionRule.parse(decision_rule));
	}

	@Override
	protected void execute() throws Exception {
		final List<PredictDegradation.Source> sources = sources();
		predictions = new ResultsTable();
		final FolderFailures failures = new FolderFailures(getInfo().getLabel(), log);
		try (PredictDegradation p = new PredictDegradation(options())) {
			// one source at a time here, or one per task with --spark; a folder goes on past a bad file
			for (final PredictDegradation.Outcome o : p.predictAll(sources, input_dir != null, monitor())) {
				if (o.failure() != null) failures.add(o.source(), o.failure());
				for (int k = 0; k < o.results().size(); k++) addRow(o.images().get(k), o.results().get(k));
			}
		}
		write(failures);
		failures.check(sources.size(), "predicted", output_dir != null ? FAILED_CSV : null);
	}

	private void write(final FolderFailures failures) throws IOException {
		if (output_dir == null) return;
		try (AtomicOutputs out = new AtomicOutputs(output_dir)) {
			out.write("predictions.csv", f -> Tables.saveCsv(predictions, f));
			if (input_dir != null) failures.write(out, FAILED_CSV);
			checkCancelled();
			out.commit();
		}
	}

	/** The file of the files of {@code input_dir} that failed, with their reasons (header only when none did). */
	static final String FAILED_CSV = "predictions_failed.csv";

	private void addRow(final PredictDegradation.Image in, final PredictDegradation.Result r) {
		ResultTables.addPrediction(predictions, in, r);
		final DegradationPredictor.Prediction d = r.prediction();
		log.info(String.format(Locale.ROOT, "%s: OS_blur %.3f, OS_noise %.3f%s -> %s", in.name(), d.scores().blur(), d
			.scores().noise(), r.rule() == DecisionRule.PAPER ? "" : String.format(Locale.ROOT, ", re-blur %.3f", d
				.scores().reblur()), d.decision().label()));
	}

	/** A file of {@code input_dir}, read by whichever JVM predicts it. */
	private record FileSource(File file, String normalization, String channels, double low, double high) implements
		PredictDegradation.Source
	{

		@Override
		public String name() {
			return file.getName();
		}

		@Override
		public List<PredictDegradation.Image> images() {
			return planes(ImageFiles.open(file, "input_dir"), file.getName(), normalization, channels, low, high);
		}
	}

	/** A plane already read (of input_file or the image). */
	private record Plane(PredictDegradation.Image image) implements PredictDegradation.Source {

		@Override
		public String name() {
			return image.name();
		}

		@Override
		public List<PredictDegradation.Image> images() {
			return List.of(image);
		}
	}

	private List<PredictDegradation.Source> sources() {
		final List<PredictDegradation.Source> out = new ArrayList<>();
		// named inputs win over the image Fiji fills in (the active one): a macro means the files it names
		if (input_dir != null) {
			for (final File f : GroundTruths.imageFiles(input_dir, "input_dir")) {
				out.add(new FileSource(f, normalization, normalize_channels, low_percentile, high_percentile));
			}
			return out;
		}
		final List<PredictDegradation.Image> planes;
		if (input_file != null) planes = planes(ImageFiles.open(input_file, "input_file"), input_file.getName(),
			normalization, normalize_channels, low_percentile, high_percentile);
		else if (img != null) planes = planes(sourceImage(image, null, img), "img", normalization, normalize_channels,
			low_percentile, high_percentile);
		else if (image != null) planes = planes(image, ImageFiles.baseName(image.getTitle()), normalization,
			normalize_channels, low_percentile, high_percentile);
		else throw new IllegalArgumentException("no image: open one, or give input_file or input_dir");
		for (final PredictDegradation.Image in : planes) out.add(new Plane(in));
		return out;
	}

	/** Every plane of {@code imp} (inside its selection, if any), named {@code name:plane} when there are several. */
	private static List<PredictDegradation.Image> planes(final ImagePlus imp, final String name,
		final String normalization, final String channels, final double low, final double high)
	{
		final List<PredictDegradation.Image> out = new ArrayList<>();
		// each channel on its own scale by default, so its decision does not depend on its brightness
		final List<FloatImage> slices = ImagePlusBridge.toFloatImages(imp, ImagePlusBridge.scalesOf(imp, normalization,
			channels, low, high));
		final Rectangle roi = Selections.bounds(imp);
		for (int s = 0; s < slices.size(); s++) {
			final int[] czt = imp.convertIndexToPosition(s + 1);
			FloatImage img = slices.get(s).asRgb();
			if (roi != null) img = img.crop(roi.y, roi.x, roi.height, roi.width);
			out.add(new PredictDegradation.Image(name + (slices.size() > 1 ? ":" + (s + 1) : ""), img, czt[0], czt[1],
				czt[2]));
		}
		return out;
	}
}
