package io.github.faig.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.gui.Plot;
import ij.measure.ResultsTable;
import io.github.faig.attribution.CompletenessCheck;
import io.github.faig.attribution.ComputeFilters;
import io.github.faig.attribution.FaigEngine;
import io.github.faig.attribution.FilterIndex;
import io.github.faig.attribution.Quadrature;
import io.github.faig.attribution.Ranking;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.SynthesizeDegradations.Variant;
import io.github.faig.image.ChannelScales;
import io.github.faig.image.FloatImage;
import io.github.faig.image.IntensityScale;
import io.github.faig.io.Csv;
import io.github.faig.io.Rows;
import io.github.faig.masking.GradientMapMetric;
import io.github.faig.masking.Mask;
import io.github.faig.masking.MaskFilters;
import io.github.faig.masking.MaskingExperiment;
import io.github.faig.nn.NetworkSpec;
import io.github.faig.prediction.CalibrateThresholds;
import io.github.faig.prediction.DecisionRule;
import io.github.faig.prediction.DegradationMap;
import io.github.faig.prediction.DegradationPredictor;
import io.github.faig.prediction.PredictDegradation;
import io.github.faig.prediction.ThresholdFit;
import io.github.faig.prediction.Thresholds;
import io.github.faig.representation.DegradationClass;
import io.github.faig.representation.DegradationRepresentations;
import io.github.faig.representation.RepresentationAnalysis;
import io.github.faig.representation.RepresentationSet;

/**
 * Every table the commands write, on records with awkward values (NaN, infinities, whole doubles, 1e-7, numbers
 * past 10^15, -0, text with commas, quotes, line breaks, text that reads as a number): the CSV from the rows is
 * byte for byte the CSV the old path wrote (a hand-built ResultsTable through the old writer, {@link LegacyTables}),
 * and the ResultsTable from the rows has the old table's headings, texts and numbers.
 */
class RowsParityTest {

	/** Reals no formatter should round alike. */
	private static final double[] AWKWARD = { Double.NaN, 3.0, -0.0, 1e-7, 1e15, 999_999_999_999_999.0, 1e20,
		Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1 + 0.2, -2.5, 123456.789, Double.MIN_VALUE };

	/** Texts a CSV writer or ImageJ might mangle. */
	private static final String[] TEXTS = { "plain.png", "a, \"quoted\" name.png", "12345678901234567", "NaN",
		"two\nlines", " padded ", "", "1e5", "élan – 測試" };

	@TempDir
	Path dir;

	private static double real(final int i) {
		return AWKWARD[i % AWKWARD.length];
	}

	private static String text(final int i) {
		return TEXTS[i % TEXTS.length];
	}

	@Test
	void computeFiltersTables() throws Exception {
		final List<ComputeFilters.TopFilter> top = new ArrayList<>();
		final List<ComputeFilters.LayerCount> layers = new ArrayList<>();
		final List<ComputeFilters.CompletenessRow> completeness = new ArrayList<>();
		final float[] scores = { Float.NaN, 3f, 1e-7f, 1e20f, 0.1f, -0f, Float.MAX_VALUE };
		for (int i = 0; i < 20; i++) {
			top.add(new ComputeFilters.TopFilter(i % 2 == 0 ? Degradation.BLUR : Degradation.NOISE, i + 1,
				new FilterIndex.Filter(i * 1000, i % 5, text(i), i, i * 7), scores[i % scores.length]));
			// 0 filters: NaN and infinite percentages
			layers.add(new ComputeFilters.LayerCount(i, text(i + 1), i % 4 == 0 ? 0 : 3 * i, i % 3, i % 4));
			completeness.add(new ComputeFilters.CompletenessRow(text(i + 2), Degradation.values()[i % 4],
				new FaigEngine.Attribution(null, real(i), real(i + 1), real(i + 2), i * 8, Quadrature.values()[i % 3]),
				CompletenessCheck.Verdict.values()[i % 3]));
		}
		final ComputeFilters.Result r = new ComputeFilters.Result(null, null, null, top, layers, completeness, null,
			null, 0);
		same(LegacyTables.topFilters(r), r.topFilterRows());
		same(LegacyTables.layerCounts(r), r.layerCountRows());
		same(LegacyTables.completeness(r), r.completenessRows());
	}

