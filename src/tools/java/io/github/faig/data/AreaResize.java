package io.github.faig.data;

import io.github.faig.image.FloatImage;

/**
 * Antialiased downscaling by any factor ≥ 1: each output pixel is the area-weighted mean of the input pixels its
 * footprint covers (a box filter the size of the footprint, OpenCV's {@code INTER_AREA}). At an integer factor it
 * is the block mean.
 */
public final class AreaResize {

	private AreaResize() {}

	/** Resizes to {@code outH × outW}, both no larger than the input. */
	public static FloatImage resize(final FloatImage in, final int outH, final int outW) {
		if (outH < 1 || outW < 1 || outH > in.height() || outW > in.width()) {
			throw new IllegalArgumentException("area resize only shrinks: " + in + " to " + outH + "x" + outW);
		}
		final double[][] wx = weights(in.width(), outW);
		final double[][] wy = weights(in.height(), outH);
		final int[] x0 = starts(in.width(), outW);
		final int[] y0 = starts(in.height(), outH);
		final FloatImage out = new FloatImage(in.channels(), outH, outW);
		final double[] rows = new double[in.height() * outW];
		for (int c = 0; c < in.channels(); c++) {
			final int base = in.channelOffset(c);
			for (int y = 0; y < in.height(); y++) {
				for (int x = 0; x < outW; x++) {
					double s = 0;
					for (int k = 0; k < wx[x].length; k++) s += wx[x][k] * in.data()[base + y * in.width() + x0[x] + k];
					rows[y * outW + x] = s;
				}
			}
			for (int y = 0; y < outH; y++) {
				for (int x = 0; x < outW; x++) {
					double s = 0;
					for (int k = 0; k < wy[y].length; k++) s += wy[y][k] * rows[(y0[y] + k) * outW + x];
					out.data()[out.channelOffset(c) + y * outW + x] = (float) s;
				}
			}
		}
		return out;
	}

	private static int[] starts(final int n, final int m) {
		final double f = n / (double) m;
		final int[] s = new int[m];
		for (int i = 0; i < m; i++) s[i] = (int) Math.floor(i * f);
		return s;
	}

	/** Per output pixel, the weights of the input pixels from its start on (they sum to 1). */
	private static double[][] weights(final int n, final int m) {
		final double f = n / (double) m;
		final double[][] w = new double[m][];
		for (int i = 0; i < m; i++) {
			final double a = i * f;
			final double b = Math.min(n, (i + 1) * f);
			final int j0 = (int) Math.floor(a);
			final int j1 = Math.min(n, (int) Math.ceil(b));
			w[i] = new double[j1 - j0];
			for (int j = j0; j < j1; j++) {
				w[i][j - j0] = (Math.min(b, j + 1) - Math.max(a, j)) / f;
			}
		}
		return w;
	}
}
