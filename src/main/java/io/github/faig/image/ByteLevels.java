package io.github.faig.image;

/**
 * The 8-bit levels of values on the [0, 1] scale, as the reference saves its images (docs/method.md §1): ×255, round
 * half to even, clip to [0, 255]. Image measures (PSNR on 8-bit levels) and the 8-bit quantisation of degraded inputs
 * both use it.
 */
public final class ByteLevels {

	private ByteLevels() {}

	/** The 8-bit level of a [0, 1] value: {@code clip(rint(v · 255), 0, 255)}, with half to even. */
	public static int of(final double v) {
		if (Double.isNaN(v)) {
			throw new IllegalArgumentException("cannot quantise NaN");
		}
		final double q = Math.rint(v * 255.0);
		return q < 0 ? 0 : q > 255 ? 255 : (int) q;
	}
}
