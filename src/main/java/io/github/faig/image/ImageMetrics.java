package io.github.faig.image;

/** Image quality measures on the [0, 1] scale. */
public final class ImageMetrics {

	private ImageMetrics() {}

	/** Mean squared difference over all channels and pixels. */
	public static double mse(final FloatImage a, final FloatImage b) {
		checkSameShape(a, b);
		final float[] x = a.data();
		final float[] y = b.data();
		double s = 0;
		for (int i = 0; i < x.length; i++) {
			final double d = x[i] - (double) y[i];
			s += d * d;
		}
		return s / x.length;
	}

	/** PSNR in dB for a peak of 1; infinite for identical images. */
	public static double psnr(final FloatImage a, final FloatImage b) {
		final double mse = mse(a, b);
		return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(1.0 / mse);
	}

	/** Largest absolute difference. */
	public static double maxAbsDiff(final FloatImage a, final FloatImage b) {
		checkSameShape(a, b);
		final float[] x = a.data();
		final float[] y = b.data();
		double m = 0;
		for (int i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - (double) y[i]));
		return m;
	}

	static void checkSameShape(final FloatImage a, final FloatImage b) {
		if (a.channels() != b.channels() || a.height() != b.height() || a.width() != b.width()) {
			throw new IllegalArgumentException("images differ in shape: " + a + " vs " + b);
		}
	}

	/**
	 * PSNR as SR papers report it: both images rounded to 8-bit levels, {@code border} pixels cropped on every
	 * side (usually the scale), over all channels.
	 */
	public static double psnr8(final FloatImage a, final FloatImage b, final int border) {
		checkSameShape(a, b);
		double s = 0;
		long n = 0;
		for (int c = 0; c < a.channels(); c++) {
			for (int y = border; y < a.height() - border; y++) {
				for (int x = border; x < a.width() - border; x++) {
					final double d = ByteLevels.of(a.get(c, y, x)) -
						ByteLevels.of(b.get(c, y, x));
					s += d * d;
					n++;
				}
			}
		}
		if (n == 0) throw new IllegalArgumentException("border " + border + " leaves no pixels of " + a);
		return s == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 * n / s);
	}

	/**
	 * SSIM (Wang et al. 2004: 11×11 Gaussian window, σ = 1.5, K1 = 0.01, K2 = 0.03) on the BT.601 luma of 8-bit
	 * rounded images (Y = 16 + 65.481 R + 128.553 G + 24.966 B), {@code border} pixels cropped; only windows fully
	 * inside the image count, as in the reference MATLAB code.
	 */
	public static double ssimY(final FloatImage a, final FloatImage b, final int border) {
		checkSameShape(a, b);
		final double[][] ya = luma(a, border);
		final double[][] yb = luma(b, border);
		final int h = ya.length;
		final int w = ya[0].length;
		if (h < 11 || w < 11) throw new IllegalArgumentException("SSIM needs at least 11x11 pixels");
		final double[] g = new double[11];
		double gs = 0;
		for (int i = 0; i < 11; i++) {
			g[i] = Math.exp(-((i - 5) * (i - 5)) / (2 * 1.5 * 1.5));
			gs += g[i];
		}
		for (int i = 0; i < 11; i++) g[i] /= gs;
		final double c1 = Math.pow(0.01 * 255, 2);
		final double c2 = Math.pow(0.03 * 255, 2);
		final double[][][] f = { ya, yb, mul(ya, ya), mul(yb, yb), mul(ya, yb) };
		final double[][][] m = new double[5][][];
		for (int k = 0; k < 5; k++) m[k] = filterValid(f[k], g);
		double s = 0;
		int n = 0;
		for (int y = 0; y < m[0].length; y++) {
			for (int x = 0; x < m[0][0].length; x++) {
				final double mu1 = m[0][y][x];
				final double mu2 = m[1][y][x];
				final double s11 = m[2][y][x] - mu1 * mu1;
				final double s22 = m[3][y][x] - mu2 * mu2;
				final double s12 = m[4][y][x] - mu1 * mu2;
				s += ((2 * mu1 * mu2 + c1) * (2 * s12 + c2)) / ((mu1 * mu1 + mu2 * mu2 + c1) * (s11 + s22 + c2));
				n++;
			}
		}
		return s / n;
	}

	private static double[][] luma(final FloatImage img, final int border) {
		final int h = img.height() - 2 * border;
		final int w = img.width() - 2 * border;
		final double[][] y = new double[h][w];
		for (int i = 0; i < h; i++) {
			for (int j = 0; j < w; j++) {
				if (img.channels() == 1) {
					y[i][j] = ByteLevels.of(img.get(0, i + border, j + border));
					continue;
				}
				final double r = ByteLevels.of(img.get(0, i + border, j + border));
				final double gg = ByteLevels.of(img.get(1, i + border, j + border));
				final double b = ByteLevels.of(img.get(2, i + border, j + border));
				y[i][j] = 16 + (65.481 * r + 128.553 * gg + 24.966 * b) / 255.0;
			}
		}
		return y;
	}

	private static double[][] mul(final double[][] a, final double[][] b) {
		final double[][] o = new double[a.length][a[0].length];
		for (int i = 0; i < a.length; i++) for (int j = 0; j < a[0].length; j++) o[i][j] = a[i][j] * b[i][j];
		return o;
	}

	private static double[][] filterValid(final double[][] a, final double[] g) {
		final int h = a.length;
		final int w = a[0].length;
		final double[][] t = new double[h][w - 10];
		for (int i = 0; i < h; i++) {
			for (int j = 0; j < w - 10; j++) {
				double s = 0;
				for (int k = 0; k < 11; k++) s += g[k] * a[i][j + k];
				t[i][j] = s;
			}
		}
		final double[][] o = new double[h - 10][w - 10];
		for (int i = 0; i < h - 10; i++) {
			for (int j = 0; j < w - 10; j++) {
				double s = 0;
				for (int k = 0; k < 11; k++) s += g[k] * t[i + k][j];
				o[i][j] = s;
			}
		}
		return o;
	}
}
