package io.github.faig.prediction;

import java.io.Serializable;

import io.github.faig.attribution.Quadrature;
import io.github.faig.degrade.DegradationOptions;

/**
 * How thresholds are calibrated: how inputs are scored (stored with the thresholds, so prediction later scores
 * exactly so) and how labelled inputs are made from ground-truth images.
 *
 * @param percent the top percentage of filters, for both the discovered sets and each input's own set
 * @param steps path steps N
 * @param rule the quadrature rule
 * @param pseudoTruth the output that stands in for the missing ground truth
 * @param cropSize side of the LR crops, 0 for whole images
 * @param crops crops per image (when {@code cropSize > 0})
 * @param degradation blur, kernel, noise and the seed of the noise and the crop positions
 */
public record CalibrationOptions(double percent, int steps, Quadrature rule,
	DegradationPredictor.PseudoTruth pseudoTruth, int cropSize, int crops, DegradationOptions degradation)
	implements Serializable
{

	public CalibrationOptions {
		if (!(percent > 0 && percent <= 100)) {
			throw new IllegalArgumentException("percent must lie in (0, 100], got " + percent);
		}
		if (rule == null || pseudoTruth == null || degradation == null) {
			throw new IllegalArgumentException("quadrature, pseudo_truth and the degradations must be given");
		}
		rule.rule(steps);
		if (cropSize < 0) throw new IllegalArgumentException("crop_size must be >= 0, got " + cropSize);
		if (crops < 1) throw new IllegalArgumentException("crops must be >= 1, got " + crops);
	}

	/** Top 1 %, trapezoid N = 20, the target's output, 2 LR crops of 64 per image, the reference's degradations. */
	public static CalibrationOptions defaults() {
		return new CalibrationOptions(1.0, 20, Quadrature.TRAPEZOID, DegradationPredictor.PseudoTruth.TARGET, 64, 2,
			DegradationOptions.defaults());
	}

	/** The scoring settings these thresholds are stored with. */
	public PredictionSettings settings(final Thresholds t) {
		return new PredictionSettings(percent, steps, rule, pseudoTruth, t);
	}
}
