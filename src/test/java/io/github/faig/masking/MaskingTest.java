package io.github.faig.masking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.faig.SciJavaTest;
import io.github.faig.TestImages;
import io.github.faig.attribution.FilterIndex;
import io.github.faig.attribution.RandomRanking;
import io.github.faig.attribution.Ranking;
import io.github.faig.attribution.WeightDifferenceRanking;
import io.github.faig.command.ComputeFiltersCommand;
import io.github.faig.command.ComputeFiltersCommandTest;
import io.github.faig.command.FaigCommand;
import io.github.faig.command.MaskFiltersCommand;
import io.github.faig.command.MaskingExperimentCommand;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.image.FloatImage;
import io.github.faig.image.ImageMetrics;
import io.github.faig.masking.GradientMapMetric.Channel;
import io.github.faig.nn.NetworkSpec;
import io.github.faig.nn.SrNetwork;
import io.github.faig.nn.StateDict;
import io.github.faig.nn.Tensor;
import io.github.faig.nn.io.ModelPackage;

class MaskingTest extends SciJavaTest {

	static final NetworkSpec SPEC = new NetworkSpec("MSRResNet", 2, 4, 1);

	/** A pair whose biases are equal, so masking every filter must give the baseline exactly. */
	static StateDict[] pair() {
		final StateDict base = SrNetwork.initialWeights(SPEC, 1);
		final StateDict noise = SrNetwork.initialWeights(SPEC, 2);
		final StateDict tgt = new StateDict();
		for (final String n : base.names()) {
			final float[] b = base.get(n).data();
			final float[] d = noise.get(n).data();
			final float[] t = new float[b.length];
			for (int i = 0; i < t.length; i++) t[i] = n.endsWith(".bias") ? b[i] : b[i] * 6 + d[i] * 3;
			tgt.put(n, new Tensor(base.get(n).shape(), t));
		}
		return new StateDict[] { base, tgt };
	}

	@Test
	void maskingNoneIsTheTargetAndAllIsTheBaseline() {
		final StateDict[] p = pair();
		final FilterIndex fi = FilterIndex.of(SPEC);
		final FilterMasking m = new FilterMasking(p[0], p[1], fi);
		final Ranking r = Ranking.of(RandomRanking.scores(fi.filterCount(), 3));
		final List<FloatImage> in = List.of(TestImages.random(3, 14, 12, 4));
		final FloatImage target = MaskedOutputs.run(SPEC, p[1], in).get(0);
		final FloatImage baseline = MaskedOutputs.run(SPEC, p[0], in).get(0);
		assertEquals(0.0, ImageMetrics.maxAbsDiff(target, MaskedOutputs.run(SPEC, m.mask(r.top(0)), in).get(0)), 0.0);
		assertEquals(0.0, ImageMetrics.maxAbsDiff(baseline, MaskedOutputs.run(SPEC, m.mask(r.top(100)), in).get(0)),
			0.0);
		assertTrue(ImageMetrics.maxAbsDiff(baseline, target) > 1e-3, "the pair must differ for the test to mean much");
		// λ = 1 is the target, λ = 0 the mask.
		final int[] sel = r.top(30);
		assertWeights(p[1], m.modulate(sel, 1));
		assertWeights(m.mask(sel), m.modulate(sel, 0));
	}

