package io.github.faig.degrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.github.faig.image.ByteLevels;
import io.github.faig.image.FloatImage;

/** Analytic checks of the degradation model of docs/method.md §1. */
class DegradationTest {

	/** An impulse, blurred, is the kernel itself (correlation with a symmetric kernel). */
	@Test
	void impulseBlurredEqualsNormalisedKernel() {
		final int n = 41;
		final FloatImage img = new FloatImage(1, n, n);
		img.set(0, 20, 20, 1f);
		final FloatImage out = new GaussianBlur(2.0, 21).apply(img);
		final double[][] k = GaussianBlur.kernel2d(2.0, 21);
		double sumK = 0;
		for (int y = 0; y < n; y++) {
			for (int x = 0; x < n; x++) {
				final int ky = y - 10;
				final int kx = x - 10;
				final double expect = ky >= 0 && ky < 21 && kx >= 0 && kx < 21 ? k[ky][kx] : 0;
				assertEquals(expect, out.get(0, y, x), 1e-6, "at " + y + "," + x);
				sumK += expect;
			}
		}
		assertEquals(1.0, sumK, 1e-12);
		// The kernel of the spec: exp(-(x^2+y^2)/(2 sigma^2)) normalised.
		assertEquals(Math.exp(-1.0 / 8) / Math.exp(0), k[10][11] / k[10][10], 1e-12);
	}

	@Test
	void constantImageIsUnchangedByBlurAndDownscaling() {
		final FloatImage img = new FloatImage(3, 37, 50);
		java.util.Arrays.fill(img.data(), 0.3f);
		final FloatImage blurred = new GaussianBlur(3.0, 21).apply(img);
		for (final float v : blurred.data()) assertEquals(0.3f, v, 1e-6);
		final FloatImage lr = Downscale.blockMean(img, 2);
		assertEquals(18, lr.height());
		assertEquals(25, lr.width());
		for (final float v : lr.data()) assertEquals(0.3f, v, 1e-7);
	}

	@Test
	void blockMeansAreExact() {
		final FloatImage img = new FloatImage(2, 5, 7);
		for (int i = 0; i < img.data().length; i++) img.data()[i] = i;
		final FloatImage lr = Downscale.blockMean(img, 2);
		assertEquals(2, lr.height());
		assertEquals(3, lr.width());
		for (int c = 0; c < 2; c++) {
			for (int y = 0; y < 2; y++) {
				for (int x = 0; x < 3; x++) {
					final double mean = (img.get(c, 2 * y, 2 * x) + img.get(c, 2 * y, 2 * x + 1) +
						img.get(c, 2 * y + 1, 2 * x) + img.get(c, 2 * y + 1, 2 * x + 1)) / 4.0;
					assertEquals(mean, lr.get(c, y, x), 0.0);
				}
			}
		}
		final FloatImage lr3 = Downscale.blockMean(img, 3);
		double s = 0;
		for (int y = 0; y < 3; y++) for (int x = 3; x < 6; x++) s += img.get(1, y, x);
		assertEquals(s / 9, lr3.get(1, 0, 1), 1e-4);
	}

	/** Where ImgLib2's mirror-single border reads position {@code i} of an {@code n}-pixel line (whose values are their indices). */
	private static int mirrored(final int i, final int n) {
		final float[] line = new float[n];
		for (int k = 0; k < n; k++) line[k] = k;
		final net.imglib2.RandomAccess<net.imglib2.type.numeric.real.FloatType> ra = net.imglib2.view.Views
			.extendMirrorSingle(net.imglib2.img.array.ArrayImgs.floats(line, n)).randomAccess();
		ra.setPosition(i, 0);
		return (int) ra.get().get();
	}

	/** Reflect-101 written out (OpenCV's BORDER_DEFAULT), the reference the blur's borders are checked against. */
	static int reflect101(int i, final int n) {
		if (n == 1) return 0;
		final int period = 2 * (n - 1);
		i = Math.floorMod(i, period);
		return i < n ? i : period - i;
	}

	@Test
	void reflect101Indices() {
		// ... 2 1 | 0 1 2 ... and the mirror at the far end: the blur's borders (Views.extendMirrorSingle).
		assertEquals(1, mirrored(-1, 5));
		assertEquals(2, mirrored(-2, 5));
		assertEquals(3, mirrored(5, 5));
		assertEquals(2, mirrored(6, 5));
		assertEquals(0, mirrored(8, 5));
		assertEquals(0, mirrored(-3, 1));
		// Offsets larger than the image still mirror back and forth.
		assertEquals(1, mirrored(-11, 3));
		// Every offset a kernel of up to 401 pixels reaches, on lines of 1 to 12 pixels: exactly reflect-101.
		for (int n = 1; n <= 12; n++) {
			for (int i = -210; i < n + 210; i++) assertEquals(reflect101(i, n), mirrored(i, n), "i=" + i + ", n=" + n);
		}
	}

