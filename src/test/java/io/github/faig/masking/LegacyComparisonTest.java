package io.github.faig.masking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.faig.TestImages;
import io.github.faig.attribution.DegradationAttribution;
import io.github.faig.attribution.FaigEngine;
import io.github.faig.attribution.FilterIndex;
import io.github.faig.attribution.FixedRanking;
import io.github.faig.attribution.InputIgRanking;
import io.github.faig.attribution.Quadrature;
import io.github.faig.attribution.RandomRanking;
import io.github.faig.attribution.Ranking;
import io.github.faig.attribution.RankingMethod;
import io.github.faig.attribution.WeightDifferenceRanking;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationOptions;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.image.FloatImage;
import io.github.faig.nn.StateDict;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.nn.io.ModelPair;
import io.github.faig.workflow.Monitor;

class LegacyComparisonTest {

	@Test
	void sameCellsAsTheOldPath() {
		final StateDict[] p = MaskingTest.pair();
		final var spec = MaskingTest.SPEC;
		final ModelPair pair = new ModelPair(new ModelPackage(spec, "b", "baseline", "", "", null, p[0]), new ModelPackage(
			spec, "t", "target", "", "", null, p[1]));
		final List<FloatImage> gts = TestImages.images(3, 24, 5);
		final List<FloatImage> disc = TestImages.images(2, 24, 9);
		final List<String> names = List.of("a", "b");
		final long seed = 7;
		final DegradationOptions dopt = new DegradationOptions(2, 21, 0.1, seed);
		final DegradationParams params = dopt.params(spec.scale());
		final Ranking fb = Ranking.of(RandomRanking.scores(FilterIndex.of(spec).filterCount(), 99));
		final Ranking fn = Ranking.of(RandomRanking.scores(FilterIndex.of(spec).filterCount(), 98));
		// old path
		final Map<String, Ranking[]> old = new LinkedHashMap<>();
		old.put("FAIG", new Ranking[] { fb, fn });
		try (FaigEngine e = new FaigEngine(spec, p[0], p[1])) {
			final DegradationAttribution.Result ig = new DegradationAttribution(e, params, seed, Quadrature.RIEMANN, 3, 8,
				2, DegradationAttribution.Method.INPUT_IG).run(disc, names, null, null);
			old.put("IG", new Ranking[] { ig.blur(), ig.noise() });
		}
		final Ranking diff = Ranking.of(WeightDifferenceRanking.scores(FilterIndex.of(spec), p[0], p[1]));
		old.put("|theta-theta_bar|", new Ranking[] { diff, diff });
		final Ranking random = Ranking.of(RandomRanking.scores(FilterIndex.of(spec).filterCount(), seed));
		old.put("random", new Ranking[] { random, random });
		final double[] percents = { 1, 10, 50 };
		final List<LegacyMaskingExperiment.Cell> a = new LegacyMaskingExperiment(spec, p[0], p[1], params, seed,
			GradientMapMetric.Channel.LUMINANCE).run(old, percents, gts, null, null);
		// new path
		final List<RankingMethod> methods = new ArrayList<>();
		methods.add(new FixedRanking("FAIG", RankingMethod.rankings(fb, fn)));
		methods.add(new InputIgRanking(3, 8, 2));
		methods.add(new WeightDifferenceRanking());
		methods.add(new RandomRanking(seed));
		final MaskingExperiment.Options o = new MaskingExperiment.Options(methods, percents, List.of(Mask.values()), List
			.of(Degradation.BLUR, Degradation.NOISE), dopt, 0, GradientMapMetric.Channel.LUMINANCE);
		final List<MaskingExperiment.Cell> b = new MaskingExperiment(pair, o).run(gts, new RankingMethod.Discovery(disc,
			names, dopt), Monitor.NONE).cells();
		assertEquals(a.size(), b.size());
		for (int i = 0; i < a.size(); i++) {
			assertEquals(a.get(i).method(), b.get(i).method());
			assertEquals(a.get(i).mask(), b.get(i).mask().label());
			assertEquals(a.get(i).input(), b.get(i).input());
			assertEquals(a.get(i).percent(), b.get(i).percent());
			assertEquals(a.get(i).filters(), b.get(i).filters());
			assertArrayEquals(a.get(i).metric(), b.get(i).metric(), 0);
			assertArrayEquals(a.get(i).psnr(), b.get(i).psnr(), 0);
		}
		System.out.println("legacy comparison: " + a.size() + " cells equal; e.g. " + b.get(5).metricMean());
	}
}
