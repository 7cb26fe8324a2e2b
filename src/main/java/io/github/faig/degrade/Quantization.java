package io.github.faig.degrade;

import io.github.faig.image.FloatImage;

/**
 * 8-bit quantisation as the reference saves its degraded images (docs/method.md §1): ×255, round half to even, clip to
 * [0, 255]; the result is kept on the [0, 1] scale ({@code q / 255}).
 */
public final class Quantization {

	private Quantization() {}

	/** The 8-bit level of a [0, 1] value: {@code clip(rint(v · 255), 0, 255)}, with half to even. */
	public static int toByteLevel(final double v) {
		if (Double.isNaN(v)) {
			throw new IllegalArgumentException("cannot quantise NaN");
		}
		final double q = Math.rint(v * 255.0);
		return q < 0 ? 0 : q > 255 ? 255 : (int) q;
	}

	/** A new image whose values are {@code toByteLevel(v) / 255}. */
	public static FloatImage to8Bit(final FloatImage in) {
		final FloatImage out = new FloatImage(in.channels(), in.height(), in.width());
		final float[] s = in.data();
		final float[] d = out.data();
		for (int i = 0; i < s.length; i++) d[i] = toByteLevel(s[i]) / 255f;
		return out;
	}
}
