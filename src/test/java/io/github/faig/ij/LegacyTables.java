package io.github.faig.ij;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVPrinter;

import ij.gui.Plot;
import ij.measure.ResultsTable;
import io.github.faig.attribution.ComputeFilters;
import io.github.faig.attribution.FaigEngine;
import io.github.faig.attribution.FilterIndex;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.SynthesizeDegradations.Variant;
import io.github.faig.image.ChannelScales;
import io.github.faig.io.Csv;
import io.github.faig.masking.GradientMapMetric;
import io.github.faig.masking.MaskFilters;
import io.github.faig.masking.MaskingExperiment;
import io.github.faig.prediction.CalibrateThresholds;
import io.github.faig.prediction.DegradationMap;
import io.github.faig.prediction.DegradationPredictor;
import io.github.faig.prediction.PredictDegradation;
import io.github.faig.prediction.ThresholdFit;
import io.github.faig.representation.DegradationClass;
import io.github.faig.representation.DegradationRepresentations;
import io.github.faig.representation.RepresentationAnalysis;

/**
 * The tables and CSV writer as they were before the results gave rows (kept here only, as the reference the new
 * path must match byte for byte): each command built its ResultsTable by hand and {@link #saveCsv} wrote it.
 */
final class LegacyTables {

	private LegacyTables() {}

	/** The old {@code Tables.saveCsv}. */
	static void saveCsv(final ResultsTable table, final File file) throws IOException {
		final String[] headings = table.getHeadings();
		try (CSVPrinter out = Csv.create(file, headings)) {
			final String[] cells = new String[headings.length];
			for (int row = 0; row < table.size(); row++) {
				for (int c = 0; c < headings.length; c++) cells[c] = cell(table, headings[c], row);
				out.printRecord((Object[]) cells);
			}
		}
	}

	private static String cell(final ResultsTable t, final String heading, final int row) {
		if (heading.equals("Label")) return t.getLabel(row);
		final String s = t.getStringValue(heading, row);
		final double v = t.getValue(heading, row);
		if (!Double.isNaN(v) && isNumber(s)) {
			return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
		}
		if (Double.isNaN(v) && (s == null || s.equals("NaN"))) return "NaN";
		return s;
	}

	private static boolean isNumber(final String s) {
		if (s == null) return false;
		try {
			Double.parseDouble(s.trim());
			return true;
		}
		catch (final NumberFormatException e) {
			return false;
		}
	}

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

	/** The old {@code MaskingPlots.table}. */
	static ResultsTable maskingTable(final List<MaskingExperiment.Cell> cells, final GradientMapMetric.Channel ch) {
		final ResultsTable t = new ResultsTable();
		for (final MaskingExperiment.Cell c : cells) {
			t.incrementCounter();
			t.addValue("method", c.method());
			t.addValue("mask", c.mask().label());
			t.addValue("input", c.inputLabel());
			t.addValue("percent", c.percent());
			t.addValue("filters", c.filters());
			t.addValue("metric_mean", c.metricMean());
			t.addValue("metric_std", c.metricStd());
			t.addValue("psnr_mean", c.psnrMean());
			t.addValue("images", c.images());
			t.addValue("channel", ch.label());
		}
		return t;
	}

	/** The old {@code RepresentationPlots.table}. */
	static ResultsTable representationsTable(final List<DegradationRepresentations.ModelResult> results,
		final List<DegradationClass> cls)
	{
		final ResultsTable representations = new ResultsTable();
		for (final DegradationRepresentations.ModelResult m : results) {
			for (final DegradationRepresentations.Layer l : m.layers()) {
				final RepresentationAnalysis.Result r = l.result();
				representations.incrementCounter();
				representations.addValue("model", m.model());
				representations.addValue("layer", r.tap());
				representations.addValue("depth", l.depth());
				representations.addValue("samples", r.samples());
				representations.addValue("features", r.features());
				representations.addValue("pca_components", r.components());
				representations.addValue("chi_pca", r.chi());
				representations.addValue("identification_accuracy_heldout", r.identificationAccuracy());
				for (int c = 1; c < cls.size(); c++) {
					representations.addValue("chi_clean_vs_" + cls.get(c).label(), r.pairwiseChi()[c]);
				}
			}
		}
		return representations;
	}

	/** The old {@code DegradationMapDisplay.addRow}. */
	static void addTile(final ResultsTable tiles, final DegradationMap.Tile t, final int tileSize,
		final DegradationPredictor.Prediction r, final int[] czt)
	{
		tiles.incrementCounter();
		tiles.addValue("tile_x", t.column());
		tiles.addValue("tile_y", t.row());
		tiles.addValue("x", t.x());
		tiles.addValue("y", t.y());
		tiles.addValue("width", tileSize);
		tiles.addValue("height", tileSize);
		tiles.addValue("os_blur", r.scores().blur());
		tiles.addValue("os_noise", r.scores().noise());
		tiles.addValue("decision", r.decision().label());
		tiles.addValue("channel", czt[0]);
		tiles.addValue("slice", czt[1]);
		tiles.addValue("frame", czt[2]);
	}

