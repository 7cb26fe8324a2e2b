package io.github.faig.masking;

import java.util.Locale;

import io.github.faig.image.ByteLevels;
import io.github.faig.image.FloatImage;

/**
 * The reference's measure of how much masking changed an output (docs/method.md §4): on one channel of the 8-bit rounded
 * outputs, central differences with zero padding, {@code G = sqrt(gv² + gh² + 1e-6)}, and
 * {@code 1000 · mean((G_masked − G_target)²)}.
 * <p>
 * Channel: {@link Channel#LUMINANCE} (what the paper says, "gray": {@code round(0.299 R + 0.587 G + 0.114 B)} on
 * 8-bit values, as OpenCV's grey conversion) or {@link Channel#BLUE} (what the reference code actually measures, an
 * imread-flag bug). Every result states its channel.
 * </p>
 */
public final class GradientMapMetric {

	/** Which channel the metric reads. */
	public enum Channel {
		LUMINANCE, BLUE;

		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}

		public static Channel parse(final String s) {
			for (final Channel c : values()) if (c.label().equalsIgnoreCase(s.trim())) return c;
			throw new IllegalArgumentException("channel must be luminance or blue, got '" + io.github.faig.workflow.Quoted.of(s) + "'");
		}
	}

	private GradientMapMetric() {}

	/** The metric between a masked and a target output (both RGB, [0, 1]). */
	public static double metric(final FloatImage masked, final FloatImage target, final Channel channel) {
		final double[] gm = gradientMap(masked, channel);
		final double[] gt = gradientMap(target, channel);
		if (gm.length != gt.length) throw new IllegalArgumentException("outputs differ in size");
		double s = 0;
		for (int i = 0; i < gm.length; i++) s += (gm[i] - gt[i]) * (gm[i] - gt[i]);
		return 1000 * s / gm.length;
	}

	/** {@code sqrt(gv² + gh² + 1e-6)} of the chosen channel on the [0, 1] scale. */
	public static double[] gradientMap(final FloatImage img, final Channel channel) {
		final int h = img.height();
		final int w = img.width();
		final double[] v = new double[h * w];
		final int n = h * w;
		for (int i = 0; i < n; i++) {
			if (img.channels() == 1) {
				v[i] = ByteLevels.of(img.data()[i]) / 255.0;
			}
			else if (channel == Channel.BLUE) {
				v[i] = ByteLevels.of(img.data()[2 * n + i]) / 255.0;
			}
			else {
				final int r = ByteLevels.of(img.data()[i]);
				final int g = ByteLevels.of(img.data()[n + i]);
				final int b = ByteLevels.of(img.data()[2 * n + i]);
				v[i] = Math.rint(0.299 * r + 0.587 * g + 0.114 * b) / 255.0;
			}
		}
		final double[] out = new double[n];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				final double up = y > 0 ? v[(y - 1) * w + x] : 0;
				final double down = y < h - 1 ? v[(y + 1) * w + x] : 0;
				final double left = x > 0 ? v[y * w + x - 1] : 0;
				final double right = x < w - 1 ? v[y * w + x + 1] : 0;
				final double gv = down - up;
				final double gh = right - left;
				out[y * w + x] = Math.sqrt(gv * gv + gh * gh + 1e-6);
			}
		}
		return out;
	}
}
