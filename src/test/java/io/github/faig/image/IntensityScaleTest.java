package io.github.faig.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.faig.image.IntensityScale.Normalization;

class IntensityScaleTest {

	private static float[] ramp(final int n) {
		final float[] v = new float[n];
		for (int i = 0; i < n; i++) v[i] = n - 1 - i; // unsorted on purpose
		return v;
	}

	@Test
	void typeRangeIsTheTypesRangeAndFloatKeepsTheUnitInterval() {
		assertEquals(new IntensityScale(0, 255), IntensityScale.of(ramp(3), 255, Normalization.TYPE_RANGE, 1, 99));
		assertEquals(new IntensityScale(0, 65535), IntensityScale.of(ramp(3), 65535, Normalization.TYPE_RANGE, 1,
			99));
		assertTrue(IntensityScale.of(new float[] { 0, 0.5f, 1 }, Double.NaN, Normalization.TYPE_RANGE, 1, 99)
			.isUnit());
		// float data outside [0, 1] has no type range to use: its min–max
		assertEquals(new IntensityScale(0, 1000), IntensityScale.of(new float[] { 1000, 0, 250 }, Double.NaN,
			Normalization.TYPE_RANGE, 1, 99));
	}

	@Test
	void minMaxAndPercentilesOfARamp() {
		assertEquals(new IntensityScale(0, 100), IntensityScale.of(ramp(101), 255, Normalization.MIN_MAX, 1, 99));
		// 101 values 0..100: the p-th percentile is p exactly
		final IntensityScale p = IntensityScale.of(ramp(101), 255, Normalization.PERCENTILE, 1, 99.5);
		assertEquals(1.0, p.low(), 1e-9);
		assertEquals(99.5, p.high(), 1e-9);
		// between ranks, linear interpolation: 4 values 0..3, 50th percentile = 1.5
		assertEquals(1.5, IntensityScale.percentile(new float[] { 0, 1, 2, 3 }, 50), 1e-12);
	}

	@Test
	void mapsForwardAndBackExactly() {
		final IntensityScale s = new IntensityScale(100, 3942);
		assertEquals(0f, s.forward(100));
		assertEquals(1f, s.forward(3942));
		assertEquals(2021.0, s.inverse(s.forward(2021)), 1e-3);
		// outside the range maps outside [0, 1]: nothing is clipped on the way in
		assertTrue(s.forward(0) < 0);
	}

	@Test
	void flatImagesAndBadPercentilesAreHandled() {
		final IntensityScale flat = IntensityScale.of(new float[] { 7, 7, 7 }, 255, Normalization.MIN_MAX, 1, 99);
		assertEquals(7, flat.low());
		assertEquals(8, flat.high());
		assertTrue(assertThrows(IllegalArgumentException.class, () -> IntensityScale.checkPercentiles(60, 40))
			.getMessage().contains("low_percentile"));
		assertThrows(IllegalArgumentException.class, () -> IntensityScale.checkPercentiles(-1, 40));
		assertThrows(IllegalArgumentException.class, () -> Normalization.of("zscore", "normalization"));
	}

	@Test
	void autoIsTheTypeRangeForEightBitTheBitDepthForSixteenBitAndPercentilesOtherwise() {
		assertEquals(new IntensityScale(0, 255), IntensityScale.of(ramp(101), 255, Normalization.AUTO, 1, 99.8));
		// 101 values 100..200: the p-th percentile is 100 + p
		final float[] v = new float[101];
		for (int i = 0; i < v.length; i++) v[i] = 200 - i;
		// a 16-bit image with one scale: 200 fits 8 bits, so the 8-bit range (its 8-bit version's map)
		assertEquals(new IntensityScale(0, 255), IntensityScale.of(v, 65535, Normalization.AUTO, 1, 99.8));
		// a channel of its own, or float data: the percentiles
		for (final IntensityScale s : new IntensityScale[] { IntensityScale.of(v, 65535, Normalization.AUTO, 1, 99.8,
			true), IntensityScale.of(v, Double.NaN, Normalization.AUTO, 1, 99.8) })
		{
			assertEquals(101.0, s.low(), 1e-9);
			assertEquals(199.8, s.high(), 1e-9);
		}
		// sparse data (one bright bead on a flat background): the percentiles coincide, auto falls back to min-max
		final float[] beads = new float[1000];
		java.util.Arrays.fill(beads, 100);
		beads[7] = 4000;
		assertEquals(new IntensityScale(100, 4000), IntensityScale.of(beads, 65535, Normalization.AUTO, 1, 99.8,
			true));
		assertEquals(new IntensityScale(0, 4095), IntensityScale.of(beads, 65535, Normalization.AUTO, 1, 99.8));
		assertThrows(IllegalArgumentException.class, () -> IntensityScale.of(beads, 65535, Normalization.PERCENTILE,
			1, 99.8));
		assertEquals(Normalization.AUTO, Normalization.of(IntensityScale.DEFAULT, "normalization"));
		assertEquals("auto", IntensityScale.CHOICES[0]);
	}

