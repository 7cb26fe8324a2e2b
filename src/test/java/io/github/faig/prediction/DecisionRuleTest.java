package io.github.faig.prediction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;

import io.github.faig.degrade.Degradation;

/** The decision rules on hand-made scores, and T_reblur's calibration and storage. */
class DecisionRuleTest {

	private static final Thresholds T = new Thresholds(0.12, 0.55, 0.80);

	private static DegradationPredictor.Scores s(final double blur, final double noise, final double reblur) {
		return new DegradationPredictor.Scores(blur, noise, reblur, 0);
	}

	@Test
	void thePapersRuleReadsTheOverlapScoresOnly() {
		assertEquals(Degradation.CLEAN, DecisionRule.PAPER.decide(s(0.05, 0.30, 0.99), T));
		assertEquals(Degradation.BLUR, DecisionRule.PAPER.decide(s(0.20, 0.30, 0.10), T));
		// noise hides the blur from OS_blur: the paper's rule says "noise" whatever the re-blur read-out
		assertEquals(Degradation.NOISE, DecisionRule.PAPER.decide(s(0.003, 0.67, 0.95), T));
		for (final double ob : new double[] { 0, 0.1, 0.2 }) {
			for (final double on : new double[] { 0.3, 0.6 }) {
				final DegradationPredictor.Scores x = s(ob, on, 0.9);
				assertEquals(T.decide(x), DecisionRule.PAPER.decide(x, T));
			}
		}
	}

	@Test
	void blurUnderNoiseDecidesBlurOfNoisyInputsOnTheirDenoisedVersion() {
		final DecisionRule r = DecisionRule.BLUR_UNDER_NOISE;
		// noisy: re-blur above T_reblur is blur, below it is not, OS_blur no longer matters
		assertEquals(Degradation.BLUR_NOISE, r.decide(s(0.003, 0.67, 0.95), T));
		assertEquals(Degradation.NOISE, r.decide(s(0.003, 0.67, 0.60), T));
		assertEquals(Degradation.NOISE, r.decide(s(0.30, 0.67, 0.60), T));
		// a flat denoised image shows no blur
		assertEquals(Degradation.NOISE, r.decide(s(0.003, 0.67, Double.NaN), T));
		// not noisy: the paper's decision, the re-blur read-out ignored
		assertEquals(Degradation.CLEAN, r.decide(s(0.05, 0.30, 0.99), T));
		assertEquals(Degradation.BLUR, r.decide(s(0.20, 0.30, 0.10), T));
		// the noise decision is always the paper's
		for (final double on : new double[] { 0.1, 0.5, 0.56, 0.9 }) {
			assertEquals(on > T.noise(), r.decide(s(0.1, on, 0.9), T).hasNoise());
		}
	}

	@Test
	void blurUnderNoiseNeedsItsThreshold() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DecisionRule.BLUR_UNDER_NOISE
			.decide(s(0, 0.7, 0.9), new Thresholds(0.12, 0.55)));
		assertTrue(e.getMessage().contains("decision_rule=blur-under-noise") && e.getMessage().contains(
			"decision_rule=paper"), e.getMessage());
	}

	@Test
	void labelsParse() {
		assertEquals(DecisionRule.PAPER, DecisionRule.parse("paper"));
		assertEquals(DecisionRule.BLUR_UNDER_NOISE, DecisionRule.parse(" Blur-Under-Noise "));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DecisionRule.parse(
			"two-pass"));
		assertTrue(e.getMessage().startsWith("decision_rule must be paper or blur-under-noise, got 'two-pass'"), e
			.getMessage());
	}

	private static ThresholdCalibration.Sample sample(final Degradation d, final double reblur) {
		return new ThresholdCalibration.Sample(d, s(d.hasBlur() ? 0.2 : 0.05, d.hasNoise() ? 0.7 : 0.3, reblur));
	}

	@Test
	void tReblurIsCalibratedOnTheNoisyInputsOnly() {
		final List<ThresholdCalibration.Sample> c = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			c.add(sample(Degradation.NOISE, 0.60 + 0.01 * i)); // 0.60 … 0.69
			c.add(sample(Degradation.BLUR_NOISE, 0.80 + 0.01 * i)); // 0.80 … 0.89
			// clean and blurry inputs with read-outs that would move a threshold fitted on everything
			c.add(sample(Degradation.CLEAN, 0.95));
			c.add(sample(Degradation.BLUR, 0.20));
		}
		final Thresholds t = ThresholdCalibration.calibrate(c);
		// ties go to the middle of the tied range: the midpoints 0.745 … between 0.69 and 0.80, so 0.745
		assertEquals(0.745, t.reblur(), 1e-9);
		// without read-outs, or without noisy inputs of both kinds, there is none
		assertTrue(Double.isNaN(ThresholdCalibration.calibrate(List.of(sample(Degradation.NOISE, Double.NaN), sample(
			Degradation.BLUR_NOISE, Double.NaN), sample(Degradation.CLEAN, 0.5))).reblur()));
		assertTrue(Double.isNaN(ThresholdCalibration.bestReblur(List.of(sample(Degradation.NOISE, 0.5), sample(
			Degradation.CLEAN, 0.9)))));
	}

	@Test
	void thresholdsKeepTReblurInTheirJson() {
		final JsonObject extra = new JsonObject();
		extra.add(Thresholds.KEY, T.toJson());
		assertEquals(T, Thresholds.fromJson(extra));
		// sets calibrated before the rule: no T_reblur, and none written back
		final JsonObject old = new JsonObject();
		old.add(Thresholds.KEY, new Thresholds(0.12, 0.55).toJson());
		assertTrue(Double.isNaN(Thresholds.fromJson(old).reblur()));
		assertTrue(!old.getAsJsonObject(Thresholds.KEY).has("reblur"));
		// a threshold given on the command line replaces T_blur or T_noise and keeps T_reblur
		final JsonObject stored = new PredictionSettings(1, 20, io.github.faig.attribution.Quadrature.TRAPEZOID,
			DegradationPredictor.PseudoTruth.TARGET, T).toJson();
		final JsonObject sets = new JsonObject();
		sets.add(PredictionSettings.KEY, stored);
		assertEquals(new Thresholds(0.3, 0.55, 0.80), PredictionSettings.forPrediction(sets, 0.3, -1, "x").thresholds());
	}
}
