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

	/**
	 * Held-out inputs as the benchmark measured them (rows of results/prediction/blur_under_noise_scores.csv: OS_blur,
	 * OS_noise, re-blur) under the shipped thresholds of filter-sets-msrresnet-x2: what each rule says, what it gets
	 * right and what it cannot.
	 */
	@Test
	void measuredHeldOutInputsUnderTheShippedThresholds() {
		final Thresholds shipped = new Thresholds(0.11931818181818182, 0.5482954545454546, 0.39195409447717366);
		final Object[][] rows = {
			// a textured crop (tuxpaint-data-34a0c8e6f55a #1): blur under noise is found
			{ Degradation.CLEAN, s(0.017045, 0.375000, 0.162089), Degradation.CLEAN, Degradation.CLEAN },
			{ Degradation.BLUR, s(0.125000, 0.380682, 0.191232), Degradation.BLUR, Degradation.BLUR },
			{ Degradation.NOISE, s(0.000000, 0.778409, 0.242575), Degradation.NOISE, Degradation.NOISE },
			{ Degradation.BLUR_NOISE, s(0.000000, 0.778409, 0.478735), Degradation.NOISE, Degradation.BLUR_NOISE },
			// a smooth gradient (mate-backgrounds-3348fcdf6b3f #1): the noisy input reads blurry, a false "blur"
			{ Degradation.NOISE, s(0.000000, 0.590909, 0.519441), Degradation.NOISE, Degradation.BLUR_NOISE },
			{ Degradation.BLUR_NOISE, s(0.000000, 0.579545, 0.561009), Degradation.NOISE, Degradation.BLUR_NOISE },
			// a flat crop (lomiri-wallpapers-16.04-1dcfed94ec52 #2): neither rule sees its blur under the noise
			{ Degradation.BLUR_NOISE, s(0.000000, 0.590909, 0.264702), Degradation.NOISE, Degradation.NOISE },
			// noise the paper's noise decision misses (tuxpaint-data-33bdb0840258 #1): both rules read OS_blur
			{ Degradation.BLUR_NOISE, s(0.000000, 0.346591, 0.588527), Degradation.CLEAN, Degradation.CLEAN } };
		for (final Object[] r : rows) {
			final DegradationPredictor.Scores x = (DegradationPredictor.Scores) r[1];
			assertEquals(r[2], DecisionRule.PAPER.decide(x, shipped), r[0] + " " + x + ", paper");
			assertEquals(r[3], DecisionRule.BLUR_UNDER_NOISE.decide(x, shipped), r[0] + " " + x + ", blur-under-noise");
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

	private static ThresholdFit.Sample sample(final Degradation d, final double reblur) {
		return new ThresholdFit.Sample(d, s(d.hasBlur() ? 0.2 : 0.05, d.hasNoise() ? 0.7 : 0.3, reblur));
	}

	@Test
	void tReblurIsCalibratedOnTheNoisyInputsOnly() {
		final List<ThresholdFit.Sample> c = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			c.add(sample(Degradation.NOISE, 0.60 + 0.01 * i)); // 0.60 … 0.69
			c.add(sample(Degradation.BLUR_NOISE, 0.80 + 0.01 * i)); // 0.80 … 0.89
			// clean and blurry inputs with read-outs that would move a threshold fitted on everything
			c.add(sample(Degradation.CLEAN, 0.95));
			c.add(sample(Degradation.BLUR, 0.20));
		}
		final Thresholds t = ThresholdFit.calibrate(c);
		// ties go to the middle of the tied range: the midpoints 0.745 … between 0.69 and 0.80, so 0.745
		assertEquals(0.745, t.reblur(), 1e-9);
		// without read-outs, or without noisy inputs of both kinds, there is none
		assertTrue(Double.isNaN(ThresholdFit.calibrate(List.of(sample(Degradation.NOISE, Double.NaN), sample(
			Degradation.BLUR_NOISE, Double.NaN), sample(Degradation.CLEAN, 0.5))).reblur()));
		assertTrue(Double.isNaN(ThresholdFit.bestReblur(List.of(sample(Degradation.NOISE, 0.5), sample(
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
