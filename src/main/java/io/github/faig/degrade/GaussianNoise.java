package io.github.faig.degrade;

import java.util.Random;

import io.github.faig.image.FloatImage;

/**
 * Additive white Gaussian noise, independent per pixel and per channel, on the [0, 1] scale (docs/method.md §1). Always
 * seeded (the reference is not): the same seed gives the same noise on every JVM, because
 * {@link Random#nextGaussian()} is specified exactly. Values are drawn channel by channel, row by row.
 */
public final class GaussianNoise {

	private GaussianNoise() {}

	/** A new image: {@code in + sigma · N(0, 1)}, not clamped. */
	public static FloatImage add(final FloatImage in, final double sigma, final Random random) {
		DegradationParams.checkNoise(sigma);
		final FloatImage out = in.copy();
		if (sigma == 0) return out;
		final float[] d = out.data();
		for (int i = 0; i < d.length; i++) {
			d[i] = (float) (d[i] + sigma * random.nextGaussian());
		}
		return out;
	}

	/** As {@link #add(FloatImage, double, Random)} with a fresh generator seeded with {@code seed}. */
	public static FloatImage add(final FloatImage in, final double sigma, final long seed) {
		return add(in, sigma, new Random(seed));
	}
}
