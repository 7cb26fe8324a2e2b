package io.github.faig.degrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;

import io.github.faig.image.FloatImage;
import io.github.faig.image.Imgs;
import io.github.faig.workflow.Monitor;

/** The synthesis workflow at value level. */
class SynthesizeDegradationsTest {

	private static FloatImage random(final int c, final int h, final int w, final long seed) {
		final Random r = new Random(seed);
		final FloatImage img = new FloatImage(c, h, w);
		for (int i = 0; i < img.data().length; i++) img.data()[i] = r.nextFloat();
		return img;
	}

	/** At scale 1 without quantisation, the blurry variant of an impulse is the normalised kernel. */
	@Test
	void anImpulseBlursIntoTheKernel() {
		final FloatImage impulse = new FloatImage(1, 31, 31);
		impulse.set(0, 15, 15, 1f);
		final SynthesizeDegradations s = new SynthesizeDegradations(new SynthesizeDegradations.Options(
			new DegradationOptions(1.5, 9, 0.1, 0), 1, EnumSet.of(Degradation.BLUR), false));
		final List<SynthesizeDegradations.Variant> v = s.variants(0, impulse);
		assertEquals(1, v.size());
		final FloatImage out = v.get(0).image();
		final double[][] k = GaussianBlur.kernel2d(1.5, 9);
		for (int y = 0; y < 31; y++) {
			for (int x = 0; x < 31; x++) {
				final int ky = y - 11;
				final int kx = x - 11;
				assertEquals(ky >= 0 && ky < 9 && kx >= 0 && kx < 9 ? k[ky][kx] : 0, out.get(0, y, x), 1e-7);
			}
		}
		assertEquals(0.0, v.get(0).noiseSigma());
		assertEquals(9, v.get(0).kernelSize());
	}

	/** Clean LR of a ×2 image is the 2×2 block mean on 8-bit levels; noise has the chosen spread. */
	@Test
	void cleanIsTheBlockMeanAndNoiseHasItsSigma() {
		final FloatImage hr = new FloatImage(3, 200, 200);
		java.util.Arrays.fill(hr.data(), 0.5f);
		final List<SynthesizeDegradations.Variant> v = new SynthesizeDegradations(new SynthesizeDegradations.Options(
			new DegradationOptions(2, 21, 0.05, 7), 2, EnumSet.of(Degradation.CLEAN, Degradation.NOISE), false)).variants(
				0, hr);
		for (final float x : v.get(0).image().data()) assertEquals(0.5f, x, 1e-7f);
		double s = 0;
		double s2 = 0;
		final float[] d = v.get(1).image().data();
		for (final float x : d) {
			s += x - 0.5;
			s2 += (x - 0.5) * (x - 0.5);
		}
		assertEquals(0.0, s / d.length, 0.002);
		assertEquals(0.05, Math.sqrt(s2 / d.length), 0.002);
	}

	/**
	 * With clipNoise, noise near the ends of a fixed range saturates at 0 and 1 on the noisy variants only; without
	 * it the noise runs past them, and a clean variant keeps its values either way.
	 */
	@Test
	void clipNoiseSaturatesOnlyTheNoisyVariants() {
		final FloatImage hr = new FloatImage(1, 64, 64);
		for (int i = 0; i < hr.data().length; i++) hr.data()[i] = i % 2 == 0 ? 0.99f : 0.01f;
		final EnumSet<Degradation> both = EnumSet.of(Degradation.CLEAN, Degradation.NOISE);
		final DegradationOptions o = new DegradationOptions(2, 21, 0.1, 3);
		final List<SynthesizeDegradations.Variant> clipped = new SynthesizeDegradations(new SynthesizeDegradations
			.Options(o, 1, both, false, true)).variants(0, hr);
		final List<SynthesizeDegradations.Variant> free = new SynthesizeDegradations(new SynthesizeDegradations.Options(o,
			1, both, false)).variants(0, hr);
		assertArrayEquals(hr.data(), clipped.get(0).image().data());
		int outside = 0;
		int saturated = 0;
		for (int i = 0; i < hr.data().length; i++) {
			final float f = free.get(1).image().data()[i];
			final float c = clipped.get(1).image().data()[i];
			assertEquals(Math.min(1f, Math.max(0f, f)), c);
			if (f < 0 || f > 1) outside++;
			if (c == 0f || c == 1f) saturated++;
		}
		assertTrue(outside > 1000, "a tenth of the range as noise at 0.01 and 0.99 leaves it often: " + outside);
		assertEquals(outside, saturated);
	}

	/** Image i's variants depend on i only: a set split in parts gives the images of the whole set. */
	@Test
	void eachImageIsSeededByItsIndex() {
		final List<FloatImage> set = List.of(random(3, 20, 24, 1), random(3, 20, 24, 2), random(3, 20, 24, 3));
		final SynthesizeDegradations s = new SynthesizeDegradations(SynthesizeDegradations.Options.defaults());
		final List<String> steps = new ArrayList<>();
		final SynthesizeDegradations.Result whole = s.run(set, new Monitor() {

			@Override
			public void progress(final String message, final long done, final long total) {
				steps.add(message);
			}

			@Override
			public boolean isCancelled() {
				return false;
			}
		});
		assertEquals(List.of("Degrading slice 1/3", "Degrading slice 2/3", "Degrading slice 3/3"), steps);
		for (int i = 0; i < 3; i++) {
			final List<SynthesizeDegradations.Variant> alone = new SynthesizeDegradations(SynthesizeDegradations.Options
				.defaults()).variants(i, Imgs.wrap(set.get(i)));
			assertEquals(4, alone.size());
			for (int k = 0; k < 4; k++) {
				final SynthesizeDegradations.Variant a = alone.get(k);
				assertArrayEquals(whole.variants().get(i).get(k).image().data(), a.image().data());
				assertEquals(i + 1, a.sourceSlice());
				assertEquals(SynthesizeDegradations.noiseSeed(0, i + 1, a.degradation()), a.noiseSeed());
				// remade alone from its parameter row
				assertArrayEquals(new Degrader(DegradationParams.defaults()).degrade(set.get(i), a.degradation(), a
					.noiseSeed()).data(), a.image().data());
			}
		}
		assertThrows(CancellationException.class, () -> s.run(set, new Monitor() {

			@Override
			public void progress(final String message, final long done, final long total) {}

			@Override
			public boolean isCancelled() {
				return true;
			}
		}));
	}
}
