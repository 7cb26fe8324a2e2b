package io.github.faig.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.measure.ResultsTable;
import io.github.faig.attribution.FilterSets;
import io.github.faig.attribution.Quadrature;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.ij.Tables;
import io.github.faig.image.FloatImage;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.io.OutputPaths;
import io.github.faig.nn.io.ModelLocator;
import io.github.faig.nn.Tensor;
import io.github.faig.nn.io.Npy;
import io.github.faig.prediction.DegradationPredictor;
import io.github.faig.prediction.LabelledInputs;
import io.github.faig.prediction.PredictionSettings;
import io.github.faig.prediction.ThresholdCalibration;
import io.github.faig.prediction.Thresholds;

/**
 * {@code Plugins>FAIG>FAIG Calibrate Thresholds}: fixes T_blur and T_noise of degradation prediction on labelled
 * inputs synthesised from ground-truth images (all four classes), stores them — with the scoring settings — in the
 * filter sets' {@code filter_sets.json}, and reports accuracy and the confusion matrix, also on held-out images
 * when given.
 */
@Plugin(type = Command.class, menu = { @Menu(label = "Plugins"), @Menu(label = "FAIG"), @Menu(label = "FAIG Calibrate Thresholds",
		weight = 50) }, headless = true,
	label = "FAIG Calibrate Thresholds")
public class CalibrateThresholdsCommand extends FaigCommand {

	@Parameter(label = "Filter sets (folder or bundled name)", persist = false, style = FileWidget.DIRECTORY_STYLE)
	private File filter_sets;

	@Parameter(label = "Output folder for the calibrated sets (empty: update your own filter_sets in place)",
		required = false, persist = false, style = FileWidget.DIRECTORY_STYLE,
		description = "bundled or installed sets are never changed: their calibrated copy goes here")
	private File output_dir;

	@Parameter(label = "Calibration images (ground truth)", persist = false, style = FileWidget.DIRECTORY_STYLE)
	private File input_dir;

	@Parameter(label = "Held-out test images (optional)", required = false, persist = false,
		style = FileWidget.DIRECTORY_STYLE)
	private File test_dir;

	@Parameter(label = "Baseline model (empty: as the filter sets say)", required = false, persist = false,
		style = MODEL_STYLE)
	private String baseline_model;

	@Parameter(label = "Target model (empty: as the filter sets say)", required = false, persist = false,
		style = MODEL_STYLE)
	private String target_model;

	@Parameter(label = "Top percent", min = "0.01", max = "100", persist = false)
	private double percent = 1.0;

	@Parameter(label = "Path steps N", min = "1", persist = false)
	private int steps = 20;

	@Parameter(label = "Quadrature", choices = { "trapezoid", "riemann", "gauss-legendre" }, persist = false)
	private String quadrature = "trapezoid";

	@Parameter(label = "Pseudo ground truth", choices = { "target", "baseline" }, persist = false,
		description = "the output that stands in for the missing ground truth")
	private String pseudo_truth = "target";

	@Parameter(label = "LR crop size (0 = whole images)", min = "0", persist = false)
	private int crop_size = 64;

	@Parameter(label = "Crops per image", min = "1", persist = false)
	private int crops = 2;

	@Parameter(label = "Blur sigma", persist = false, min = DegradationParams.BLUR_MIN)
	private double blur_sigma = DegradationParams.DEFAULT_BLUR_SIGMA;

	@Parameter(label = "Kernel size", persist = false, min = DegradationParams.KERNEL_MIN, max = DegradationParams.KERNEL_MAX)
	private int kernel_size = DegradationParams.DEFAULT_KERNEL_SIZE;

	@Parameter(label = "Noise sigma", persist = false, min = DegradationParams.NOISE_MIN)
	private double noise_sigma = DegradationParams.DEFAULT_NOISE_SIGMA;

	@Parameter(label = "Random seed", persist = false)
	private long seed = 0;

	@Parameter(label = "Save per-filter scores (calibration_attributions.npy)", persist = false)
	private boolean save_attributions = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Calibration report")
	private ResultsTable report;

