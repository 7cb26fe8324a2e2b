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
}