	@Test
	void maskingCopiesOnlyTheSelectedSlicesAndKeepsTargetBiases() {
		final StateDict base = SrNetwork.initialWeights(SPEC, 5);
		final StateDict tgt = SrNetwork.initialWeights(SPEC, 6);
		final FilterIndex fi = FilterIndex.of(SPEC);
		final int f = fi.index(1, 2, 3); // body.0.conv1, out 2, in 3
		final StateDict masked = new FilterMasking(base, tgt, fi).mask(new int[] { f });
		final float[] w = masked.get("body.0.conv1.weight").data();
		for (int k = 0; k < w.length; k++) {
			final boolean inSlice = k / 9 == 2 * 4 + 3;
			assertEquals(inSlice ? base.get("body.0.conv1.weight").data()[k] : tgt.get("body.0.conv1.weight").data()[k],
				w[k], 0f);
		}
		assertArrayEquals(tgt.get("body.0.conv1.bias").data(), masked.get("body.0.conv1.bias").data());
		final StateDict half = new FilterMasking(base, tgt, fi).modulate(new int[] { f }, 0.5);
		final int k = (2 * 4 + 3) * 9 + 4;
		assertEquals((base.get("body.0.conv1.weight").data()[k] + tgt.get("body.0.conv1.weight").data()[k]) / 2, half
			.get("body.0.conv1.weight").data()[k], 1e-7);
	}

	@Test
	void weightDifferenceIsNormalisedByTheBaselineL1() {
		final StateDict[] p = pair();
		final FilterIndex fi = FilterIndex.of(SPEC);
		final float[] s = WeightDifferenceRanking.scores(fi, p[0], p[1]);
		final int f = fi.index(0, 1, 2);
		final float[] b = p[0].get("conv_first.weight").data();
		final float[] t = p[1].get("conv_first.weight").data();
		double d = 0;
		double n = 0;
		for (int k = (1 * 3 + 2) * 9; k < (1 * 3 + 2) * 9 + 9; k++) {
			d += Math.abs(t[k] - b[k]);
			n += Math.abs(b[k]);
		}
		assertEquals(d / n, s[f], 1e-6);
	}

	@Test
	void gradientMapMetricByHand() {
		final FloatImage a = new FloatImage(3, 3, 3);
		final FloatImage b = new FloatImage(3, 3, 3);
		// b: a single blue pixel of 51/255 = 0.2 in the centre.
		b.set(2, 1, 1, 51 / 255f);
		assertEquals(0.0, GradientMapMetric.metric(a, a, Channel.BLUE), 0);
		// Gradient map of b's blue channel: the 4 neighbours see a difference of 0.2 in one direction.
		final double g0 = Math.sqrt(1e-6);
		final double g1 = Math.sqrt(0.04 + 1e-6);
		final double expect = 1000 * 4 * (g1 - g0) * (g1 - g0) / 9;
		assertEquals(expect, GradientMapMetric.metric(b, a, Channel.BLUE), 1e-9);
		// Luminance sees round(0.114 * 51) = 6 levels.
		final double l1 = Math.sqrt(Math.pow(6 / 255.0, 2) + 1e-6);
		assertEquals(1000 * 4 * (l1 - g0) * (l1 - g0) / 9, GradientMapMetric.metric(b, a, Channel.LUMINANCE), 1e-9);
	}

	private static void assertWeights(final StateDict a, final StateDict b) {
		for (final String n : a.names()) assertArrayEquals(a.get(n).data(), b.get(n).data(), 0f, n);
	}

	// -- Commands --

	@Test
	void maskFiltersCommandMasksAndSweeps(@TempDir final Path dir) throws Exception {
		final File[] f = ComputeFiltersCommandTest.setUp(dir);
		final int n = FilterIndex.of(ModelPackage.read(f[1]).spec()).filterCount();
		final File ranking = dir.resolve("blur_index.txt").toFile();
		Ranking.ofOrder(IntStream.range(0, n).toArray()).writeIndexFile(ranking);
		final ImagePlus img = ImagePlusBridge.toImagePlus("lr", List.of(TestImages.random(3, 16, 16,
			1)), null, ImagePlusBridge.OutputType.BYTE, null);
		FaigCommand m = run(MaskFiltersCommand.class, "image", img,
			"baseline_model", f[0].getPath(), "target_model", f[1].getPath(), "filter_file", ranking, "percent", 10.0);
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertEquals(3, ((ImagePlus) m.getOutput("outputs")).getStackSize());
		ResultsTable t = (ResultsTable) m.getOutput("metrics");
		assertEquals(0.0, t.getValue("gradient_metric_vs_target", 0), 0);
		assertTrue(t.getValue("gradient_metric_vs_target", 1) > 0);
		assertEquals("luminance", t.getStringValue("channel", 1));
		m = run(MaskFiltersCommand.class, "image", img, "baseline_model",
			f[0].getPath(), "target_model", f[1].getPath(), "filter_file", ranking, "mode", "modulate", "lambda_count", 4,
			"channel", "blue");
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertEquals(6, ((ImagePlus) m.getOutput("outputs")).getStackSize());
		t = (ResultsTable) m.getOutput("metrics");
		// λ = 1 (the 4th sweep value, 1.0 of 0, 0.5, 1, 1.5) equals the target.
		assertEquals(1.0, t.getValue("lambda", 3), 1e-12);
		assertEquals(0.0, t.getValue("gradient_metric_vs_target", 3), 0);
	}