	@Parameter(type = ItemIO.OUTPUT, label = "Confusion matrix")
	private ResultsTable confusion;

	@Parameter(type = ItemIO.OUTPUT, label = "Scores")
	private ResultsTable scores;

	private final List<float[]> attributions = new ArrayList<>();

	@Override
	protected void validate() throws Exception {
		notBlank(test_dir, "test_dir");
		notBlank(output_dir, "output_dir");
		if (input_dir == null || input_dir.getPath().isBlank()) {
			throw new IllegalArgumentException("input_dir was not given: expected a folder of calibration images");
		}
		GroundTruths.imageFiles(input_dir, "input_dir");
		if (test_dir != null) GroundTruths.imageFiles(test_dir, "test_dir");
		Quadrature.parse(quadrature).rule(steps);
		if (output_dir != null) AtomicOutputs.checkOutputDir(output_dir);
	}

	@Override
	protected void execute() throws Exception {
		final File sets = PredictionContext.resolveSetsFolder(filter_sets);
		final File dest = output_dir != null ? output_dir : sets;
		final boolean inPlace = dest.getCanonicalFile().equals(sets.getCanonicalFile());
		for (final File root : ModelLocator.roots()) {
			if (OutputPaths.isUnder(dest.getCanonicalFile(), root.getCanonicalFile())) {
				throw new IllegalArgumentException((output_dir != null ? "output_dir '" + dest : "filter_sets '" + sets) +
					"' lies among the bundled or installed models, which calibration never changes: give output_dir, a " +
					"folder of your own for the calibrated copy");
			}
		}
		AtomicOutputs.checkOutputDir(dest);
		OutputPaths.checkDistinct(dest, Map.of("input_dir", input_dir, "test_dir", test_dir != null ? test_dir
			: input_dir));
		final Quadrature rule = Quadrature.parse(quadrature);
		final DegradationPredictor.PseudoTruth pseudo = DegradationPredictor.PseudoTruth.parse(pseudo_truth);
		try (PredictionContext pc = new PredictionContext(sets, baseline_model, target_model, pseudo)) {
			final DegradationParams p = new DegradationParams(blur_sigma, kernel_size, pc.target.spec().scale(),
				noise_sigma);
			final DegradationPredictor predictor = new DegradationPredictor(pc.engine, pc.truth, pc.sets, percent, rule,
				steps, this::isCanceled);
			scores = new ResultsTable();
			final List<ThresholdCalibration.Sample> cal = score(predictor, input_dir, "input_dir", p, "calibration");
			final Thresholds t = ThresholdCalibration.calibrate(cal);
			report = new ResultsTable();
			confusion = new ResultsTable();
			final ThresholdCalibration.Report calReport = ThresholdCalibration.evaluate(cal, t);
			addReport("calibration", calReport);
			if (test_dir != null) {
				addReport("held-out test", ThresholdCalibration.evaluate(score(predictor, test_dir, "test_dir", p, "test"),
					t));
			}
			// a calibration that separates nothing must not replace a working one
			final String degenerate = ThresholdCalibration.degenerate(cal, t);
			if (degenerate != null) {
				throw new IllegalStateException("the calibration is degenerate (" + degenerate + "); the stored " +
					"thresholds were kept. Check percent, steps and the calibration images");
			}
			final FilterSets updated = pc.sets.with(PredictionSettings.KEY, new PredictionSettings(percent, steps, rule,
				pseudo, t).toJson());
			try (AtomicOutputs out = new AtomicOutputs(dest)) {
				if (!inPlace) {
					out.write(FilterSets.BLUR_FILE, f -> Files.copy(new File(sets, FilterSets.BLUR_FILE).toPath(), f.toPath(),
						StandardCopyOption.REPLACE_EXISTING));
					out.write(FilterSets.NOISE_FILE, f -> Files.copy(new File(sets, FilterSets.NOISE_FILE).toPath(), f
						.toPath(), StandardCopyOption.REPLACE_EXISTING));
				}
				// the previous calibration there stays recoverable
				PreviousSets.keep(out, dest);
				out.write(FilterSets.JSON, f -> updated.writeJson(f, pc.sets.extra().has("provenance") ? pc.sets.extra()
					.getAsJsonObject("provenance") : null));
				out.write("calibration_report.csv", f -> Tables.saveCsv(report, f));
				out.write("calibration_confusion.csv", f -> Tables.saveCsv(confusion, f));
				out.write("calibration_scores.csv", f -> Tables.saveCsv(scores, f));
				if (save_attributions) out.write("calibration_attributions.npy", this::writeAttributions);
				checkCancelled();
				out.commit();
			}
			log.info(String.format(Locale.ROOT, "FAIG Calibrate Thresholds: T_blur %.4f, T_noise %.4f -> %s", t.blur(), t
				.noise(), dest));
			Tables.show(report, "FAIG calibration report");
			Tables.show(confusion, "FAIG confusion matrix");
		}
	}

