package io.github.faig.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;
import io.github.faig.ij.ImagePlusBridge.OutputType;
import io.github.faig.image.FloatImage;
import io.github.faig.image.IntensityScale;

class ImagePlusBridgeTest {

	@Test
	void rgbRoundTripsExactly() {
		final Random r = new Random(1);
		final int[] px = new int[12 * 7];
		for (int i = 0; i < px.length; i++) px[i] = r.nextInt() | 0xff000000;
		final ImagePlus imp = new ImagePlus("rgb", new ColorProcessor(12, 7, px));
		final FloatImage img = ImagePlusBridge.toFloatImages(imp).get(0);
		assertEquals(3, img.channels());
		assertEquals(((px[5] >> 16) & 0xff) / 255f, img.get(0, 0, 5));
		assertEquals(((px[5] >> 8) & 0xff) / 255f, img.get(1, 0, 5));
		assertEquals((px[5] & 0xff) / 255f, img.get(2, 0, 5));
		final ImagePlus back = ImagePlusBridge.toImagePlus("b", List.of(img), null, OutputType.BYTE, null);
		assertEquals(24, back.getBitDepth());
		assertArrayEquals(px, (int[]) back.getProcessor().getPixels());
	}

	@Test
	void greyDepthsMapToTheUnitInterval() {
		final ByteProcessor bp = new ByteProcessor(2, 1, new byte[] { 0, (byte) 255 });
		assertArrayEquals(new float[] { 0, 1 }, ImagePlusBridge.toFloatImage(bp).data());
		final ShortProcessor sp = new ShortProcessor(2, 1, new short[] { 0, (short) 65535 }, null);
		assertArrayEquals(new float[] { 0, 1 }, ImagePlusBridge.toFloatImage(sp).data());
		final FloatProcessor fp = new FloatProcessor(2, 1, new float[] { 0.25f, 1.5f });
		assertArrayEquals(new float[] { 0.25f, 1.5f }, ImagePlusBridge.toFloatImage(fp).data());

		final short[] values = new short[] { 0, 1, 1000, (short) 40000, (short) 65535 };
		final FloatImage img = ImagePlusBridge.toFloatImage(new ShortProcessor(5, 1, values, null));
		final ImagePlus back = ImagePlusBridge.toImagePlus("s", List.of(img), null, OutputType.SHORT, null);
		assertArrayEquals(values, (short[]) back.getProcessor().getPixels());
		final ImagePlus f = ImagePlusBridge.toImagePlus("f", List.of(img), null, OutputType.FLOAT, null);
		assertEquals(32, f.getBitDepth());
	}

	@Test
	void stacksGoSliceBySliceAndKeepLabels() {
		final ImageStack stack = new ImageStack(4, 3);
		for (int s = 0; s < 3; s++) {
			final byte[] px = new byte[12];
			Arrays.fill(px, (byte) (s * 10));
			stack.addSlice("s" + s, new ByteProcessor(4, 3, px));
		}
		final List<FloatImage> slices = ImagePlusBridge.toFloatImages(new ImagePlus("st", stack));
		assertEquals(3, slices.size());
		assertEquals(20 / 255f, slices.get(2).get(0, 1, 1));
		final ImagePlus back = ImagePlusBridge.toImagePlus("b", slices, List.of("a", "b", "c"), OutputType.BYTE,
			null);
		assertEquals(3, back.getStackSize());
		assertEquals("c", back.getStack().getSliceLabel(3));
		assertEquals(20, back.getStack().getProcessor(3).get(1, 1));
	}

	@Test
	void rgbAsFloatIsAThreeChannelComposite() {
		final FloatImage img = new FloatImage(3, 2, 2);
		img.set(2, 1, 1, 0.75f);
		final ImagePlus f = ImagePlusBridge.toImagePlus("f", List.of(img, img), null, OutputType.FLOAT, null);
		assertEquals(3, f.getNChannels());
		assertEquals(2, f.getNSlices());
		assertEquals(0.75f, f.getStack().getProcessor(3).getf(1, 1));
	}

	@Test
	void calibrationScalesWithTheResampling() {
		final Calibration cal = new Calibration();
		cal.pixelWidth = 0.1;
		cal.pixelHeight = 0.2;
		cal.setUnit("um");
		final Calibration down = ImagePlusBridge.resampled(cal, 2);
		assertEquals(0.2, down.pixelWidth, 1e-12);
		assertEquals(0.4, down.pixelHeight, 1e-12);
		assertEquals(cal.getUnit(), down.getUnit());
		final Calibration up = ImagePlusBridge.resampled(cal, 0.5);
		assertEquals(0.05, up.pixelWidth, 1e-12);
	}

	@Test
	void unsupportedDepthsAreRejected() {
		final ImagePlus imp = new ImagePlus();
		assertTrue(assertThrows(IllegalArgumentException.class, () -> ImagePlusBridge.toFloatImages(imp))
			.getMessage().contains("bit depth"));
		assertThrows(IllegalArgumentException.class, () -> ImagePlusBridge.toFloatImages(null));
	}

	// -- README's pixel table, one test per row (type-range) and per normalisation --

	@Test
	void tableRowRgbKeepsRgb() {
		final ImagePlus imp = new ImagePlus("rgb", new ColorProcessor(2, 1, new int[] { 0xff102030, 0xffffffff }));
		assertEquals(OutputType.BYTE, ImagePlusBridge.typeOf(imp));
		final IntensityScale s = ImagePlusBridge.scaleOf(imp, "type-range", 1, 99);
		final FloatImage f = ImagePlusBridge.toFloatImages(imp, s).get(0);
		assertEquals(0x20 / 255f, f.get(1, 0, 0));
		final ImagePlus back = ImagePlusBridge.toImagePlus("b", List.of(f), null, OutputType.BYTE, null, s);
		assertEquals(24, back.getBitDepth());
		assertArrayEquals((int[]) imp.getProcessor().getPixels(), (int[]) back.getProcessor().getPixels());
	}

