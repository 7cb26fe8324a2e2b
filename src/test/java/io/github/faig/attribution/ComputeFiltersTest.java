package io.github.faig.attribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationOptions;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.image.FloatImage;
import io.github.faig.nn.StateDict;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.nn.io.ModelPair;
import io.github.faig.workflow.Monitor;
import io.github.faig.workflow.Sharding;

/** The compute-filters workflow and its distributed seam, on the tiny MSRResNet of {@link FaigEngineTest}. */
class ComputeFiltersTest {

	private static final List<String> NAMES = List.of("a", "b", "c");
	/** Images whose LR side (12) holds a crop of the tiny network's receptive field (11 pixels). */
	private static final List<FloatImage> LARGER = List.of(FaigEngineTest.random(3, 24, 24, 16), FaigEngineTest.random(
		3, 24, 26, 17), FaigEngineTest.random(3, 26, 24, 18));

	/** The whole-set sum, as it was summed before partials existed: one running sum, image by image, input by input. */
	private static float[] runningMean(final List<DegradationAttribution.Input> inputs, final int filters) {
		final double[] diff = new double[filters];
		for (final DegradationAttribution.Input in : inputs) {
			final double sign = in.degradation() == Degradation.BLUR ? 1 : -1;
			for (int f = 0; f < filters; f++) diff[f] += sign * in.attribution().scores()[f];
		}
		final float[] mean = new float[filters];
		for (int f = 0; f < filters; f++) mean[f] = (float) (diff[f] / (inputs.size() / 2));
		return mean;
	}

	@Test
	void partialsOfSingleImagesAddUpToTheWholeSet() throws Exception {
		final StateDict theta = FaigEngineTest.target();
		final StateDict thetaBar = FaigEngineTest.perturb(theta, null, 0.05, 15);
		try (FaigEngine e = new FaigEngine(FaigEngineTest.SPEC, thetaBar, theta)) {
			final DegradationAttribution da = new DegradationAttribution(e, DegradationParams.defaults(), 1,
				Quadrature.TRAPEZOID, 4, 11, 2);
			final int n = e.filters().filterCount();
			final DegradationAttribution.Result whole = da.run(LARGER, NAMES, Monitor.NONE);
			// the local run sums in the original order: bit for bit
			assertArrayEquals(runningMean(whole.inputs(), n), whole.blurMinusNoise(), 0f);
			assertArrayEquals(Ranking.of(whole.blurMinusNoise()).order(), whole.blur().order());
			// images attributed alone, combined in another order
			final DegradationAttribution.Partial p = da.attributeImage(2, LARGER.get(2), "c", Monitor.NONE).plus(da
				.attributeImage(0, LARGER.get(0), "a", Monitor.NONE)).plus(da.attributeImage(1, LARGER.get(1), "b",
					Monitor.NONE));
			final DegradationAttribution.Result split = DegradationAttribution.finish(p);
			float max = 0;
			for (final float v : whole.blurMinusNoise()) max = Math.max(max, Math.abs(v));
			assertArrayEquals(whole.blurMinusNoise(), split.blurMinusNoise(), 1e-6f * max);
			assertEquals(whole.inputs().stream().map(DegradationAttribution.Input::label).toList(), split.inputs()
				.stream().map(DegradationAttribution.Input::label).toList());
			assertEquals(List.of("a#1", "a#1", "a#2", "a#2"), split.inputs().subList(0, 4).stream().map(
				DegradationAttribution.Input::label).toList());
			// what a cluster sends back: serialisable, without the per-input scores, and ranking the same
			final DegradationAttribution.Partial light = roundTrip(p.withoutInputScores());
			assertEquals(0, light.inputs().get(0).attribution().scores().length);
			assertEquals(p.inputs().get(5).attribution().completenessError(), light.inputs().get(5).attribution()
				.completenessError());
			assertArrayEquals(split.blurMinusNoise(), DegradationAttribution.finish(light).blurMinusNoise(), 0f);
		}
	}