	private List<ThresholdCalibration.Sample> score(final DegradationPredictor predictor, final File dir,
		final String param, final DegradationParams p, final String set)
	{
		final List<String> names = new ArrayList<>();
		if (dir == null) throw new IllegalArgumentException(param + " was not given");
		final List<FloatImage> gts = GroundTruths.load(null, dir, names);
		final List<LabelledInputs.Input> inputs = LabelledInputs.make(gts, names, p, seed, crop_size, crops);
		final List<ThresholdCalibration.Sample> out = new ArrayList<>();
		final long t0 = System.nanoTime();
		for (int i = 0; i < inputs.size(); i++) {
			final double el = (System.nanoTime() - t0) / 1e9;
			progress(String.format(Locale.ROOT, "Scoring %s input %d/%d, about %s left", set, i + 1, inputs.size(),
				io.github.faig.workflow.Durations.approximate(i == 0 ? 0 : el / i * (inputs.size() - i))), i, inputs.size());
			final LabelledInputs.Input in = inputs.get(i);
			final long t1 = System.nanoTime();
			final float[] filterScores = predictor.filterScores(in.lr());
			final DegradationPredictor.Scores s = predictor.scores(filterScores, (System.nanoTime() - t1) / 1e9);
			if (save_attributions) attributions.add(filterScores);
			out.add(new ThresholdCalibration.Sample(in.label(), s));
			scores.incrementCounter();
			scores.addValue("set", set);
			scores.addValue("input", in.name());
			scores.addValue("label", in.label().label());
			scores.addValue("os_blur", s.blur());
			scores.addValue("os_noise", s.noise());
			scores.addValue("seconds", s.seconds());
		}
		return out;
	}

	/** Rows in the order of calibration_scores.csv, one column per filter: S_i(x) of every scored input. */
	private void writeAttributions(final File f) throws IOException {
		final int n = attributions.size();
		final int filters = attributions.get(0).length;
		final float[] all = new float[n * filters];
		for (int i = 0; i < n; i++) System.arraycopy(attributions.get(i), 0, all, i * filters, filters);
		Files.write(f.toPath(), Npy.write(new Tensor(new long[] { n, filters }, all)));
	}

	private void addReport(final String set, final ThresholdCalibration.Report r) {
		report.incrementCounter();
		report.addValue("set", set);
		report.addValue("samples", r.samples());
		report.addValue("t_blur", r.thresholds().blur());
		report.addValue("t_noise", r.thresholds().noise());
		report.addValue("blur_accuracy", r.blurAccuracy());
		report.addValue("noise_accuracy", r.noiseAccuracy());
		report.addValue("blur_balanced_accuracy", r.blurBalanced());
		report.addValue("noise_balanced_accuracy", r.noiseBalanced());
		report.addValue("four_class_accuracy", r.exactAccuracy());
		for (final Degradation truth : Degradation.values()) {
			confusion.incrementCounter();
			confusion.addValue("set", set);
			confusion.addValue("true", truth.label());
			for (final Degradation pred : Degradation.values()) {
				confusion.addValue("predicted_" + pred.label().replace('+', '_'), r.confusion()[truth.ordinal()][pred
					.ordinal()]);
			}
		}
	}
}
