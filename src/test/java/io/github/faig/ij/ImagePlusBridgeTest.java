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
import io.github.faig.image.ChannelScales;
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

	// -- per-channel normalisation, calibration and display (#28) --

	/** A C2 Z3 T2 16-bit hyperstack: plane (c, z, t) holds c·1000 + 10·z + t + (0 or 100 across the plane). */
	private static ImagePlus hyperstack() {
		final ImageStack st = new ImageStack(10, 10);
		for (int t = 1; t <= 2; t++) for (int z = 1; z <= 3; z++) for (int c = 1; c <= 2; c++) {
			final short[] px = new short[100];
			for (int i = 0; i < 100; i++) px[i] = (short) (c * 1000 + 10 * z + t + (i < 50 ? 0 : 100));
			st.addSlice("c" + c + "z" + z + "t" + t, new ShortProcessor(10, 10, px, null));
		}
		final ImagePlus imp = new ImagePlus("hs", st);
		imp.setDimensions(2, 3, 2);
		imp.setOpenAsHyperStack(true);
		return imp;
	}

	@Test
	void eachChannelGetsItsOwnRangeOverAllItsSlicesAndFrames() {
		final ImagePlus hs = hyperstack();
		final ChannelScales sep = ImagePlusBridge.scalesOf(hs, "min-max", "auto", 1, 99.8);
		assertEquals(2, sep.size());
		// channel c spans c·1000 + 11 (z 1, t 1) to c·1000 + 32 + 100 (z 3, t 2)
		assertEquals(new IntensityScale(1011, 1132), sep.of(0));
		assertEquals(new IntensityScale(2011, 2132), sep.of(1));
		final ChannelScales together = ImagePlusBridge.scalesOf(hs, "min-max", "together", 1, 99.8);
		assertEquals(new IntensityScale(1011, 2132), together.of(1));
		// a plane maps by its channel's scale: the brightest pixel of each channel is 1
		final List<FloatImage> f = ImagePlusBridge.toFloatImages(hs, sep);
		final int last = hs.getStackIndex(2, 3, 2) - 1;
		assertEquals(1f, f.get(last).get(0, 9, 9), 1e-6f);
		assertEquals(1f, f.get(last - 1).get(0, 9, 9), 1e-6f);
		// and back: each plane to its channel's values exactly
		final ImagePlus back = ImagePlusBridge.toImagePlus("b", f, null, OutputType.SHORT, null, ImagePlusBridge
			.sliceScales(hs, sep));
		for (int s = 1; s <= hs.getStackSize(); s++) {
			assertArrayEquals((short[]) hs.getStack().getPixels(s), (short[]) back.getStack().getPixels(s), "plane " + s);
		}
		// auto on 16-bit is percentiles: channel 2's are those of a stack of its planes alone
		final ChannelScales auto = ImagePlusBridge.scalesOf(hs, IntensityScale.DEFAULT, IntensityScale.DEFAULT_CHANNELS,
			2, 97);
		final ImageStack c2 = new ImageStack(10, 10);
		for (int s = 2; s <= hs.getStackSize(); s += 2) {
			final short[] px = ((short[]) hs.getStack().getPixels(s)).clone();
			c2.addSlice(null, new ShortProcessor(10, 10, px, null));
		}
		assertEquals(ImagePlusBridge.scaleOf(new ImagePlus("c2", c2), "percentile", 2, 97), auto.of(1));
		assertTrue(auto.of(0).high() < 2000, auto.toString());
	}

	@Test
	void rgbIsOneRangeByDefaultAndItsTypeRangeWithAuto() {
		final ColorProcessor cp = new ColorProcessor(2, 1, new int[] { 0x0a1464, 0x1428c8 });
		final ImagePlus rgb = new ImagePlus("rgb", cp);
		assertEquals(ChannelScales.shared(new IntensityScale(0, 255)), ImagePlusBridge.scalesOf(rgb, "auto", "auto", 1,
			99.8));
		final ChannelScales sep = ImagePlusBridge.scalesOf(rgb, "min-max", "separately", 1, 99.8);
		assertEquals(new IntensityScale(10, 20), sep.of(0));
		assertEquals(new IntensityScale(20, 40), sep.of(1));
		assertEquals(new IntensityScale(100, 200), sep.of(2));
		final FloatImage f = ImagePlusBridge.toFloatImage(cp, sep);
		assertEquals(0f, f.get(2, 0, 0));
		assertEquals(1f, f.get(2, 0, 1));
		assertEquals(0x1428c8, ImagePlusBridge.toColorProcessor(f, sep).get(1, 0) & 0xffffff);
	}

	@Test
	void anUncalibratedImageStaysUncalibrated() {
		final Calibration none = new Calibration();
		final Calibration up = ImagePlusBridge.resampled(none, 0.5);
		assertEquals(1.0, up.pixelWidth);
		assertEquals("pixel", up.getUnit());
		assertTrue(!up.scaled());
		assertTrue(!ImagePlusBridge.isCalibrated(none));
	}

	@Test
	void lutAndDisplayRangeCarryOverToTheSameType() {
		final ImagePlus fire = new ImagePlus("fire", new ByteProcessor(4, 4));
		final ij.process.LUT red = ij.process.LUT.createLutFromColor(java.awt.Color.red);
		fire.getProcessor().setLut(red);
		fire.setDisplayRange(10, 200);
		final ImagePlus out = ImagePlusBridge.carryDisplay(new ImagePlus("out", new ByteProcessor(8, 8)), fire);
		assertEquals(10, out.getDisplayRangeMin());
		assertEquals(200, out.getDisplayRangeMax());
		assertEquals(255, out.getProcessor().getLut().getRed(255) & 0xff);
		assertEquals(0, out.getProcessor().getLut().getGreen(255) & 0xff, "red LUT, not grey");
		// another type's display range would mean other values: left alone
		final ImagePlus f32 = ImagePlusBridge.carryDisplay(new ImagePlus("f", new FloatProcessor(2, 2)), fire);
		assertTrue(f32.getProcessor().isDefaultLut());
		// a composite's channels each keep theirs
		final ImagePlus hs = hyperstack();
		final ij.CompositeImage comp = new ij.CompositeImage(hs, ij.IJ.COMPOSITE);
		comp.setPosition(1, 1, 1);
		comp.setDisplayRange(1000, 1100);
		comp.setPosition(2, 1, 1);
		comp.setDisplayRange(2050, 2060);
		final ImagePlus made = ImagePlusBridge.keepDimensions(new ImagePlus("o", hs.getStack().duplicate()), comp);
		assertTrue(made instanceof ij.CompositeImage);
		final ij.process.LUT[] luts = ((ij.CompositeImage) made).getLuts();
		assertEquals(1000, luts[0].min);
		assertEquals(1100, luts[0].max);
		assertEquals(2050, luts[1].min);
		assertEquals(2060, luts[1].max);
	}
}
