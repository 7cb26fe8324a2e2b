package io.github.faig.masking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.faig.TestImages;
import io.github.faig.attribution.FaigRanking;
import io.github.faig.attribution.FilterIndex;
import io.github.faig.attribution.FixedRanking;
import io.github.faig.attribution.Quadrature;
import io.github.faig.attribution.RandomRanking;
import io.github.faig.attribution.Ranking;
import io.github.faig.attribution.RankingMethod;
import io.github.faig.attribution.WeightDifferenceRanking;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationOptions;
import io.github.faig.degrade.Degrader;
import io.github.faig.image.FloatImage;
import io.github.faig.image.ImageMetrics;
import io.github.faig.masking.GradientMapMetric.Channel;
import io.github.faig.nn.StateDict;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.nn.io.ModelPair;
import io.github.faig.workflow.Monitor;

/** The masking workflows on a tiny pair whose biases are equal (so masking every filter is the baseline exactly). */
class MaskingWorkflowTest {

	static ModelPair tinyPair() {
		final StateDict[] p = MaskingTest.pair();
		return new ModelPair(new ModelPackage(MaskingTest.SPEC, "tiny-baseline", "baseline", "", "", null, p[0]),
			new ModelPackage(MaskingTest.SPEC, "tiny-target", "target", "", "", null, p[1]));
	}

	private static int filterCount() {
		return FilterIndex.of(MaskingTest.SPEC).filterCount();
	}

	private static Ranking someRanking() {
		return Ranking.of(RandomRanking.scores(filterCount(), 11));
	}

	private static FloatImage output(final StateDict w, final FloatImage in) {
		return MaskedOutputs.run(MaskingTest.SPEC, w, List.of(in)).get(0);
	}

	// -- Mask Filters --

	@Test
	void maskingNothingIsTheTargetAndEverythingIsTheBaseline() {
		final ModelPair pair = tinyPair();
		final FloatImage in = TestImages.random(3, 14, 12, 4);
		final FloatImage target = output(pair.target().weights(), in);
		final FloatImage baseline = output(pair.baseline().weights(), in);
		assertTrue(ImageMetrics.maxAbsDiff(target, baseline) > 1e-3, "the pair must differ for the test to mean much");
		final MaskFilters.Options none = new MaskFilters.Options(0, MaskFilters.Mode.MASK, 0, 1, 2, Channel.LUMINANCE);
		final MaskFilters.Result r0 = new MaskFilters(pair, someRanking(), none).run(List.of(in), Monitor.NONE);
		assertEquals(List.of("target", "masked 0%", "baseline"), r0.variants().stream().map(MaskFilters.Variant::name)
			.toList());
		assertEquals(0, r0.variants().get(1).filters());
		assertEquals(0.0, ImageMetrics.maxAbsDiff(target, r0.outputs().get(1).image()), 0);
		assertEquals(0.0, r0.outputs().get(1).metric(), 0);
		assertEquals(0.0, ImageMetrics.maxAbsDiff(baseline, r0.outputs().get(2).image()), 0);

		final MaskFilters.Options all = new MaskFilters.Options(100, MaskFilters.Mode.MASK, 0, 1, 2, Channel.BLUE);
		final MaskFilters.Result r1 = new MaskFilters(pair, someRanking(), all).run(List.of(in), Monitor.NONE);
		assertEquals(filterCount(), r1.variants().get(1).filters());
		assertEquals(0.0, ImageMetrics.maxAbsDiff(baseline, r1.outputs().get(1).image()), 0);
		// The row's metric is the metric of that output against the target's, in the chosen channel.
		assertEquals(GradientMapMetric.metric(baseline, target, Channel.BLUE), r1.outputs().get(1).metric(), 0);
		assertEquals(ImageMetrics.psnr8(baseline, target, 0), r1.outputs().get(1).psnr(), 0);
		assertTrue(r1.outputs().get(1).metric() > 0);
	}