	@Test
	void maskingExperimentCommandFillsTheProtocolTable(@TempDir final Path dir) throws Exception {
		final File[] f = ComputeFiltersCommandTest.setUp(dir);
		final File sets = dir.resolve("sets").toFile();
		assertTrue(sets.mkdir());
		FaigCommand m = run(ComputeFiltersCommand.class,
			"baseline_model", f[0].getPath(), "target_model", f[1].getPath(), "input_dir", f[2], "steps", 4,
			"output_dir", sets);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final File out = dir.resolve("exp").toFile();
		assertTrue(out.mkdir());
		m = run(MaskingExperimentCommand.class, "baseline_model", f[0]
			.getPath(), "target_model", f[1].getPath(), "filter_sets", sets, "input_dir", f[2], "discovery_dir", f[2],
			"ig_steps", 3, "proportions", "1,10", "output_dir", out);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ResultsTable t = (ResultsTable) m.getOutput("results");
		// the paper's four methods and the one the test sources add (attribution.LeastChangedRanking), found by name
		assertEquals(5 * 2 * 2 * 2, t.size()); // methods x masks x inputs x proportions
		final java.util.Set<String> methods = new java.util.LinkedHashSet<>();
		for (int i = 0; i < t.size(); i++) methods.add(t.getStringValue("method", i));
		assertEquals(java.util.List.of("FAIG", "IG", "|theta-theta_bar|", "random", "least-changed"), new java.util
			.ArrayList<>(methods));
		assertTrue(new File(out, "masking_experiment.csv").isFile());
		assertTrue(new File(out, "masking_experiment.png").isFile());
		// exactly the names the command checks before a run (ComputeFiltersCommandTest)
		assertEquals(ComputeFiltersCommandTest.MASKING_OUTPUTS, ComputeFiltersCommandTest.recordedNames(out));
		// sets of another pair: refused, naming the pair they were computed for
		final File sb = dir.resolve("srcnn-baseline").toFile();
		final File st = dir.resolve("srcnn-target").toFile();
		io.github.faig.nn.io.CheckpointConverter.importModel(io.github.faig.nn.Fixtures.file("srcnn_x2.pth"), null,
			"params", "sb", "baseline", "CC0-1.0").write(sb);
		io.github.faig.nn.io.CheckpointConverter.importModel(io.github.faig.nn.Fixtures.file("srcnn_x2.pth"), null, null,
			"st", "target", "CC0-1.0").write(st);
		m = run(MaskingExperimentCommand.class, "baseline_model", sb.getPath(), "target_model", st.getPath(),
			"filter_sets", sets, "input_dir", f[2], "proportions", "1", "output_dir", dir.resolve("exp2").toFile());
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().contains("the sets were computed for baseline_model '" + f[0].toPath()
			.toAbsolutePath().normalize() + "' and target_model '" + f[1].toPath().toAbsolutePath().normalize() + "'"), m
				.getCancelReason());
	}
}