	/**
	 * The blur with ImgLib2 borders gives exactly (bit for bit) what the separable passes with reflect-101 index
	 * tables gave before, also on images smaller than the kernel.
	 */
	@Test
	void blurEqualsReflect101IndexTables() {
		final Random r = new Random(4);
		for (final int[] hw : new int[][] { { 13, 17 }, { 3, 5 }, { 1, 4 }, { 30, 2 }, { 2, 1 }, { 1, 1 } }) {
			final FloatImage img = new FloatImage(2, hw[0], hw[1]);
			for (int i = 0; i < img.data().length; i++) img.data()[i] = r.nextFloat();
			final double[] k1 = GaussianBlur.kernel1d(2.0, 21);
			final FloatImage out = new GaussianBlur(2.0, 21).apply(img);
			final int h = hw[0];
			final int w = hw[1];
			for (int c = 0; c < 2; c++) {
				final double[] rows = new double[h * w];
				for (int y = 0; y < h; y++) {
					for (int x = 0; x < w; x++) {
						double s = 0;
						for (int k = 0; k < 21; k++) s += k1[k] * img.get(c, y, reflect101(x + k - 10, w));
						rows[y * w + x] = s;
					}
				}
				for (int y = 0; y < h; y++) {
					for (int x = 0; x < w; x++) {
						double s = 0;
						for (int k = 0; k < 21; k++) s += k1[k] * rows[reflect101(y + k - 10, h) * w + x];
						assertEquals((float) s, out.get(c, y, x), 0f, "at " + c + "," + y + "," + x);
					}
				}
			}
		}
	}

	/** On a ramp f(x) = x, reflect-101 makes f(-i) = i: the border value is sum_i k(i)|i|, not 0 as zero padding. */
	@Test
	void reflect101BordersOnARamp() {
		final int w = 40;
		final FloatImage ramp = new FloatImage(1, 3, w);
		for (int y = 0; y < 3; y++) for (int x = 0; x < w; x++) ramp.set(0, y, x, x);
		final double sigma = 2.0;
		final FloatImage out = new GaussianBlur(sigma, 21).apply(ramp);
		final double[] k = GaussianBlur.kernel1d(sigma, 21);
		double left = 0;
		double right = 0;
		for (int i = -10; i <= 10; i++) {
			left += k[i + 10] * Math.abs(i);
			final int j = w - 1 + i;
			right += k[i + 10] * (j < w ? j : 2 * (w - 1) - j);
		}
		for (int y = 0; y < 3; y++) {
			assertEquals(left, out.get(0, y, 0), 1e-5);
			assertEquals(right, out.get(0, y, w - 1), 1e-5);
			// Away from the borders a ramp is unchanged by a symmetric kernel.
			assertEquals(20.0, out.get(0, y, 20), 1e-5);
		}
	}

	/** The separable implementation equals a direct 2-D correlation with reflect-101 borders. */
	@Test
	void separableBlurEqualsDirectCorrelation() {
		final Random r = new Random(3);
		final FloatImage img = new FloatImage(3, 13, 17);
		for (int i = 0; i < img.data().length; i++) img.data()[i] = r.nextFloat();
		final double sigma = 1.3;
		final int size = 9;
		final FloatImage out = new GaussianBlur(sigma, size).apply(img);
		final double[][] k = GaussianBlur.kernel2d(sigma, size);
		final int rad = size / 2;
		for (int c = 0; c < 3; c++) {
			for (int y = 0; y < 13; y++) {
				for (int x = 0; x < 17; x++) {
					double s = 0;
					for (int dy = -rad; dy <= rad; dy++) {
						for (int dx = -rad; dx <= rad; dx++) {
							s += k[dy + rad][dx + rad] * img.get(c, reflect101(y + dy, 13), reflect101(x + dx,
								17));
						}
					}
					assertEquals(s, out.get(c, y, x), 1e-6);
				}
			}
		}
	}

	@Test
	void seededNoiseHasTheRightMomentsAndRepeats() {
		final FloatImage img = new FloatImage(3, 200, 200);
		java.util.Arrays.fill(img.data(), 0.5f);
		final FloatImage a = GaussianNoise.add(img, 0.1, 42L);
		final FloatImage b = GaussianNoise.add(img, 0.1, 42L);
		final FloatImage c = GaussianNoise.add(img, 0.1, 43L);
		assertArrayEquals(a.data(), b.data());
		assertNotEquals(a.data()[0], c.data()[0]);
		for (int ch = 0; ch < 3; ch++) {
			double s = 0;
			double s2 = 0;
			final int n = 200 * 200;
			for (int i = 0; i < n; i++) {
				final double d = a.data()[a.channelOffset(ch) + i] - 0.5;
				s += d;
				s2 += d * d;
			}
			final double mean = s / n;
			final double sd = Math.sqrt(s2 / n - mean * mean);
			assertEquals(0, mean, 4 * 0.1 / Math.sqrt(n), "mean of channel " + ch);
			assertEquals(0.1, sd, 0.002, "sd of channel " + ch);
		}
		// Channels are independent draws, not one draw copied.
		assertNotEquals(a.get(0, 5, 5), a.get(1, 5, 5));
	}