	@Test
	void lambdaZeroAndOneAreTheEndpoints() {
		final ModelPair pair = tinyPair();
		final List<FloatImage> in = List.of(TestImages.random(3, 14, 12, 4), TestImages.random(3, 12, 16, 5));
		final MaskFilters.Options o = MaskFilters.Options.defaults().withSweep(0, 1, 3);
		final MaskFilters.Options everything = new MaskFilters.Options(100, o.mode(), o.lambdaMin(), o.lambdaMax(), o
			.lambdaCount(), o.channel());
		final MaskFilters.Result r = new MaskFilters(pair, someRanking(), everything).run(in, Monitor.NONE);
		final List<MaskFilters.Variant> v = r.variants();
		assertEquals(List.of("target", "lambda=0", "lambda=0.5", "lambda=1", "baseline"), v.stream().map(
			MaskFilters.Variant::name).toList());
		assertArrayEquals(new double[] { 1, 0, 0.5, 1, 0 }, v.stream().mapToDouble(MaskFilters.Variant::lambda)
			.toArray(), 0);
		assertEquals(2 * v.size(), r.outputs().size());
		for (int s = 0; s < in.size(); s++) {
			final List<MaskFilters.Output> o2 = r.outputs().subList(s * v.size(), (s + 1) * v.size());
			for (final MaskFilters.Output x : o2) assertEquals(s, x.input());
			// λ = 0 on every filter is the baseline, λ = 1 the target; λ = 0.5 lies strictly between.
			assertEquals(0.0, ImageMetrics.maxAbsDiff(o2.get(4).image(), o2.get(1).image()), 0);
			assertEquals(0.0, ImageMetrics.maxAbsDiff(o2.get(0).image(), o2.get(3).image()), 0);
			assertEquals(0.0, o2.get(3).metric(), 0);
			assertTrue(ImageMetrics.maxAbsDiff(o2.get(0).image(), o2.get(2).image()) > 0);
			assertTrue(ImageMetrics.maxAbsDiff(o2.get(4).image(), o2.get(2).image()) > 0);
		}
	}

