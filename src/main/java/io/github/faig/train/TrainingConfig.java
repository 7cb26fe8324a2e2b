package io.github.faig.train;

import io.github.faig.degrade.DegradationParams;
import io.github.faig.degrade.TrainingMix;
import io.github.faig.nn.NetworkSpec;

/**
 * Everything that determines a training run (with the data and, for fine-tuning, the initial weights): with the
 * same values the run is the same, interrupted and resumed or not.
 *
 * @param spec the network
 * @param mix which degradations the LR inputs get (baseline: clean only; target: blur 0.5, noise 0.5)
 * @param degradation blur, noise and scale of the synthesised inputs
 * @param iterations number of optimiser steps
 * @param batchSize samples per step
 * @param patchSize LR patch side in pixels
 * @param learningRate initial Adam learning rate, cosine-annealed to {@code minLearningRate}
 * @param minLearningRate final learning rate
 * @param emaDecay decay of the exponential moving average of the weights (the saved model)
 * @param seed seeds initialisation, sampling and noise
 */
public record TrainingConfig(NetworkSpec spec, TrainingMix mix, DegradationParams degradation, int iterations,
	int batchSize, int patchSize, double learningRate, double minLearningRate, double emaDecay, long seed)
{

	public TrainingConfig {
		if (spec.scale() != degradation.scale()) {
			throw new IllegalArgumentException("scale of the network (" + spec.scale() + ") and of the degradation (" +
				degradation.scale() + ") differ");
		}
		if (iterations < 1) throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
		if (batchSize < 1) throw new IllegalArgumentException("batch_size must be >= 1, got " + batchSize);
		if (patchSize < 4) throw new IllegalArgumentException("patch_size must be >= 4, got " + patchSize);
		if (!(learningRate > 0)) throw new IllegalArgumentException("learning_rate must be > 0, got " + learningRate);
		if (!(minLearningRate >= 0 && minLearningRate <= learningRate)) {
			throw new IllegalArgumentException("the final learning rate must lie in [0, learning_rate]");
		}
		if (!(emaDecay >= 0 && emaDecay < 1)) throw new IllegalArgumentException("ema_decay must be in [0, 1)");
	}

	/** Cosine annealing from {@code learningRate} at step 0 to {@code minLearningRate} at the last step. */
	public double learningRateAt(final int iteration) {
		return minLearningRate + 0.5 * (learningRate - minLearningRate) * (1 + Math.cos(Math.PI * iteration /
			iterations));
	}

	/** A string identifying the run, stored in checkpoints so a resume with other settings is refused. */
	/** The inputs behind each field of {@link #fingerprint()}, in order. */
	private static final String[] FIELDS = { "the network (architecture, num_feat, num_block, scale)",
		"the degradation mix (role, p_blur, p_noise)", "the degradation (blur_sigma, kernel_size, noise_sigma)",
		"iterations", "batch_size", "patch_size", "learning_rate", "the final learning rate", "ema_decay", "seed" };

	/**
	 * Which inputs differ between two fingerprints, e.g. {@code iterations 60 (checkpoint) vs 4 (now)}; a fingerprint
	 * of another shape is described as a whole.
	 */
	public static String difference(final String checkpoint, final String now) {
		final String[] a = String.valueOf(checkpoint).split("\\|", -1);
		final String[] b = now.split("\\|", -1);
		if (a.length != FIELDS.length || b.length != FIELDS.length) return "it was written by another version";
		final StringBuilder out = new StringBuilder();
		for (int i = 0; i < FIELDS.length; i++) {
			if (a[i].equals(b[i])) continue;
			if (out.length() > 0) out.append("; ");
			out.append(FIELDS[i]).append(": ").append(a[i]).append(" in the checkpoint, ").append(b[i]).append(" now");
		}
		return out.toString();
	}

	public String fingerprint() {
		return spec + "|" + mix.pBlur() + "," + mix.pNoise() + "|" + degradation + "|" + iterations + "|" + batchSize +
			"|" + patchSize + "|" + learningRate + "|" + minLearningRate + "|" + emaDecay + "|" + seed;
	}
}
