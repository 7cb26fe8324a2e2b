package io.github.faig.degrade;

import io.github.faig.image.FloatImage;

/**
 * Downscaling by an integer factor r as the exact r×r block mean (docs/method.md §1):
 * {@code LR[y,x] = mean of HR[r·y .. r·y+r-1, r·x .. r·x+r-1]}. The HR image is first cropped (bottom and right)
 * to a multiple of r, as the reference does. At r = 2 this equals OpenCV's bilinear {@code resize}.
 */
public final class Downscale {

	private Downscale() {}

	/** The block mean; throws if the image is smaller than one block. */
	public static FloatImage blockMean(final FloatImage hr, final int r) {
		DegradationParams.checkScale(r);
		final int h = hr.height() / r;
		final int w = hr.width() / r;
		if (h < 1 || w < 1) {
			throw new IllegalArgumentException("image of " + hr.width() + "x" + hr.height() +
				" pixels is smaller than scale=" + r + " in at least one direction");
		}
		final FloatImage lr = new FloatImage(hr.channels(), h, w);
		final float[] src = hr.data();
		final float[] dst = lr.data();
		final double inv = 1.0 / (r * r);
		for (int c = 0; c < hr.channels(); c++) {
			final int sb = hr.channelOffset(c);
			final int db = lr.channelOffset(c);
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) {
					double s = 0;
					for (int dy = 0; dy < r; dy++) {
						final int row = sb + (y * r + dy) * hr.width() + x * r;
						for (int dx = 0; dx < r; dx++) s += src[row + dx];
					}
					dst[db + y * w + x] = (float) (s * inv);
				}
			}
		}
		return lr;
	}

	/** The HR image cropped (bottom and right) to a multiple of {@code r}. */
	public static FloatImage cropToMultiple(final FloatImage hr, final int r) {
		DegradationParams.checkScale(r);
		final int h = hr.height() / r * r;
		final int w = hr.width() / r * r;
		if (h < 1 || w < 1) {
			throw new IllegalArgumentException("image of " + hr.width() + "x" + hr.height() +
				" pixels is smaller than scale=" + r + " in at least one direction");
		}
		return h == hr.height() && w == hr.width() ? hr : hr.crop(0, 0, h, w);
	}
}
