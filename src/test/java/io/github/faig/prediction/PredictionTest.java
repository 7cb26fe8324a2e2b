package io.github.faig.prediction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.github.faig.TestImages;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.image.FloatImage;

class PredictionTest {

	@Test
	void overlapScoreOnHandMadeSets() {
		assertEquals(0.5, OverlapScore.of(new int[] { 1, 2, 3, 4 }, new int[] { 3, 4, 9, 10 }), 0);
		assertEquals(1.0, OverlapScore.of(new int[] { 1, 2, 3 }, new int[] { 3, 1 }), 0);
		assertEquals(0.0, OverlapScore.of(new int[] { 1, 2, 3 }, new int[] { 7, 8 }), 0);
		assertEquals(0.0, OverlapScore.of(new int[] { 1 }, new int[0]), 0);
		// Only the input's set is the denominator.
		assertEquals(1.0 / 3, OverlapScore.of(new int[] { 5 }, new int[] { 5, 6, 7 }), 1e-12);
		assertThrows(IllegalArgumentException.class, () -> OverlapScore.of(new int[] { 1 }, new int[] { 2, 2 }));
	}

	@Test
	void overlapScoreStaysInTheUnitInterval() {
		final Random r = new Random(1);
		for (int k = 0; k < 200; k++) {
			final int[] a = r.ints(r.nextInt(30), 0, 100).distinct().toArray();
			final int[] b = r.ints(1 + r.nextInt(30), 0, 100).distinct().toArray();
			final double os = OverlapScore.of(a, b);
			assertTrue(os >= 0 && os <= 1, "OS " + os);
		}
	}

	static ThresholdFit.Sample sample(final Degradation d, final double ob, final double on) {
		return new ThresholdFit.Sample(d, new DegradationPredictor.Scores(ob, on, 0));
	}

	@Test
	void calibrationFindsAThresholdBetweenSeparableClasses() {
		final Random r = new Random(2);
		final List<ThresholdFit.Sample> s = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			for (final Degradation d : Degradation.values()) {
				// Blur scores in [0.6, 0.9] with blur, [0.1, 0.4] without; noise in [0.5, 0.7] vs [0.0, 0.3].
				final double ob = d.hasBlur() ? 0.6 + 0.3 * r.nextDouble() : 0.1 + 0.3 * r.nextDouble();
				final double on = d.hasNoise() ? 0.5 + 0.2 * r.nextDouble() : 0.3 * r.nextDouble();
				s.add(sample(d, ob, on));
			}
		}
		final Thresholds t = ThresholdFit.calibrate(s);
		assertTrue(t.blur() > 0.4 && t.blur() < 0.6, "T_blur " + t.blur());
		assertTrue(t.noise() > 0.3 && t.noise() < 0.5, "T_noise " + t.noise());
		final ThresholdFit.Report rep = ThresholdFit.evaluate(s, t);
		assertEquals(1.0, rep.blurAccuracy(), 0);
		assertEquals(1.0, rep.noiseAccuracy(), 0);
		assertEquals(1.0, rep.exactAccuracy(), 0);
		for (final Degradation d : Degradation.values()) assertEquals(50, rep.confusion()[d.ordinal()][d.ordinal()]);
	}

	@Test
	void confusionMatrixCountsDecisions() {
		final Thresholds t = new Thresholds(0.5, 0.5);
		final List<ThresholdFit.Sample> s = List.of(sample(Degradation.BLUR, 0.7, 0.1), sample(Degradation.BLUR,
			0.2, 0.1), sample(Degradation.NOISE, 0.7, 0.9), sample(Degradation.CLEAN, 0.1, 0.1));
		final ThresholdFit.Report r = ThresholdFit.evaluate(s, t);
		assertEquals(1, r.confusion()[Degradation.BLUR.ordinal()][Degradation.BLUR.ordinal()]);
		assertEquals(1, r.confusion()[Degradation.BLUR.ordinal()][Degradation.CLEAN.ordinal()]);
		assertEquals(1, r.confusion()[Degradation.NOISE.ordinal()][Degradation.BLUR_NOISE.ordinal()]);
		assertEquals(0.5, r.blurAccuracy(), 0); // blur wrong on samples 2 and 3
		assertEquals(1.0, r.noiseAccuracy(), 0);
		assertEquals(0.5, r.exactAccuracy(), 0);
	}

	@Test
	void labelledInputsCoverTheFourClassesAtTheSameCrop() {
		final FloatImage gt = TestImages.images(1, 64, 3).get(0);
		final List<LabelledInputs.Input> in = LabelledInputs.make(List.of(gt), List.of("a"), DegradationParams
			.defaults(), 1, 16, 2);
		assertEquals(8, in.size());
		assertEquals(Degradation.CLEAN, in.get(0).label());
		assertEquals(Degradation.BLUR_NOISE, in.get(3).label());
		assertEquals(16, in.get(5).lr().width());
	}

	@Test
	void aThresholdOutOfRangeIsQuotedAsWritten() {
		// t_blur=-2 on a macro or headless line: the message says -2, not Java's -2.0
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> PredictionOptions.checkThreshold(-2.0, "t_blur"));
		assertEquals("t_blur must lie in [0, 1], or be -1 for the calibrated value; got -2", e.getMessage());
	}
}
