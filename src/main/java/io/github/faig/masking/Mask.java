package io.github.faig.masking;

import io.github.faig.degrade.Degradation;

/**
 * Which filters a mask puts back (docs/method.md §4): the top of the deblurring (blur) ranking or of the denoising (noise)
 * ranking.
 */
public enum Mask {
	DEBLURRING(Degradation.BLUR, "deblurring"),
	DENOISING(Degradation.NOISE, "denoising");

	private final Degradation degradation;
	private final String label;

	Mask(final Degradation degradation, final String label) {
		this.degradation = degradation;
		this.label = label;
	}

	/** The degradation whose ranking this mask takes its filters from. */
	public Degradation degradation() {
		return degradation;
	}

	/** "deblurring" or "denoising", as in tables. */
	public String label() {
		return label;
	}

	@Override
	public String toString() {
		return label;
	}
}
