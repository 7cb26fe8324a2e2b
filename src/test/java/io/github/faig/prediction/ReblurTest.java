package io.github.faig.prediction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.faig.degrade.GaussianBlur;
import io.github.faig.image.FloatImage;

/** The re-blur read-out against what a Gaussian does to a sinusoid, a ramp and a flat image. */
class ReblurTest {

	private static final GaussianBlur BLUR = new GaussianBlur(2.0, 21);

	/** A grey image of {@code 0.5 + 0.25 sin(2π f x)} (along x), {@code h × w}. */
	private static FloatImage sinusoid(final double f, final int h, final int w) {
		final FloatImage img = new FloatImage(1, h, w);
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) img.set(0, y, x, (float) (0.5 + 0.25 * Math.sin(2 * Math.PI * f * x)));
		}
		return img;
	}

	@Test
	void aSinusoidKeepsTheSquaredGainOfTheKernel() {
		final double f = 1.0 / 16;
		// the interior (w − 2·11 pixels) holds whole periods, so the mean of sin² is exactly 1/2 before and after
		final FloatImage img = sinusoid(f, 40, 22 + 64);
		// the sampled kernel's gain at f, independently of the blur's code: Σ_k g(k) cos(2π f k) / Σ_k g(k)
		double num = 0;
		double den = 0;
		for (int k = -10; k <= 10; k++) {
			final double g = Math.exp(-k * k / 8.0);
			num += g * Math.cos(2 * Math.PI * f * k);
			den += g;
		}
		final double gain = num / den;
		assertEquals(gain * gain, Reblur.ratio(img, BLUR), 1e-5);
		// and the continuous Gaussian's exp(−4π²σ²f²), which the sampled kernel matches closely at σ = 2
		assertEquals(Math.exp(-4 * Math.PI * Math.PI * 4 * f * f), Reblur.ratio(img, BLUR), 1e-3);
	}

	@Test
	void finerDetailLosesMore() {
		final double coarse = Reblur.ratio(sinusoid(1.0 / 32, 40, 22 + 64), BLUR);
		final double fine = Reblur.ratio(sinusoid(1.0 / 8, 40, 22 + 64), BLUR);
		assertTrue(fine < coarse && coarse < 1, fine + " < " + coarse + " < 1");
	}

	@Test
	void aRampIsLeftAsItIs() {
		// a linear function is its own blur away from the borders: nothing is lost
		final FloatImage img = new FloatImage(3, 48, 48);
		for (int c = 0; c < 3; c++) {
			for (int y = 0; y < 48; y++) {
				for (int x = 0; x < 48; x++) img.set(c, y, x, (float) (0.1 + 0.01 * x + 0.005 * y));
			}
		}
		assertEquals(1.0, Reblur.ratio(img, BLUR), 1e-5);
	}

	@Test
	void greyAndEqualRgbAgree() {
		final FloatImage grey = sinusoid(1.0 / 16, 40, 86);
		final FloatImage rgb = grey.asRgb();
		assertEquals(Reblur.ratio(grey, BLUR), Reblur.ratio(rgb, BLUR), 1e-9);
	}

	@Test
	void flatAndTooSmallImagesHaveNoReadOut() {
		final FloatImage flat = new FloatImage(1, 40, 40);
		assertTrue(Double.isNaN(Reblur.ratioOrNaN(flat, BLUR)));
		assertThrows(IllegalArgumentException.class, () -> Reblur.ratio(flat, BLUR));
		final FloatImage small = sinusoid(0.1, 20, 20);
		assertTrue(Double.isNaN(Reblur.ratioOrNaN(small, BLUR)));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reblur.ratio(small,
			BLUR));
		assertTrue(e.getMessage().contains("20x20"), e.getMessage());
	}
}