	@Test
	void calibrationTables() throws Exception {
		final List<CalibrateThresholds.Score> scores = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			scores.add(new CalibrateThresholds.Score(i < 12 ? "calibration" : "test", text(i), Degradation.values()[i %
				4], new DegradationPredictor.Scores(real(i), real(i + 3), real(i + 5), real(i + 7)), new float[0]));
		}
		final ThresholdFit.Report cal = report(0);
		for (final ThresholdFit.Report test : new ThresholdFit.Report[] { null, report(4) }) {
			final CalibrateThresholds.Result r = new CalibrateThresholds.Result(cal.thresholds(), cal, test, scores,
				null);
			same(LegacyTables.scores(r), r.scoreRows());
			final ResultsTable[] old = LegacyTables.calibrationReport(r);
			same(old[0], r.reportRows());
			same(old[1], r.confusionRows());
		}
	}

	private static ThresholdFit.Report report(final int k) {
		final int[][] confusion = new int[4][4];
		for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) confusion[i][j] = (i + 1) * (j + k);
		return new ThresholdFit.Report(new Thresholds(real(k), real(k + 1), real(k + 2)), real(k + 3), real(k + 4),
			real(k + 5), real(k + 6), real(k + 7), confusion, 40 + k);
	}

	@Test
	void maskingMetricsInBothModes() throws Exception {
		final List<MaskFilters.Output> outputs = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			outputs.add(new MaskFilters.Output(i / 4, new MaskFilters.Variant(text(i), real(i), i * 3), null, real(i + 1),
				real(i + 2)));
		}
		final MaskFilters.Result r = new MaskFilters.Result(List.of(), outputs);
		for (final MaskFilters.Mode m : MaskFilters.Mode.values()) {
			for (final GradientMapMetric.Channel ch : GradientMapMetric.Channel.values()) {
				final MaskFilters.Options o = new MaskFilters.Options(1, m, 0, 1.5, 7, ch);
				same(LegacyTables.maskingMetrics(r, o), r.metricRows(o));
			}
		}
	}

	@Test
	void predictionRowsKeepTheirColumnOrder() throws Exception {
		final ResultsTable old = new ResultsTable();
		final Rows rows = new Rows();
		for (int i = 0; i < 20; i++) {
			final PredictDegradation.Image in = new PredictDegradation.Image(text(i), null, 1 + i % 3, 1 + i % 2, 1 + i);
			final PredictDegradation.Result r = new PredictDegradation.Result(in.name(), new DegradationPredictor.Prediction(
				new DegradationPredictor.Scores(real(i), real(i + 1), real(i + 2), real(i + 3)), new Thresholds(real(i + 4),
					real(i + 5), real(i + 6)), Degradation.values()[i % 4]), DecisionRule.values()[i % 2]);
			LegacyTables.addPrediction(old, in, r);
			r.addRow(rows, in);
		}
		same(old, rows);
		assertEquals(List.of("image", "os_blur", "os_noise", "t_blur", "t_noise", "blur", "noise", "decision", "seconds",
			"channel", "slice", "frame", "decision_rule", "reblur", "t_reblur"), rows.columns());
	}

	@Test
	void noPredictionsWriteWhatTheEmptyTableWrote() throws Exception {
		same(new ResultsTable(), new Rows());
	}

	@Test
	void maskingExperimentAndRepresentations() throws Exception {
		final List<MaskingExperiment.Cell> cells = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			cells.add(new MaskingExperiment.Cell(text(i), Mask.values()[i % 2], Degradation.values()[i % 4], real(i), i,
				new double[] { real(i), real(i + 1), 2 }, new double[] { real(i + 2), 7 }));
		}
		final MaskingExperiment.Result r = new MaskingExperiment.Result(null, cells);
		for (final GradientMapMetric.Channel ch : GradientMapMetric.Channel.values()) {
			same(LegacyTables.maskingTable(cells, ch), r.rows(ch));
		}
		final List<DegradationClass> classes = List.of(new DegradationClass("clean", 0, 0), new DegradationClass(
			"blur 1.5", 1.5, 0), new DegradationClass("noise, 0.1", 0, 0.1));
		final List<DegradationRepresentations.ModelResult> models = new ArrayList<>();
		for (int m = 0; m < 2; m++) {
			final List<DegradationRepresentations.Layer> layers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				layers.add(new DegradationRepresentations.Layer(text(i), i, new RepresentationAnalysis.Result(text(i + m),
					100 + i, 64, 2 + i, real(i + m), new double[] { 0, real(i), real(i + 1) }, real(i + 2), null)));
			}
			models.add(new DegradationRepresentations.ModelResult(text(m), text(0), null, layers));
		}
		same(LegacyTables.representationsTable(models, classes), DegradationRepresentations.rows(models, classes));
	}

	@Test
	void degradationMapTiles() throws Exception {
		final ResultsTable old = new ResultsTable();
		final Rows rows = new Rows();
		for (int i = 0; i < 20; i++) {
			final DegradationMap.TileDecision td = new DegradationMap.TileDecision(i % 3, new DegradationMap.Tile(i % 5,
				i / 5, 64 * (i % 5), 64 * (i / 5)), new DegradationPredictor.Prediction(new DegradationPredictor.Scores(
					real(i), real(i + 1), real(i + 2)), new Thresholds(0.5, 0.5, 0.5), Degradation.values()[i % 4]));
			final int[] czt = { 1 + i % 2, 1 + i % 3, 1 + i % 4 };
			LegacyTables.addTile(old, td.tile(), 64, td.prediction(), czt);
			td.addRow(rows, 64, czt[0], czt[1], czt[2]);
		}
		same(old, rows);
	}

	@Test
	void synthesisParameters() throws Exception {
		// a single-plane source: every variant becomes a frame, from source slice 1 at position (1, 1, 1)
		final ij.ImagePlus source = new ij.ImagePlus("in, \"x\".tif", new ij.process.ByteProcessor(8, 6));
		final List<Variant> variants = new ArrayList<>();
		for (int i = 0; i < Degradation.values().length; i++) {
			variants.add(new Variant(new FloatImage(1, 3, 4), 1, Degradation.values()[i], real(i + 1), 2 * i + 1, 2,
				real(i + 3), i == 0 ? Long.MIN_VALUE : 1234567890123456789L * i));
		}
		final ChannelScales scales = new ChannelScales(List.of(new IntensityScale(1e-7, 255)));
		final DegradedImages.Shown shown = DegradedImages.of(source, List.of(variants), scales, List.of("slice, 1"),
			ImagePlusBridge.OutputType.FLOAT, 2, "percentile", "each");
		final ResultsTable old = new ResultsTable();
		for (int v = 0; v < variants.size(); v++) {
			LegacyTables.addParameters(old, v + 1, shown.labels().get(v), variants.get(v), new int[] { 1, 1, 1 }, scales,
				"percentile", "each");
		}
		same(old, shown.parameters());
	}

	@Test
	void plotData() throws Exception {
		final Plot a = new Plot("blur, \"a\"", "x", "y");
		a.addPoints(new double[] { 1, 2, 3 }, new double[] { 10, Double.NaN, 1e-7 }, Plot.LINE);
		a.addPoints(new double[] { 1, 2 }, new double[] { 0.1 + 0.2, 5 }, Plot.LINE);
		a.addLegend("FAIG\nIG");
		final Plot b = new Plot("noise", "x", "y");
		b.addPoints(new double[] { 5, 6, 7, 8, 9 }, new double[] { 0.5, 0.25, 1e20, -0.0, 3 }, Plot.CIRCLE);
		// the same title twice: its columns are one, the later plot's values where they reach
		final Plot c = new Plot("noise", "x", "y");
		c.addPoints(new double[] { 1 }, new double[] { 42 }, Plot.CIRCLE);
		for (final List<Plot> plots : List.of(List.of(a), List.of(a, b), List.of(b, a, c), List.<Plot> of())) {
			same(LegacyTables.plotData(plots), Plots.data(plots));
		}
	}

	@Test
	void filterRankingsAndPcaVectors() throws Exception {
		final FilterIndex fi = FilterIndex.of(new NetworkSpec("MSRResNet", 2, 4, 1));
		final float[] scores = new float[fi.filterCount()];
		for (int i = 0; i < scores.length; i++) scores[i] = (float) (i % 7 == 0 ? 1e-7 * i : i % 5 == 0 ? 1e20 : -i);
		final Ranking ranking = Ranking.of(scores);
		for (final double percent : new double[] { 100, 1, 0.01 }) {
			final File before = dir.resolve("old.csv").toFile();
			final File after = dir.resolve("new.csv").toFile();
			LegacyTables.rankingCsv(scores, ranking.order(), before, fi, ranking.count(percent));
			Csv.write(after, ranking.rows(fi, percent));
			assertArrayEquals(Files.readAllBytes(before.toPath()), Files.readAllBytes(after.toPath()));
		}
		final List<DegradationClass> classes = List.of(new DegradationClass("clean", 0, 0), new DegradationClass("a, b",
			1, 0));
		final double[][] emb = { { 0.0, -1.5 }, { 1e-7, Double.NaN }, { 3.0, 1e20 }, { 0.1 + 0.2, -0.0 } };
		final RepresentationSet.Patches patches = new RepresentationSet.Patches(null, new int[] { 0, 1, 0, 1 },
			new int[] { 0, 0, 1, 2 }, classes);
		final DegradationRepresentations.ModelResult m = new DegradationRepresentations.ModelResult("srcnn, \"x\"", "t",
			patches, List.of(new DegradationRepresentations.Layer("t", 0, new RepresentationAnalysis.Result("t", 4, 8, 2,
				1, new double[2], 0.5, emb))));
		final List<String> names = List.of("a.png", "b, \"c\".png", "12");
		final File before = dir.resolve("old.csv").toFile();
		final File after = dir.resolve("new.csv").toFile();
		Csv.write(before, List.of("model", "layer", "class", "image", "pc1", "pc2"), LegacyTables.vectors(m, classes,
			names));
		Csv.write(after, RepresentationPlots.vectors(m, classes, names));
		assertArrayEquals(Files.readAllBytes(before.toPath()), Files.readAllBytes(after.toPath()));
	}

	/** The same CSV bytes, and the same ImageJ table, from the old table and from the rows. */
	private void same(final ResultsTable old, final Rows rows) throws Exception {
		final File before = dir.resolve("old.csv").toFile();
		final File after = dir.resolve("new.csv").toFile();
		LegacyTables.saveCsv(old, before);
		Csv.write(after, rows);
		assertEquals(Files.readString(before.toPath(), StandardCharsets.UTF_8), Files.readString(after.toPath(),
			StandardCharsets.UTF_8));
		assertArrayEquals(Files.readAllBytes(before.toPath()), Files.readAllBytes(after.toPath()));
		final ResultsTable t = ResultTables.of(rows);
		assertArrayEquals(old.getHeadings(), t.getHeadings());
		assertEquals(old.size(), t.size());
		for (final String h : old.getHeadings()) {
			for (int r = 0; r < old.size(); r++) {
				assertEquals(old.getStringValue(h, r), t.getStringValue(h, r), h + " row " + r);
				assertEquals(Double.doubleToLongBits(old.getValue(h, r)), Double.doubleToLongBits(t.getValue(h, r)), h +
					" row " + r);
			}
		}
	}
}