	@Test
	void maskFiltersOptionsAreValidatedAtConstruction() {
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new MaskFilters.Options(101, MaskFilters.Mode.MASK,
			0, 1, 2, Channel.BLUE)).getMessage().contains("percent"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> MaskFilters.Options.defaults().withSweep(1, 0, 3))
			.getMessage().contains("lambda_max"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> MaskFilters.Options.defaults().withSweep(0, 1, 1))
			.getMessage().contains("lambda_count"));
		assertEquals(MaskFilters.Mode.MODULATE, MaskFilters.Mode.parse("Modulate"));
		assertThrows(IllegalArgumentException.class, () -> MaskFilters.Mode.parse("bogus"));
		assertThrows(IllegalArgumentException.class, () -> new MaskFilters(tinyPair(), Ranking.of(new float[3]),
			MaskFilters.Options.defaults()));
	}

	// -- Ranking methods --

	@Test
	void randomRankingIsReproducibleForASeedAndDiffersAcrossSeeds() {
		final ModelPair pair = tinyPair();
		final Map<Degradation, Ranking> a = new RandomRanking(5).rank(pair, null, Monitor.NONE);
		final Map<Degradation, Ranking> b = new RandomRanking(5).rank(pair, null, Monitor.NONE);
		final Map<Degradation, Ranking> c = new RandomRanking(6).rank(pair, null, Monitor.NONE);
		assertEquals(Set.of(Degradation.BLUR, Degradation.NOISE), a.keySet());
		assertArrayEquals(a.get(Degradation.BLUR).order(), b.get(Degradation.BLUR).order());
		assertFalse(Arrays.equals(a.get(Degradation.BLUR).order(), c.get(Degradation.BLUR).order()));
		assertSame(a.get(Degradation.BLUR), a.get(Degradation.NOISE));
		// a permutation of every filter
		final int[] sorted = a.get(Degradation.BLUR).order();
		Arrays.sort(sorted);
		for (int i = 0; i < sorted.length; i++) assertEquals(i, sorted[i]);
	}

	@Test
	void weightDifferenceRanksByTheWeightsAlone() {
		final ModelPair pair = tinyPair();
		final Map<Degradation, Ranking> r = new WeightDifferenceRanking().rank(pair, null, Monitor.NONE);
		final float[] s = WeightDifferenceRanking.scores(FilterIndex.of(MaskingTest.SPEC), pair.baseline().weights(),
			pair.target().weights());
		assertArrayEquals(Ranking.of(s).order(), r.get(Degradation.BLUR).order());
		assertArrayEquals(Ranking.of(s).order(), r.get(Degradation.NOISE).order());
		assertFalse(new WeightDifferenceRanking().needsDiscovery());
	}

	@Test
	void faigRankingNeedsDiscoveryImagesAndItsNoiseRankingIsTheReverse() {
		final ModelPair pair = tinyPair();
		final FaigRanking faig = new FaigRanking(Quadrature.TRAPEZOID, 2, 11, 1);
		assertTrue(faig.needsDiscovery());
		assertThrows(IllegalArgumentException.class, () -> faig.rank(pair, null, Monitor.NONE));
		final Map<Degradation, Ranking> r = faig.rank(pair, new RankingMethod.Discovery(TestImages.images(1, 24, 3), List
			.of("a"), DegradationOptions.defaults()), Monitor.NONE);
		final int[] blur = r.get(Degradation.BLUR).order();
		final int[] noise = r.get(Degradation.NOISE).order();
		for (int i = 0; i < blur.length; i++) assertEquals(blur[i], noise[blur.length - 1 - i]);
		assertThrows(IllegalArgumentException.class, () -> new FaigRanking(Quadrature.RIEMANN, 0, 0, 1));
	}

	@Test
	void fixedRankingRefusesAnotherArchitecturesSets() {
		final Ranking small = Ranking.of(new float[5]);
		final FixedRanking f = new FixedRanking("x", RankingMethod.rankings(small, small));
		assertThrows(IllegalArgumentException.class, () -> f.rank(tinyPair(), null, Monitor.NONE));
		assertThrows(IllegalArgumentException.class, () -> new FixedRanking("x", Map.of(Degradation.BLUR, small)));
	}

	// -- Masking experiment --

	private static MaskingExperiment.Options experimentOptions(final long seed) {
		final Ranking blur = Ranking.of(RandomRanking.scores(filterCount(), 21));
		final List<RankingMethod> methods = List.of(new FixedRanking("sets", RankingMethod.rankings(blur, blur
			.reversed())), new WeightDifferenceRanking(), new RandomRanking(seed));
		return new MaskingExperiment.Options(methods, new double[] { 0, 10, 100 }, List.of(Mask.values()), List.of(
			Degradation.BLUR, Degradation.NOISE), new DegradationOptions(2, 21, 0.1, seed), 0, Channel.LUMINANCE);
	}

	@Test
	void experimentFillsEveryCellWithKnownEndpoints() {
		final ModelPair pair = tinyPair();
		final List<FloatImage> gts = TestImages.images(2, 24, 5);
		final MaskingExperiment.Options o = experimentOptions(3);
		final MaskingExperiment.Result r = new MaskingExperiment(pair, o).run(gts, null, Monitor.NONE);
		// complete: every method × mask × proportion × input, once, in that order
		assertEquals(3 * 2 * 3 * 2, r.cells().size());
		final Set<String> seen = new HashSet<>();
		int k = 0;
		for (final RankingMethod m : o.methods()) {
			for (final Mask mask : o.masks()) {
				for (final double p : o.percents()) {
					for (final Degradation in : o.inputs()) {
						final MaskingExperiment.Cell c = r.cells().get(k++);
						assertEquals(List.of(m.name(), mask, in, p), List.of(c.method(), c.mask(), c.input(), c.percent()));
						assertTrue(seen.add(m.name() + mask + in + p));
						assertEquals(2, c.images());
						assertEquals((int) Math.floor(filterCount() * p / 100 + 1e-9), c.filters());
					}
				}
			}
		}
		assertEquals(List.of("sets", "|theta-theta_bar|", "random"), new ArrayList<>(r.rankings().keySet()));
		// 0 %: the target itself, no change; 100 %: the baseline, whatever the method.
		final Degrader d = new Degrader(o.degradations().params(2));
		for (final Degradation in : o.inputs()) {
			for (final Mask mask : o.masks()) {
				final MaskingExperiment.Cell none = r.cell("random", mask, in, 0);
				assertArrayEquals(new double[2], none.metric(), 0);
				assertEquals(Double.POSITIVE_INFINITY, none.psnrMean());
				assertEquals(0.0, none.metricStd(), 0);
				final double[] expected = new double[2];
				for (int i = 0; i < 2; i++) {
					final FloatImage lr = d.degrade(d.groundTruth(gts.get(i)), in, 3 + i);
					expected[i] = GradientMapMetric.metric(output(pair.baseline().weights(), lr), output(pair.target()
						.weights(), lr), Channel.LUMINANCE);
				}
				for (final RankingMethod m : o.methods()) {
					assertArrayEquals(expected, r.cell(m.name(), mask, in, 100).metric(), 0, m.name());
				}
			}
		}
	}

	@Test
	void aCellIsTheMetricOfItsMaskedOutput() {
		final ModelPair pair = tinyPair();
		final List<FloatImage> gts = TestImages.images(3, 24, 8);
		final MaskingExperiment.Options o = experimentOptions(4);
		final MaskingExperiment exp = new MaskingExperiment(pair, o);
		final MaskingExperiment.Result r = exp.run(gts, null, Monitor.NONE);
		// independently: degrade image i with seed + i, mask the top 10 % of the denoising set, measure
		final Ranking noise = r.rankings().get("sets").get(Degradation.NOISE);
		final StateDict masked = new FilterMasking(pair.baseline().weights(), pair.target().weights(), FilterIndex.of(
			MaskingTest.SPEC)).mask(noise.top(10));
		final Degrader d = new Degrader(o.degradations().params(2));
		final double[] metric = new double[3];
		final double[] psnr = new double[3];
		for (int i = 0; i < 3; i++) {
			final FloatImage lr = d.degrade(d.groundTruth(gts.get(i)), Degradation.BLUR, 4 + i);
			final FloatImage t = output(pair.target().weights(), lr);
			final FloatImage m = output(masked, lr);
			metric[i] = GradientMapMetric.metric(m, t, Channel.LUMINANCE);
			psnr[i] = ImageMetrics.psnr8(m, t, 0);
		}
		final MaskingExperiment.Cell c = r.cell("sets", Mask.DENOISING, Degradation.BLUR, 10);
		assertArrayEquals(metric, c.metric(), 0);
		assertArrayEquals(psnr, c.psnr(), 0);
		final double mean = (metric[0] + metric[1] + metric[2]) / 3;
		assertEquals(mean, c.metricMean(), 1e-12);
		double ss = 0;
		for (final double x : metric) ss += (x - mean) * (x - mean);
		assertEquals(Math.sqrt(ss / 2), c.metricStd(), 1e-12);
		assertTrue(c.metricMean() > 0);
		// The per-model step alone gives the same cells (a shard of a distributed run equals the whole run).
		final List<MaskingExperiment.Cell> one = exp.cells(exp.evaluation(gts, Monitor.NONE), "sets", noise,
			Mask.DENOISING, 10);
		assertEquals(2, one.size());
		assertArrayEquals(c.metric(), one.get(0).metric(), 0);
	}

	@Test
	void experimentOptionsAreValidatedAndSerializable() throws Exception {
		final MaskingExperiment.Options o = experimentOptions(1);
		assertTrue(assertThrows(IllegalArgumentException.class, () -> o.withPercents(1, 1)).getMessage().contains(
			"twice"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> o.withPercents(150)).getMessage().contains(
			"proportions"));
		assertThrows(IllegalArgumentException.class, () -> new MaskingExperiment.Options(List.of(new RandomRanking(1),
			new RandomRanking(2)), o.percents(), o.masks(), o.inputs(), o.degradations(), 0, o.channel()));
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(o);
		}
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
			final MaskingExperiment.Options back = (MaskingExperiment.Options) in.readObject();
			assertArrayEquals(o.percents(), back.percents());
			assertEquals(o.methods().get(2), back.methods().get(2));
			assertArrayEquals(o.methods().get(0).rank(tinyPair(), null, Monitor.NONE).get(Degradation.NOISE).order(), back
				.methods().get(0).rank(tinyPair(), null, Monitor.NONE).get(Degradation.NOISE).order());
		}
	}

	@Test
	void centreCropCutsEachEvaluationImage() {
		final MaskingExperiment.Options o = experimentOptions(2);
		final MaskingExperiment.Options cropped = new MaskingExperiment.Options(o.methods(), o.percents(), o.masks(), o
			.inputs(), o.degradations(), 12, o.channel());
		final MaskingExperiment.Evaluation e = new MaskingExperiment(tinyPair(), cropped).evaluation(TestImages.images(1,
			31, 3), Monitor.NONE);
		final FloatImage lr = e.inputs().get(Degradation.BLUR).get(0);
		assertEquals(12, lr.width());
		assertEquals(12, lr.height());
		assertEquals(24, e.targetOutputs().get(Degradation.NOISE).get(0).width());
		assertThrows(IllegalArgumentException.class, () -> new MaskingExperiment(tinyPair(), cropped).evaluation(TestImages
			.images(1, 23, 3), Monitor.NONE));
	}
}
