package io.github.faig.prediction;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.faig.attribution.FilterSets;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.image.FloatImage;
import io.github.faig.io.OutputPaths;
import io.github.faig.io.Rows;
import io.github.faig.nn.Tensor;
import io.github.faig.nn.io.ModelLocator;
import io.github.faig.workflow.Batch;
import io.github.faig.workflow.Monitor;
import io.github.faig.workflow.Sharding;
import io.github.faig.workflow.ShippedFiles;

/**
 * Fixes T_blur and T_noise of degradation prediction: ground-truth images are synthesised in all four classes
 * ({@link LabelledInputs}), each labelled input is scored like a prediction ({@link #score}), and the thresholds
 * are calibrated from all the scores ({@link #finish}, by balanced accuracy, {@link ThresholdFit}); held-out
 * images are scored and evaluated with them. The model pair is loaded once; close it.
 */
public final class CalibrateThresholds implements AutoCloseable {

	/** Which set an input belongs to, as the scores table names it. */
	public static final String CALIBRATION = "calibration";
	public static final String TEST = "test";

	/** One scored labelled input, with its whole per-filter score vector S_i(x) in the models' filter numbering. */
	public record Score(String set, String name, Degradation label, DegradationPredictor.Scores scores,
		float[] filterScores) implements Serializable
	{

		public ThresholdFit.Sample sample() {
			return new ThresholdFit.Sample(label, scores);
		}
	}

	/**
	 * A calibration: the thresholds, the figures on the calibration inputs and (if any) on the held-out ones, every
	 * score (calibration first), and the filter sets with the settings stored in them.
	 */
	public record Result(Thresholds thresholds, ThresholdFit.Report calibration,
		ThresholdFit.Report test, List<Score> scores, FilterSets calibrated)
	{

		/** The per-filter scores, one row per entry of {@link #scores()}. */
		public Tensor attributions() {
			final int n = scores.size();
			final int filters = scores.get(0).filterScores().length;
			final float[] all = new float[n * filters];
			for (int i = 0; i < n; i++) System.arraycopy(scores.get(i).filterScores(), 0, all, i * filters, filters);
			return new Tensor(new long[] { n, filters }, all);
		}

		/** calibration_scores.csv: one row per score, in the order of {@link #attributions()}. */
		public Rows scoreRows() {
			final Rows t = new Rows();
			for (final Score s : scores) {
				t.add().text("set", s.set()).text("input", s.name()).text("label", s.label().label()).real("os_blur", s
					.scores().blur()).real("os_noise", s.scores().noise()).real("seconds", s.scores().seconds()).real(
						"reblur", s.scores().reblur());
			}
			return t;
		}

		/** calibration_report.csv: one row for the calibration, one for the held-out test when there is one. */
		public Rows reportRows() {
			final Rows t = new Rows();
			for (final Map.Entry<String, ThresholdFit.Report> e : reports().entrySet()) {
				final ThresholdFit.Report r = e.getValue();
				t.add().text("set", e.getKey()).integer("samples", r.samples())
					.real("t_blur", r.thresholds().blur()).real("t_noise", r.thresholds().noise()).real("blur_accuracy", r
						.blurAccuracy()).real("noise_accuracy", r.noiseAccuracy()).real("blur_balanced_accuracy", r
							.blurBalanced()).real("noise_balanced_accuracy", r.noiseBalanced()).real("four_class_accuracy", r
								.exactAccuracy()).real("t_reblur", r.thresholds().reblur());
			}
			return t;
		}

		/** calibration_confusion.csv: per report, one row per true class, one column per predicted class. */
		public Rows confusionRows() {
			final Rows t = new Rows();
			for (final Map.Entry<String, ThresholdFit.Report> e : reports().entrySet()) {
				final ThresholdFit.Report r = e.getValue();
				for (final Degradation truth : Degradation.values()) {
					final Rows.Row row = t.add().text("set", e.getKey()).text("true", truth.label());
					for (final Degradation pred : Degradation.values()) {
						row.integer("predicted_" + pred.label().replace('+', '_'), r.confusion()[truth.ordinal()][pred
							.ordinal()]);
					}
				}
			}
			return t;
		}

		/** The reports by the name of their set: the calibration, then the held-out test when there is one. */
		private Map<String, ThresholdFit.Report> reports() {
			final Map<String, ThresholdFit.Report> m = new LinkedHashMap<>();
			m.put("calibration", calibration);
			if (test != null) m.put("held-out test", test);
			return m;
		}
	}

	private final CalibrationOptions options;
	private final PredictionModels models;
	private final DegradationPredictor predictor;

	/**
	 * Loads the filter sets of {@code setsFolder} and the pair, the one they name unless given.
	 *
	 * @param baselineModel bundled name or path, {@code null} or blank for the sets' own
	 * @param targetModel bundled name or path, {@code null} or blank for the sets' own
	 */
	public CalibrateThresholds(final File setsFolder, final String baselineModel, final String targetModel,
		final CalibrationOptions options) throws IOException
	{
		this.options = options;
		this.models = new PredictionModels(setsFolder, baselineModel, targetModel, options.pseudoTruth());
		if (options.cropSize() > 0) {
			try {
				models.truth().requireInputSide("crop_size", options.cropSize());
			}
			catch (final IllegalArgumentException e) {
				models.close();
				throw e;
			}
		}
		this.predictor = models.predictor(options.settings(Thresholds.paper())).withReblur(models.reblurKernel());
	}