	@Test
	void tableRowEightBitKeepsEightBitAndRoundsHalfToEven() {
		final ImagePlus imp = new ImagePlus("b", new ByteProcessor(2, 1, new byte[] { 3, (byte) 200 }));
		assertEquals(OutputType.BYTE, ImagePlusBridge.typeOf(imp));
		final IntensityScale s = ImagePlusBridge.scaleOf(imp, "type-range", 1, 99);
		assertEquals(new IntensityScale(0, 255), s);
		final FloatImage f = new FloatImage(1, 1, 2);
		f.set(0, 0, 0, 0.5f); // 127.5: half a level, to the even 128
		f.set(0, 0, 1, 1.2f); // above the range: clamped
		final ImagePlus back = ImagePlusBridge.toImagePlus("b", List.of(f), null, OutputType.BYTE, null, s);
		assertEquals(128, back.getProcessor().get(0, 0));
		assertEquals(255, back.getProcessor().get(1, 0));
		// as 32-bit: the same values in the input's range, unrounded
		final ImagePlus fl = ImagePlusBridge.toImagePlus("f", List.of(f), null, OutputType.FLOAT, null, s);
		assertEquals(127.5f, fl.getProcessor().getf(0, 0), 1e-4);
		// half to even, not half up: levels 0.5 and 1.5 of a [0, 2] range go to 0 and 2
		final FloatImage h = new FloatImage(1, 1, 2);
		h.set(0, 0, 0, 0.25f);
		h.set(0, 0, 1, 0.75f);
		final ImagePlus r = ImagePlusBridge.toImagePlus("h", List.of(h), null, OutputType.SHORT, null,
			new IntensityScale(0, 2));
		assertEquals(0, r.getProcessor().get(0, 0));
		assertEquals(2, r.getProcessor().get(1, 0));
	}

	@Test
	void tableRowSixteenBitKeepsSixteenBitInItsRange() {
		final ImagePlus imp = new ImagePlus("s", new ShortProcessor(3, 1, new short[] { 100, 2000, 3942 }, null));
		assertEquals(OutputType.SHORT, ImagePlusBridge.typeOf(imp));
		final IntensityScale t = ImagePlusBridge.scaleOf(imp, "type-range", 1, 99);
		assertEquals(100 / 65535f, ImagePlusBridge.toFloatImages(imp, t).get(0).get(0, 0, 0));
		final IntensityScale mm = ImagePlusBridge.scaleOf(imp, "min-max", 1, 99);
		assertEquals(new IntensityScale(100, 3942), mm);
		final FloatImage f = ImagePlusBridge.toFloatImages(imp, mm).get(0);
		assertEquals(0f, f.get(0, 0, 0));
		assertEquals(1f, f.get(0, 0, 2));
		for (final IntensityScale s : List.of(t, mm)) {
			final ImagePlus back = ImagePlusBridge.toImagePlus("b", List.of(ImagePlusBridge.toFloatImages(imp, s).get(
				0)), null, OutputType.SHORT, null, s);
			assertEquals(16, back.getBitDepth());
			assertArrayEquals((short[]) imp.getProcessor().getPixels(), (short[]) back.getProcessor().getPixels());
		}
	}

	@Test
	void tableRowThirtyTwoBitKeepsItsRange() {
		final ImagePlus unit = new ImagePlus("u", new FloatProcessor(2, 1, new float[] { 0.25f, 0.5f }));
		assertTrue(ImagePlusBridge.scaleOf(unit, "type-range", 1, 99).isUnit());
		final ImagePlus wide = new ImagePlus("w", new FloatProcessor(3, 1, new float[] { 0, 250, 1000 }));
		assertEquals(OutputType.FLOAT, ImagePlusBridge.typeOf(wide));
		final IntensityScale s = ImagePlusBridge.scaleOf(wide, "type-range", 1, 99);
		assertEquals(new IntensityScale(0, 1000), s);
		final FloatImage f = ImagePlusBridge.toFloatImages(wide, s).get(0);
		assertEquals(0.25f, f.get(0, 0, 1));
		final ImagePlus back = ImagePlusBridge.toImagePlus("b", List.of(f), null, OutputType.FLOAT, null, s);
		assertArrayEquals(new float[] { 0, 250, 1000 }, (float[]) back.getProcessor().getPixels(), 1e-3f);
	}

	@Test
	void percentilesSpanEveryPlane() {
		final ImageStack st = new ImageStack(101, 1);
		final short[] a = new short[101];
		final short[] b = new short[101];
		for (int i = 0; i < 101; i++) {
			a[i] = (short) i;
			b[i] = (short) (100 + i);
		}
		st.addSlice(new ShortProcessor(101, 1, a, null));
		st.addSlice(new ShortProcessor(101, 1, b, null));
		// 202 values 0..200 with 100 twice; the 50th percentile lies at rank 100.5 -> 100
		final IntensityScale s = ImagePlusBridge.scaleOf(new ImagePlus("st", st), "percentile", 0, 50);
		assertEquals(0, s.low(), 1e-9);
		assertEquals(100, s.high(), 1e-9);
		assertThrows(IllegalArgumentException.class, () -> ImagePlusBridge.scaleOf(new ImagePlus("st", st), "gamma",
			1, 99));
	}
}
