package io.github.faig.prediction;

import io.github.faig.degrade.GaussianBlur;
import io.github.faig.image.FloatImage;

/**
 * How much of an image's edge energy survives one more blur (beyond the paper; docs/method.md §5, "blur under
 * noise"): {@code R = E(blur ∘ y) / E(y)}, where E is the mean squared central-difference gradient of the luminance
 * and the blur is the degradation's own Gaussian kernel. A sharp image loses much of its gradient energy to the blur
 * (R well below 1); an image that is blurry already loses little (R near 1). For a sinusoid of frequency f cycles
 * per pixel a Gaussian of σ keeps {@code exp(−4π²σ²f²)} of the energy.
 * <p>
 * The sum runs over the pixels at least the kernel's radius (+1 for the differences) from every border, so the
 * blur's border padding never enters; an image with no such pixels, or with no gradient there, is refused.
 * </p>
 */
public final class Reblur {

	private Reblur() {}

	/** {@code E(blur ∘ y) / E(y)} of an image (1 or 3 channels). */
	public static double ratio(final FloatImage y, final GaussianBlur blur) {
		if (tooSmall(y, blur)) {
			throw new IllegalArgumentException("image of " + y.width() + "x" + y.height() + " pixels is too small for " +
				"the re-blur read-out: it needs more than " + 2 * margin(blur) + " pixels on each side");
		}
		final double r = ratioOrNaN(y, blur);
		if (Double.isNaN(r)) {
			throw new IllegalArgumentException("the image has no gradient: the re-blur read-out is undefined");
		}
		return r;
	}

	/**
	 * {@link #ratio}, or NaN where it is undefined: an image too small for the kernel, or one without gradient (a
	 * flat image shows no blur to read).
	 */
	public static double ratioOrNaN(final FloatImage y, final GaussianBlur blur) {
		if (tooSmall(y, blur)) return Double.NaN;
		final int margin = margin(blur);
		final double before = edgeEnergy(y, margin);
		if (!(before > 0)) return Double.NaN;
		return edgeEnergy(blur.apply(y), margin) / before;
	}

	/** The border left out of both energies: the kernel's reach, plus the gradient's pixel. */
	private static int margin(final GaussianBlur blur) {
		return blur.size() / 2 + 1;
	}

	private static boolean tooSmall(final FloatImage y, final GaussianBlur blur) {
		return y.height() <= 2 * margin(blur) || y.width() <= 2 * margin(blur);
	}

	/**
	 * {@code E(y)}: the mean of {@code gv² + gh²} of the luminance over the pixels {@code margin} or more from every
	 * border (how much structure an image has at the finest scale).
	 */
	public static double edgeEnergy(final FloatImage y, final int margin) {
		return gradientEnergy(luminance(y), y.height(), y.width(), margin);
	}

	/** BT.601 luminance of an RGB image, the image itself if grey. */
	static double[] luminance(final FloatImage y) {
		final int n = y.height() * y.width();
		final float[] d = y.data();
		final double[] v = new double[n];
		for (int i = 0; i < n; i++) {
			v[i] = y.channels() == 1 ? d[i] : 0.299 * d[i] + 0.587 * d[n + i] + 0.114 * d[2 * n + i];
		}
		return v;
	}

	/** Mean of {@code gv² + gh²} (central differences) over the pixels {@code margin} or more from the borders. */
	static double gradientEnergy(final double[] v, final int h, final int w, final int margin) {
		double s = 0;
		int n = 0;
		for (int yy = margin; yy < h - margin; yy++) {
			for (int xx = margin; xx < w - margin; xx++) {
				final double gv = v[(yy + 1) * w + xx] - v[(yy - 1) * w + xx];
				final double gh = v[yy * w + xx + 1] - v[yy * w + xx - 1];
				s += gv * gv + gh * gh;
				n++;
			}
		}
		return s / n;
	}
}
