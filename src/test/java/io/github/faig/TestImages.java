package io.github.faig;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.github.faig.image.FloatImage;

/** Seeded synthetic RGB images for tests: sums of sinusoids with a sharp-edged rectangle. */
public final class TestImages {

	private TestImages() {}

	public static List<FloatImage> images(final int count, final int size, final long seed) {
		final Random r = new Random(seed);
		final List<FloatImage> out = new ArrayList<>();
		for (int k = 0; k < count; k++) {
			final FloatImage img = new FloatImage(3, size, size);
			final double[] f = { r.nextDouble() * 0.3, r.nextDouble() * 0.3, r.nextDouble() * 6 };
			final int rx = r.nextInt(size / 2);
			final int ry = r.nextInt(size / 2);
			for (int c = 0; c < 3; c++) {
				for (int y = 0; y < size; y++) {
					for (int x = 0; x < size; x++) {
						double v = 0.5 + 0.25 * Math.sin(f[0] * x + f[2] + c) * Math.cos(f[1] * y);
						if (x > rx && x < rx + size / 3 && y > ry && y < ry + size / 4) v = 0.9 - 0.3 * c;
						img.set(c, y, x, (float) v);
					}
				}
			}
			out.add(img);
		}
		return out;
	}

	public static FloatImage random(final int c, final int h, final int w, final long seed) {
		final Random r = new Random(seed);
		final FloatImage img = new FloatImage(c, h, w);
		for (int i = 0; i < img.data().length; i++) img.data()[i] = r.nextFloat();
		return img;
	}
}