	@Test
	void quantisationRoundsHalfToEven() {
		int checked = 0;
		for (int k = 0; k < 255; k++) {
			final double v = (k + 0.5) / 255.0;
			if (v * 255.0 != k + 0.5) continue; // only values that land exactly on a half
			assertEquals(k % 2 == 0 ? k : k + 1, ByteLevels.of(v), "half above " + k);
			checked++;
		}
		assertTrue(checked > 50, "too few exact halves: " + checked);
		assertEquals(0, ByteLevels.of(-0.2));
		assertEquals(255, ByteLevels.of(1.3));
		assertEquals(128, ByteLevels.of(0.5)); // 127.5 -> 128 (even)
		assertThrows(IllegalArgumentException.class, () -> ByteLevels.of(Double.NaN));
	}

	@Test
	void pipelineOrders() {
		final Random r = new Random(1);
		final FloatImage hr = new FloatImage(3, 31, 30);
		for (int i = 0; i < hr.data().length; i++) hr.data()[i] = r.nextFloat();
		final DegradationParams p = DegradationParams.defaults();
		final Degrader d = new Degrader(p);
		final FloatImage cropped = hr.crop(0, 0, 30, 30);
		final FloatImage clean = Quantization.to8Bit(Downscale.blockMean(cropped, 2));
		assertArrayEquals(clean.data(), d.degrade(hr, Degradation.CLEAN, 0).data());
		final FloatImage blurry = Quantization.to8Bit(Downscale.blockMean(new GaussianBlur(2, 21).apply(cropped),
			2));
		assertArrayEquals(blurry.data(), d.degrade(hr, Degradation.BLUR, 0).data());
		final FloatImage noisy = Quantization.to8Bit(GaussianNoise.add(Downscale.blockMean(cropped, 2), 0.1, 7));
		assertArrayEquals(noisy.data(), d.degrade(hr, Degradation.NOISE, 7).data());
		final FloatImage both = Quantization.to8Bit(GaussianNoise.add(Downscale.blockMean(new GaussianBlur(2, 21)
			.apply(cropped), 2), 0.1, 7));
		assertArrayEquals(both.data(), d.degrade(hr, Degradation.BLUR_NOISE, 7).data());
		assertEquals(30, d.groundTruth(hr).height());
	}

	@Test
	void trainingMixDrawsBlurAndNoiseIndependently() {
		final TrainingMix mix = TrainingMix.target();
		final Random r = new Random(5);
		final int[] counts = new int[4];
		final int n = 40000;
		for (int i = 0; i < n; i++) counts[mix.sample(r).ordinal()]++;
		for (final int c : counts) assertEquals(0.25, c / (double) n, 0.01);
		final Random r2 = new Random(5);
		for (int i = 0; i < 100; i++) assertEquals(Degradation.CLEAN, TrainingMix.cleanOnly().sample(r2));
		final TrainingMix skewed = new TrainingMix(0.8, 0.3);
		final int[] c2 = new int[4];
		for (int i = 0; i < n; i++) c2[skewed.sample(r).ordinal()]++;
		assertEquals(0.8 * 0.3, c2[Degradation.BLUR_NOISE.ordinal()] / (double) n, 0.01);
		assertEquals(0.2 * 0.7, c2[Degradation.CLEAN.ordinal()] / (double) n, 0.01);
		assertThrows(IllegalArgumentException.class, () -> new TrainingMix(1.5, 0));
	}

	@Test
	void badParametersNameTheParameter() {
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new DegradationParams(-1, 21, 2, 0.1))
			.getMessage().contains("blur_sigma"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new DegradationParams(2, 20, 2, 0.1))
			.getMessage().contains("kernel_size"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new DegradationParams(2, 1, 2, 0.1))
			.getMessage().contains("kernel_size"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new DegradationParams(2, 21, 0, 0.1))
			.getMessage().contains("scale"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new DegradationParams(2, 21, 2, -0.1))
			.getMessage().contains("noise_sigma"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> Downscale.blockMean(new FloatImage(1, 1,
			5), 2)).getMessage().contains("smaller than scale"));
		assertThrows(IllegalArgumentException.class, () -> new SynthesizeDegradations.Options(DegradationOptions
			.defaults(), 2, EnumSet.noneOf(Degradation.class), true));
	}

	@Test
	void degradationLabelsParse() {
		for (final Degradation d : Degradation.values()) assertEquals(d, Degradation.parse(d.label()));
		assertEquals(Degradation.BLUR_NOISE, Degradation.parse("blur_noise"));
		assertThrows(IllegalArgumentException.class, () -> Degradation.parse("jpeg"));
	}
}
