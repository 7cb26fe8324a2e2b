package io.github.faig.degrade;

import java.util.Random;

import io.github.faig.workflow.Quoted;

/**
 * The target model's training mix (docs/method.md §1): blur with probability {@code pBlur} and noise with probability
 * {@code pNoise}, drawn independently per sample. With p = 0.5 each this gives 25 % clean, 25 % blur, 25 % noise
 * and 25 % blur+noise. The baseline model's mix is {@link #cleanOnly()}.
 */
public final class TrainingMix {

	private final double pBlur;
	private final double pNoise;

	public TrainingMix(final double pBlur, final double pNoise) {
		checkProbability("p_blur", pBlur);
		checkProbability("p_noise", pNoise);
		this.pBlur = pBlur;
		this.pNoise = pNoise;
	}

	/** The reference's target mix: p = 0.5 for blur and for noise. */
	public static TrainingMix target() {
		return new TrainingMix(0.5, 0.5);
	}

	/** The baseline's mix: clean LR only. */
	public static TrainingMix cleanOnly() {
		return new TrainingMix(0, 0);
	}

	public double pBlur() {
		return pBlur;
	}

	public double pNoise() {
		return pNoise;
	}

	/** Draws the degradation of one sample: the blur draw first, then the noise draw. */
	public Degradation sample(final Random random) {
		final boolean b = random.nextDouble() < pBlur;
		final boolean n = random.nextDouble() < pNoise;
		return Degradation.of(b, n);
	}

	private static void checkProbability(final String name, final double p) {
		if (!(p >= 0 && p <= 1)) {
			throw new IllegalArgumentException(name + " must be a probability in [0, 1], got " + Quoted.number(p));
		}
	}
}
