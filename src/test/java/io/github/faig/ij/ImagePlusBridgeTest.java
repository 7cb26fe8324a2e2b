package io.github.faig.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
			java.util.Arrays.fill(px, (byte) (s * 10));
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
}
