package io.github.faig.command;

import io.github.faig.ij.GroundTruths;
import io.github.faig.workflow.FolderFailures;

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

import ij.measure.ResultsTable;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.PredictionSources;
import io.github.faig.ij.ResultTables;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.io.Rows;
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

	@Parameter(label = "T_reblur (-1 = calibrated)", description = "blur-under-noise only: an image called noisy " +
		"is called blurry too when its re-blur read-out exceeds this (higher: fewer noisy images called blurry, " +
		"fewer blurry ones found; README)")
	private double t_reblur = -1;

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
		usedOnly("t_reblur", t_reblur, -1.0, options().decisionRule() == DecisionRule.BLUR_UNDER_NOISE,
			"with decision_rule=blur-under-noise");
	}

	private PredictionOptions options() {
		return new PredictionOptions(filter_sets, t_blur, t_noise, DecisionRule.parse(decision_rule), t_reblur);
	}

	@Override
	protected void execute() throws Exception {
		final List<PredictDegradation.Source> sources = sources();
		final Rows rows = new Rows();
		final FolderFailures failures = folderFailures();
		try (PredictDegradation p = new PredictDegradation(options())) {
			// one source at a time here, or one per task with --spark; a folder goes on past a bad file
			for (final PredictDegradation.Outcome o : p.predictAll(sources, input_dir != null, sharding(), monitor())) {
				if (o.failure() != null) failures.add(o.source(), o.failure());
				for (int k = 0; k < o.results().size(); k++) addRow(rows, o.images().get(k), o.results().get(k));
			}
		}
		predictions = ResultTables.of(rows);
		write(rows, failures);
		failures.check(sources.size(), "predicted", output_dir != null ? FAILED_CSV : null);
	}

	private void write(final Rows rows, final FolderFailures failures) throws IOException {
		if (output_dir == null) return;
		try (AtomicOutputs out = new AtomicOutputs(output_dir)) {
			out.table("predictions", rows);
			if (input_dir != null) failures.write(out, FAILED_CSV);
			checkCancelled();
			out.commit();
		}
	}

	/** The file of the files of {@code input_dir} that failed, with their reasons (header only when none did). */
	static final String FAILED_CSV = "predictions_failed.csv";

	private void addRow(final Rows rows, final PredictDegradation.Image in, final PredictDegradation.Result r) {
		r.addRow(rows, in);
		final DegradationPredictor.Prediction d = r.prediction();
		log.info(String.format(Locale.ROOT, "%s: OS_blur %.3f, OS_noise %.3f%s -> %s", in.name(), d.scores().blur(), d
			.scores().noise(), r.rule() == DecisionRule.PAPER ? "" : String.format(Locale.ROOT, ", re-blur %.3f", d
				.scores().reblur()), d.decision().label()));
	}

	private List<PredictDegradation.Source> sources() {
		final List<PredictDegradation.Source> out = new ArrayList<>();
		// named inputs win over the image Fiji fills in (the active one): a macro means the files it names
		if (input_dir != null) {
			for (final File f : GroundTruths.imageFiles(input_dir, "input_dir")) {
				out.add(new PredictionSources.FileSource(f, normalization, normalize_channels, low_percentile,
					high_percentile));
			}
			return out;
		}
		final List<PredictDegradation.Image> planes;
		if (input_file != null) planes = PredictionSources.planes(ImageFiles.open(input_file, "input_file"),
			input_file.getName(), normalization, normalize_channels, low_percentile, high_percentile);
		else if (img != null) planes = PredictionSources.planes(sourceImage(image, null, img), "img", normalization,
			normalize_channels, low_percentile, high_percentile);
		else if (image != null) planes = PredictionSources.planes(image, ImageFiles.baseName(image.getTitle()),
			normalization, normalize_channels, low_percentile, high_percentile);
		else throw new IllegalArgumentException("no image: open one, or give input_file or input_dir");
		for (final PredictDegradation.Image in : planes) out.add(new PredictionSources.Plane(in));
		return out;
	}
}