	/** Issue #28: grey × 15 + 100 (12-bit data in a 16-bit file) maps by [0, 4095] whatever the picture. */
	@Test
	void bitDepthIsTheLeastConverterDepthHoldingTheLargestValue() {
		final int[][] maxToRange = { { 0, 255 }, { 255, 255 }, { 256, 1023 }, { 1023, 1023 }, { 1024, 4095 }, { 3925,
			4095 }, { 4095, 4095 }, { 4096, 16383 }, { 16384, 65535 }, { 65535, 65535 } };
		for (final int[] m : maxToRange) {
			final float[] v = { 100, m[0] / 2f, m[0], m[0], m[0], m[0], m[0], m[0] };
			assertEquals(new IntensityScale(0, m[1]), IntensityScale.of(v, 65535, Normalization.BIT_DEPTH, 1, 99.8),
				"max " + m[0]);
			assertEquals(new IntensityScale(0, m[1]), IntensityScale.of(v, Double.NaN, Normalization.BIT_DEPTH, 1, 99.8),
				"float, max " + m[0]);
		}
		// one hot pixel at 65535 in 12-bit data (trial finding): still the 12-bit range, by the high percentile
		final float[] hot = new float[128 * 128];
		for (int i = 0; i < hot.length; i++) hot[i] = 100 + i % 1000 * 3.8f;
		hot[500] = 65535;
		assertEquals(new IntensityScale(0, 4095), IntensityScale.of(hot, 65535, Normalization.AUTO, 1, 99.8));
		assertEquals(new IntensityScale(0, 4095), IntensityScale.of(hot, 65535, Normalization.BIT_DEPTH, 1, 99.8));
		// float data on the [0, 1] scale stays there; float data beyond 16 bits by its own maximum
		assertTrue(IntensityScale.of(new float[] { 0, 0.25f, 1 }, Double.NaN, Normalization.BIT_DEPTH, 1, 99.8)
			.isUnit());
		assertEquals(new IntensityScale(0, 1e6), IntensityScale.of(new float[] { 3, 1e6f, 1e6f, 1e6f }, Double.NaN,
			Normalization.BIT_DEPTH, 1, 99.8));
		// the same picture at any brightness within 12 bits: one map, which is what makes 12-bit data answer as 8-bit
		final float[] dark = { 100, 400, 1100 };
		final float[] bright = { 100, 2000, 3925 };
		assertEquals(IntensityScale.of(dark, 65535, Normalization.AUTO, 1, 99.8), IntensityScale.of(bright, 65535,
			Normalization.AUTO, 1, 99.8));
		assertEquals(Normalization.BIT_DEPTH, Normalization.of("bit-depth", "normalization"));
	}

	/** The dialog's choices (an annotation, which cannot name the array) are the modes', in order. */
	@Test
	void theDialogOffersEveryModeInOrder() throws Exception {
		final org.scijava.plugin.Parameter p = io.github.faig.command.ImageCommand.class.getDeclaredField(
			"normalization").getAnnotation(org.scijava.plugin.Parameter.class);
		org.junit.jupiter.api.Assertions.assertArrayEquals(IntensityScale.CHOICES, p.choices());
		for (int i = 0; i < Normalization.values().length; i++) {
			assertEquals(Normalization.values()[i].label(), IntensityScale.CHOICES[i]);
		}
	}

	@Test
	void channelsAreSeparateByDefaultOnlyForMultiChannelImagesThatAreNotRgb() {
		final IntensityScale.Channels auto = IntensityScale.Channels.of("auto", "normalize_channels");
		assertTrue(auto.separate(2, false));
		assertTrue(!auto.separate(3, true), "RGB together: its colours are one picture");
		assertTrue(!auto.separate(1, false));
		assertTrue(IntensityScale.Channels.SEPARATELY.separate(3, true));
		assertTrue(!IntensityScale.Channels.TOGETHER.separate(4, false));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> IntensityScale.Channels.of("each",
			"normalize_channels")).getMessage().contains("normalize_channels must be one of auto, separately, together"));
	}

	/** A histogram gives exactly the scale of the values it counts (the 8- and 16-bit path). */
	@Test
	void countsGiveTheSameScaleAsTheValues() {
		final java.util.Random r = new java.util.Random(5);
		for (final int n : new int[] { 1, 2, 7, 1000, 4097 }) {
			final float[] v = new float[n];
			final long[] counts = new long[65536];
			for (int i = 0; i < n; i++) {
				v[i] = 100 + r.nextInt(3000) * (r.nextInt(10) == 0 ? 10 : 1);
				counts[(int) v[i]]++;
			}
			for (final Normalization mode : Normalization.values()) for (final boolean perChannel : new boolean[] {
				false, true })
			{
				for (final double[] p : new double[][] { { 1, 99.8 }, { 3, 99.8 }, { 0, 100 }, { 37.5, 62.5 } }) {
					IntensityScale a;
					try {
						a = IntensityScale.of(v, 65535, mode, p[0], p[1], perChannel);
					}
					catch (final IllegalArgumentException e) {
						assertThrows(IllegalArgumentException.class, () -> IntensityScale.ofCounts(counts, 65535, mode, p[0],
							p[1], perChannel));
						continue;
					}
					assertEquals(a, IntensityScale.ofCounts(counts, 65535, mode, p[0], p[1], perChannel), mode + " " + n +
						" " + p[0]);
				}
			}
		}
	}
}