	/**
	 * One image's progress, through the one monitor: before each input and each of its path steps a "FAIG path steps"
	 * count over the image (inputs × (steps + 1)), after each input "FAIG d/n (label)"; a whole run reports its
	 * inputs alone, counted over the set.
	 */
	@Test
	void progressCountsInputsAndPathSteps() throws Exception {
		final StateDict theta = FaigEngineTest.target();
		try (FaigEngine e = new FaigEngine(FaigEngineTest.SPEC, FaigEngineTest.perturb(theta, null, 0.05, 15), theta)) {
			final DegradationAttribution da = new DegradationAttribution(e, DegradationParams.defaults(), 1,
				Quadrature.TRAPEZOID, 4, 11, 2);
			final List<String> seen = new ArrayList<>();
			final int[] asked = { 0 };
			da.attributeImage(0, LARGER.get(0), "a", Monitor.of((m, d, t) -> seen.add(m + " " + d + "/" + t), () -> {
				asked[0]++;
				return false;
			}));
			final List<String> expected = new ArrayList<>();
			for (int input = 0; input < 4; input++) {
				for (int k = 0; k <= 4; k++) expected.add("FAIG path steps " + (input * 5 + k) + "/20");
				expected.add("FAIG " + (input + 1) + "/4 (a#" + (input / 2 + 1) + " " + (input % 2 == 0
					? Degradation.BLUR : Degradation.NOISE).label() + ") " + (input + 1) + "/4");
			}
			assertEquals(expected, seen);
			assertEquals(4 * 5, asked[0], "asked before every input and every path step");
			seen.clear();
			da.run(LARGER.subList(0, 2), NAMES.subList(0, 2), Monitor.of((m, d, t) -> seen.add(m.substring(0, m
				.indexOf(" (")) + " " + d + "/" + t), () -> false));
			final List<String> inputs = new ArrayList<>();
			for (int i = 1; i <= 8; i++) inputs.add("FAIG " + i + "/8 " + i + "/8");
			assertEquals(inputs, seen);
		}
	}

	@Test
	void computeFiltersGivesRankingsTablesAndProvenance() {
		final StateDict theta = FaigEngineTest.target();
		final StateDict thetaBar = FaigEngineTest.perturb(theta, null, 0.05, 15);
		final ModelPair pair = new ModelPair(new ModelPackage(FaigEngineTest.SPEC, "base", "baseline", "", "", null,
			thetaBar), new ModelPackage(FaigEngineTest.SPEC, "tgt", "target", "", "", null, theta));
		final ComputeFilters.Options o = new ComputeFilters.Options(new DegradationOptions(2, 21, 0.1, 1),
			Quadrature.TRAPEZOID, 4, 11, 2, 10);
		final List<String> messages = new ArrayList<>();
		final Monitor m = new Monitor() {

			@Override
			public void progress(final String message, final long done, final long total) {
				if (message.startsWith("FAIG ") && !message.contains("path")) messages.add(done + "/" + total);
			}

			@Override
			public boolean isCancelled() {
				return false;
			}
		};
		try (ComputeFilters cf = new ComputeFilters(pair, o)) {
			final ComputeFilters.Result r = cf.run(LARGER, NAMES, Sharding.LOCAL, m);
			assertEquals(12, messages.size());
			assertEquals("12/12", messages.get(11));
			final Ranking blur = r.sets().ranking(Degradation.BLUR);
			final int top = blur.count(10);
			assertEquals(2 * top, r.top().size());
			assertEquals(blur.order()[0], r.top().get(0).filter().index());
			assertEquals(blur.score(blur.order()[0]), r.top().get(0).score());
			assertEquals(Degradation.NOISE, r.top().get(top).degradation());
			assertEquals(top, r.layers().stream().mapToInt(ComputeFilters.LayerCount::topBlur).sum());
			assertEquals(top, r.layers().stream().mapToInt(ComputeFilters.LayerCount::topNoise).sum());
			assertEquals(12, r.completeness().size());
			assertEquals(3, r.provenance().get("images").getAsInt());
			assertEquals(2, r.provenance().get("crops").getAsInt());
			assertEquals("trapezoid", r.provenance().get("quadrature").getAsString());
			// the same from the per-image seam
			DegradationAttribution.Partial sum = null;
			for (int i = 0; i < 3; i++) {
				final DegradationAttribution.Partial p = cf.attributeImage(i, LARGER.get(i), NAMES.get(i), Monitor.NONE);
				sum = sum == null ? p : sum.plus(p);
			}
			final ComputeFilters.Result split = cf.finish(sum, 3, 0);
			assertTrue(split.top().size() == r.top().size());
			float max = 0;
			for (final float v : r.attribution().blurMinusNoise()) max = Math.max(max, Math.abs(v));
			assertArrayEquals(r.attribution().blurMinusNoise(), split.attribution().blurMinusNoise(), 1e-6f * max);
		}
	}

