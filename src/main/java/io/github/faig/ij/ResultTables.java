package io.github.faig.ij;

import ij.measure.ResultsTable;
import io.github.faig.attribution.ComputeFilters;
import io.github.faig.attribution.FaigEngine;
import io.github.faig.attribution.FilterIndex;
import io.github.faig.degrade.Degradation;
import io.github.faig.masking.MaskFilters;
import io.github.faig.prediction.CalibrateThresholds;
import io.github.faig.prediction.DegradationPredictor;
import io.github.faig.prediction.PredictDegradation;
import io.github.faig.prediction.ThresholdFit;

/**
 * The workflows' result records as ImageJ tables: the columns users and macros read ({@code getResult("os_blur",
 * i)}) and the CSV files hold, in one place for every command.
 */
public final class ResultTables {

	private ResultTables() {}

	public static ResultsTable topFilters(final ComputeFilters.Result r) {
		final ResultsTable t = new ResultsTable();
		for (final ComputeFilters.TopFilter top : r.top()) {
			final FilterIndex.Filter f = top.filter();
			t.incrementCounter();
			t.addValue("degradation", top.degradation().label());
			t.addValue("rank", top.rank());
			t.addValue("index", f.index());
			t.addValue("layer", f.layerName());
			t.addValue("depth", f.layer());
			t.addValue("out", f.out());
			t.addValue("in", f.in());
			t.addValue("score", top.score());
		}
		return t;
	}

	public static ResultsTable layerCounts(final ComputeFilters.Result r) {
		final ResultsTable t = new ResultsTable();
		for (final ComputeFilters.LayerCount l : r.layers()) {
			t.incrementCounter();
			t.addValue("depth", l.depth());
			t.addValue("layer", l.layer());
			t.addValue("filters", l.filters());
			t.addValue("top_blur", l.topBlur());
			t.addValue("top_noise", l.topNoise());
			t.addValue("top_blur_percent_of_layer", l.topBlurPercent());
			t.addValue("top_noise_percent_of_layer", l.topNoisePercent());
		}
		return t;
	}

	public static ResultsTable completeness(final ComputeFilters.Result r) {
		final ResultsTable t = new ResultsTable();
		for (final ComputeFilters.CompletenessRow row : r.completeness()) {
			final FaigEngine.Attribution a = row.attribution();
			t.incrementCounter();
			t.addValue("input", row.input());
			t.addValue("degradation", row.degradation().label());
			t.addValue("loss_target", a.lossTarget());
			t.addValue("loss_baseline", a.lossBaseline());
			t.addValue("loss_gap", a.lossGap());
			t.addValue("attribution_sum", a.signedSum());
			t.addValue("relative_error_percent", 100 * a.completenessError());
			t.addValue("quadrature", a.rule().label());
			t.addValue("steps", a.steps());
			t.addValue("check", row.check().label());
		}
		return t;
	}

	/** The scores (rows in the order of calibration_attributions.npy), the reports and the confusion matrices. */
	public static ResultsTable scores(final CalibrateThresholds.Result r) {
		final ResultsTable scores = new ResultsTable();
		for (final CalibrateThresholds.Score s : r.scores()) {
			scores.incrementCounter();
			scores.addValue("set", s.set());
			scores.addValue("input", s.name());
			scores.addValue("label", s.label().label());
			scores.addValue("os_blur", s.scores().blur());
			scores.addValue("os_noise", s.scores().noise());
			scores.addValue("seconds", s.scores().seconds());
			scores.addValue("reblur", s.scores().reblur());
		}
		return scores;
	}

	/**
	 * The calibration report (one row per set: calibration, and the held-out test when there is one) and the confusion
	 * matrices (one row per true class and set), as {@code {report, confusion}}.
	 */
	public static ResultsTable[] calibrationReport(final CalibrateThresholds.Result r) {
		final ResultsTable report = new ResultsTable();
		final ResultsTable confusion = new ResultsTable();
		addReport(report, confusion, "calibration", r.calibration());
		if (r.test() != null) addReport(report, confusion, "held-out test", r.test());
		return new ResultsTable[] { report, confusion };
	}

	private static void addReport(final ResultsTable report, final ResultsTable confusion, final String set, final ThresholdFit.Report r) {
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
		report.addValue("t_reblur", r.thresholds().reblur());
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

	/** One row per output image: its masking variant and its metrics against the target's output. */
	public static ResultsTable maskingMetrics(final MaskFilters.Result r, final MaskFilters.Options o) {
		final ResultsTable metrics = new ResultsTable();
		for (final MaskFilters.Output out : r.outputs()) addRow(metrics, out, o);
		return metrics;
	}

	private static void addRow(final ResultsTable metrics, final MaskFilters.Output out, final MaskFilters.Options o) {
		metrics.incrementCounter();
		metrics.addValue("slice", out.input() + 1);
		metrics.addValue("output", out.variant().name());
		if (o.mode() == MaskFilters.Mode.MODULATE) metrics.addValue("lambda", out.variant().lambda());
		metrics.addValue("filters", out.variant().filters());
		metrics.addValue("gradient_metric_vs_target", out.metric());
		metrics.addValue("psnr_vs_target", out.psnr());
		metrics.addValue("channel", o.channel().label());
	}

	/** Adds the row of one plane's prediction: its scores, thresholds and decision, then the plane's position. */
	public static void addPrediction(final ResultsTable predictions, final PredictDegradation.Image in,
		final PredictDegradation.Result r)
	{
		final DegradationPredictor.Prediction d = r.prediction();
		predictions.incrementCounter();
		predictions.addValue("image", in.name());
		predictions.addValue("os_blur", d.scores().blur());
		predictions.addValue("os_noise", d.scores().noise());
		predictions.addValue("t_blur", d.thresholds().blur());
		predictions.addValue("t_noise", d.thresholds().noise());
		predictions.addValue("blur", d.decision().hasBlur() ? "yes" : "no");
		predictions.addValue("noise", d.decision().hasNoise() ? "yes" : "no");
		predictions.addValue("decision", d.decision().label());
		predictions.addValue("seconds", d.scores().seconds());
		// the plane's position comes last, so existing columns keep their places
		predictions.addValue("channel", in.channel());
		predictions.addValue("slice", in.slice());
		predictions.addValue("frame", in.frame());
		predictions.addValue("decision_rule", r.rule().label());
		predictions.addValue("reblur", d.scores().reblur());
		predictions.addValue("t_reblur", d.thresholds().reblur());
	}
}