	/** The old {@code DegradedImages.addRow}. */
	static void addParameters(final ResultsTable t, final int outSlice, final String label, final Variant v,
		final int[] czt, final ChannelScales scales, final String normalization, final String channels)
	{
		t.incrementCounter();
		t.addValue("slice", outSlice);
		t.addValue("source_slice", v.sourceSlice());
		t.addValue("label", label);
		t.addValue("variant", v.degradation().label());
		t.addValue("blur_sigma", v.blurSigma());
		t.addValue("kernel_size", v.kernelSize());
		t.addValue("scale", v.scale());
		t.addValue("noise_sigma", v.noiseSigma());
		t.addValue("noise_seed", Long.toString(v.noiseSeed()));
		t.addValue("width", v.image().width());
		t.addValue("height", v.image().height());
		t.addValue("normalization", normalization);
		t.addValue("intensity_low", scales.of(0).low());
		t.addValue("intensity_high", scales.of(0).high());
		t.addValue("channel", czt[0]);
		t.addValue("z_slice", czt[1]);
		t.addValue("frame", czt[2]);
		t.addValue("normalize_channels", channels);
		t.addValue("noise_sigma_value", v.noiseSigma() * (scales.of(0).high() - scales.of(0).low()));
	}

	/** The old {@code Ranking.writeCsv}. */
	static void rankingCsv(final float[] scores, final int[] order, final File f, final FilterIndex filters,
		final int n) throws IOException
	{
		try (CSVPrinter w = Csv.create(f, "rank", "index", "layer", "out", "in", "score")) {
			for (int r = 0; r < n; r++) {
				final FilterIndex.Filter fl = filters.filter(order[r]);
				w.printRecord(r + 1, fl.index(), fl.layerName(), fl.out(), fl.in(), String.format(java.util.Locale.ROOT,
					"%.9g", scores[order[r]]));
			}
		}
	}

	/** The old {@code RepresentationPlots.vectors}, which {@code Csv.write(file, header, rows)} wrote. */
	static List<String[]> vectors(final DegradationRepresentations.ModelResult r, final List<DegradationClass> cls,
		final List<String> names)
	{
		final RepresentationAnalysis.Result a = r.shown();
		final List<String[]> csv = new ArrayList<>();
		for (int i = 0; i < a.samples(); i++) {
			csv.add(new String[] { r.model(), r.shownTap(), cls.get(r.patches().labels()[i]).label(), names.get(r.patches()
				.images()[i]), Double.toString(a.embedding2d()[i][0]), Double.toString(a.embedding2d()[i][1]) });
		}
		return csv;
	}

	/** The old {@code Plots.data}. */
	static ResultsTable plotData(final List<Plot> plots) {
		final ResultsTable all = new ResultsTable();
		all.setNaNEmptyCells(true);
		for (final Plot p : plots) {
			final ResultsTable t = p.getResultsTable(true);
			if (t == null) continue;
			final String prefix = plots.size() > 1 ? p.getTitle() + ": " : "";
			final List<String> legend = curveLabels(p);
			for (final String h : t.getHeadings()) {
				if (h.equals(" ") || h.equals("Label")) continue;
				final String name = prefix + heading(h, legend, t.getHeadings());
				for (int r = 0; r < t.size(); r++) {
					while (all.size() <= r) all.incrementCounter();
					all.setValue(name, r, t.getValueAsDouble(t.getColumnIndex(h), r));
				}
			}
		}
		return all;
	}

	/** The legend label of each curve (a plot object drawn with a shape), in plotting order; {@code null} for none. */
	private static List<String> curveLabels(final Plot p) {
		final List<String> out = new ArrayList<>();
		for (int i = 0; i < p.getNumPlotObjects(); i++) {
			// a curve's style is "colour,fill,width,shape"; a text label's has no shape
			final String[] style = String.valueOf(p.getPlotObjectStyle(i)).split(",");
			if (style.length < 4 || style[3].isBlank()) continue;
			final String l = p.getPlotObjectLabel(i);
			out.add(l == null || l.isBlank() ? null : l.trim());
		}
		return out;
	}

	/** ImageJ's y heading ({@code Y}, {@code Y0}, {@code Y1}, …) as its curve's legend label, unless that is ambiguous. */
	private static String heading(final String h, final List<String> legend, final String[] headings) {
		final Matcher m = Pattern.compile("Y(\\d*)").matcher(h);
		if (!m.matches()) return h;
		final int k = m.group(1).isEmpty() ? 0 : Integer.parseInt(m.group(1));
		if (k >= legend.size() || legend.get(k) == null || Collections.frequency(legend, legend.get(k)) > 1 || Arrays
			.asList(headings).contains(legend.get(k))) return h;
		return legend.get(k);
	}

}