	@Test
	void cropsSmallerThanTheReceptiveFieldAreRefused() {
		final StateDict theta = FaigEngineTest.target();
		final ModelPair pair = new ModelPair(new ModelPackage(FaigEngineTest.SPEC, "base", "baseline", "", "", null,
			FaigEngineTest.perturb(theta, null, 0.05, 15)), new ModelPackage(FaigEngineTest.SPEC, "tgt", "target", "", "",
				null, theta));
		// MSRResNet with one block: radius 1 + 2 + 1 + 1 = 5 LR pixels, a field of 11
		assertEquals(11, FaigEngineTest.SPEC.build().receptiveField());
		final ComputeFilters.Options small = new ComputeFilters.Options(DegradationOptions.defaults(),
			Quadrature.TRAPEZOID, 4, 10, 1, 10);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ComputeFilters(pair,
			small));
		assertTrue(e.getMessage().startsWith("crop_size=10 ") && e.getMessage().contains("receptive field") && e
			.getMessage().contains(">= 11") && !e.getMessage().contains("\n"), e.getMessage());
		// the field itself, and whole images (0), are accepted
		for (final int crop : new int[] { 11, 0 }) {
			try (ComputeFilters cf = new ComputeFilters(pair, new ComputeFilters.Options(DegradationOptions.defaults(),
				Quadrature.TRAPEZOID, 4, crop, 1, 10)))
			{
				assertEquals(crop, cf.options().cropSize());
			}
		}
		// whole images whose LR version is smaller than the field: refused before any work, naming the image
		try (ComputeFilters cf = new ComputeFilters(pair, new ComputeFilters.Options(DegradationOptions.defaults(),
			Quadrature.TRAPEZOID, 4, 0, 1, 10)))
		{
			final IllegalArgumentException w = assertThrows(IllegalArgumentException.class, () -> cf.run(List.of(
				LARGER.get(0), FaigEngineTest.random(3, 40, 20, 5)), List.of("a", "narrow"), Sharding.LOCAL, Monitor.NONE));
			assertTrue(w.getMessage().startsWith("image narrow is 10x20 LR pixels at x2, smaller than the network's " +
				"receptive field (11x11 LR pixels)") && w.getMessage().contains("22x22"), w.getMessage());
		}
		// any attribution with crops (the masking experiment's input-path IG) refuses them too
		try (FaigEngine engine = new FaigEngine(FaigEngineTest.SPEC, pair.baseline().weights(), theta)) {
			final IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
				() -> new DegradationAttribution(engine, DegradationParams.defaults(), 1, Quadrature.TRAPEZOID, 4, 6, 1,
					DegradationAttribution.Method.INPUT_IG));
			assertTrue(c.getMessage().startsWith("crop_size=6 is smaller than the receptive field"), c.getMessage());
		}
	}

	@SuppressWarnings("unchecked")
	private static <T> T roundTrip(final T o) throws Exception {
		final ByteArrayOutputStream b = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(b)) {
			out.writeObject(o);
		}
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b.toByteArray()))) {
			return (T) in.readObject();
		}
	}
}
