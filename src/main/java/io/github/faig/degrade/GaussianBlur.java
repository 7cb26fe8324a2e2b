package io.github.faig.degrade;

import io.github.faig.image.FloatImage;

/**
 * Isotropic Gaussian blur as the paper's reference code applies it (docs/method.md §1): a {@code size x size} kernel
 * {@code K[y,x] = exp(-(x^2 + y^2) / (2 sigma^2))} on the grid {@code -size/2 .. size/2}, normalised to sum 1,
 * correlated with every channel, borders reflected without repeating the edge pixel (reflect-101, OpenCV's
 * {@code BORDER_DEFAULT}: {@code ... 2 1 | 0 1 2 ...}), output the same size as the input.
 * <p>
 * The normalised 2-D kernel is the outer product of the normalised 1-D kernel with itself, so the blur is applied
 * as two separable passes in double precision; the result equals the 2-D correlation up to rounding.
 * </p>
 */
public final class GaussianBlur {

	private final double sigma;
	private final int size;
	private final double[] kernel1d;

	/**
	 * @param sigma standard deviation in pixels, {@code > 0}
	 * @param size kernel side, odd and {@code >= 3} (the reference uses 21)
	 */
	public GaussianBlur(final double sigma, final int size) {
		DegradationParams.checkBlur(sigma, size);
		this.sigma = sigma;
		this.size = size;
		this.kernel1d = kernel1d(sigma, size);
	}

	public double sigma() {
		return sigma;
	}

	public int size() {
		return size;
	}

	/** The normalised 1-D kernel (length {@code size}, sums to 1). */
	public static double[] kernel1d(final double sigma, final int size) {
		final int r = size / 2;
		final double[] k = new double[size];
		double sum = 0;
		for (int i = -r; i <= r; i++) {
			k[i + r] = Math.exp(-(i * (double) i) / (2 * sigma * sigma));
			sum += k[i + r];
		}
		for (int i = 0; i < size; i++) k[i] /= sum;
		return k;
	}

	/** The normalised 2-D kernel {@code K[y][x]} of the spec (sums to 1). */
	public static double[][] kernel2d(final double sigma, final int size) {
		final int r = size / 2;
		final double[][] k = new double[size][size];
		double sum = 0;
		for (int y = -r; y <= r; y++) {
			for (int x = -r; x <= r; x++) {
				k[y + r][x + r] = Math.exp(-(x * (double) x + y * (double) y) / (2 * sigma * sigma));
				sum += k[y + r][x + r];
			}
		}
		for (final double[] row : k) {
			for (int x = 0; x < size; x++) row[x] /= sum;
		}
		return k;
	}

	/**
	 * Reflect-101 index: maps any integer onto {@code [0, n)} by mirroring about the first and last samples
	 * without repeating them. Valid for any offset, also several times the image size.
	 */
	public static int reflect101(int i, final int n) {
		if (n == 1) return 0;
		final int period = 2 * (n - 1);
		i = Math.floorMod(i, period);
		return i < n ? i : period - i;
	}

	/** The blurred image, a new image of the same size. */
	public FloatImage apply(final FloatImage in) {
		final int h = in.height();
		final int w = in.width();
		final int r = size / 2;
		final FloatImage out = new FloatImage(in.channels(), h, w);
		final float[] src = in.data();
		final float[] dst = out.data();
		final double[] rows = new double[h * w];
		final int[] xIndex = new int[w + 2 * r];
		for (int i = 0; i < xIndex.length; i++) xIndex[i] = reflect101(i - r, w);
		final int[] yIndex = new int[h + 2 * r];
		for (int i = 0; i < yIndex.length; i++) yIndex[i] = reflect101(i - r, h);
		for (int c = 0; c < in.channels(); c++) {
			final int base = in.channelOffset(c);
			// Horizontal pass into a double buffer.
			for (int y = 0; y < h; y++) {
				final int row = base + y * w;
				for (int x = 0; x < w; x++) {
					double s = 0;
					for (int k = 0; k < size; k++) {
						s += kernel1d[k] * src[row + xIndex[x + k]];
					}
					rows[y * w + x] = s;
				}
			}
			// Vertical pass into the output.
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) {
					double s = 0;
					for (int k = 0; k < size; k++) {
						s += kernel1d[k] * rows[yIndex[y + k] * w + x];
					}
					dst[base + y * w + x] = (float) s;
				}
			}
		}
		return out;
	}
}
