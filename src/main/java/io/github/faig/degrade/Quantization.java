package io.github.faig.degrade;

import io.github.faig.image.ByteLevels;
import io.github.faig.image.FloatImage;

/**
 * 8-bit quantisation as the reference saves its degraded images (docs/method.md §1): ×255, round half to even, clip to
 * [0, 255]; the result is kept on the [0, 1] scale ({@code q / 255}).
 */
public final class Quantization {

	private Quantization() {}

	/** A new image whose values are {@code ByteLevels.of(v) / 255}. */
	public static FloatImage to8Bit(final FloatImage in) {
		final FloatImage out = new FloatImage(in.channels(), in.height(), in.width());
		final float[] s = in.data();
		final float[] d = out.data();
		for (int i = 0; i < s.length; i++) d[i] = ByteLevels.of(s[i]) / 255f;
		return out;
	}
}