	public CalibrationOptions options() {
		return options;
	}

	public PredictionModels models() {
		return models;
	}

	/** The scorer of inputs, as calibrated prediction will score them. */
	public DegradationPredictor predictor() {
		return predictor;
	}

	/**
	 * Where the calibrated sets go: {@code outputDir}, or the sets' own folder when it is {@code null}; never among the
	 * bundled or installed models, which calibration does not change.
	 */
	public static File destination(final File setsFolder, final File outputDir, final java.util.Map<String, File> inputDirs)
		throws IOException
	{
		final File dest = outputDir != null ? outputDir : setsFolder;
		// the rule every command applies to output_dir; calibrating in place makes the sets' folder the output
		OutputPaths.checkOutsideModels(dest, outputDir != null ? "output_dir" : "filter_sets", ModelLocator.roots(),
			"give output_dir, a folder of your own for the calibrated copy");
		// a given output_dir was checked with the command's other inputs; the sets' folder is checked here
		if (outputDir == null) {
			io.github.faig.io.AtomicOutputs.checkOutputDir(dest);
			OutputPaths.checkDistinct(dest, inputDirs);
		}
		return dest;
	}

	/** The labelled inputs of image {@code index} of a set (the per-item inputs of {@link #score}). */
	public List<LabelledInputs.Input> inputs(final int index, final FloatImage groundTruth, final String name) {
		final DegradationParams p = options.degradation().params(models.target().spec().scale());
		// degraded as the network sees images: a grey network's inputs get grey noise (FloatImage.withChannels)
		return LabelledInputs.of(index, groundTruth.withChannels(models.target().spec().numInCh()), name, p, options
			.degradation().seed(), options.cropSize(), options.crops());
	}

	/** The labelled inputs of a whole set, image by image. */
	public List<LabelledInputs.Input> inputs(final List<FloatImage> groundTruths, final List<String> names) {
		final List<LabelledInputs.Input> out = new ArrayList<>();
		for (int i = 0; i < groundTruths.size(); i++) out.addAll(inputs(i, groundTruths.get(i), names.get(i)));
		return out;
	}

	/** The scores of one labelled input (the per-item step); stops between path steps when cancelled. */
	public Score score(final LabelledInputs.Input in, final String set, final Monitor monitor) {
		final DegradationPredictor.Scored s = predictor.scored(in.lr(), monitor.silent());
		return new Score(set, in.name(), in.label(), s.scores(), s.filterScores());
	}

	/**
	 * The scores of every input of a set, in order, through {@code sharding} (one after another here, or
	 * one input per task on a cluster, each JVM loading the models once from the files sent to it).
	 */
	public List<Score> scoreAll(final List<LabelledInputs.Input> inputs, final String set, final Sharding sharding,
		final Monitor monitor)
	{
		final CalibrationOptions o = options; // not the workflow: the lambdas go to other JVMs
		final Batch<CalibrateThresholds> batch = Batch.of(sharding, this, models::shipment, (ShippedFiles files) -> {
			final List<File> f = files.copies();
			return new CalibrateThresholds(f.get(0), f.get(1).getPath(), f.get(2).getPath(), o);
		});
		return batch.map(set + " inputs", inputs, (c, i, in, m) -> {
			m.progress("Scoring " + set + " input " + in.name(), 0, 1);
			return c.score(in, set, m);
		}, monitor);
	}

	/**
	 * The thresholds from all calibration scores; refuses a calibration that separates nothing
	 * ({@link ThresholdFit#degenerate}), so that it never replaces a working one.
	 */
	public static Thresholds finish(final List<Score> calibration) {
		final List<ThresholdFit.Sample> samples = samples(calibration);
		final Thresholds t = ThresholdFit.calibrate(samples);
		final String degenerate = ThresholdFit.degenerate(samples, t);
		if (degenerate != null) {
			throw new IllegalStateException("the calibration is degenerate (" + degenerate + "); the stored " +
				"thresholds were kept. Try more steps, larger crops (crop_size) or more calibration images, check " +
				"percent, or use a pair whose target is better separated from its baseline");
		}
		return t;
	}

	/**
	 * The whole calibration: score the calibration images' inputs, calibrate, store the settings in the sets, and
	 * evaluate on the calibration inputs and, when given, on the held-out images' inputs; every input is scored
	 * through {@code sharding}.
	 *
	 * @param testImages held-out ground truths, or {@code null}
	 */
	public Result run(final List<FloatImage> images, final List<String> names, final List<FloatImage> testImages,
		final List<String> testNames, final Sharding sharding, final Monitor monitor)
	{
		final List<Score> scores = new ArrayList<>(scoreAll(inputs(images, names), CALIBRATION, sharding, monitor));
		final Thresholds t = finish(scores);
		final ThresholdFit.Report calibration = ThresholdFit.evaluate(samples(scores), t);
		ThresholdFit.Report test = null;
		if (testImages != null) {
			final List<Score> held = scoreAll(inputs(testImages, testNames), TEST, sharding, monitor);
			test = ThresholdFit.evaluate(samples(held), t);
			scores.addAll(held);
		}
		return new Result(t, calibration, test, List.copyOf(scores), models.sets().with(PredictionSettings.KEY, options
			.settings(t).toJson()));
	}

	private static List<ThresholdFit.Sample> samples(final List<Score> scores) {
		return scores.stream().map(Score::sample).toList();
	}

	@Override
	public void close() {
		models.close();
	}
}
