package io.github.faig.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/** FloatImage ⇄ ImgLib2: X, Y, C order, shared pixels where the layouts agree, copies otherwise. */
class ImgsTest {

	/** value = 100·c + 10·y + x, so every position is recognisable. */
	private static FloatImage indexed(final int c, final int h, final int w) {
		final FloatImage img = new FloatImage(c, h, w);
		for (int k = 0; k < c; k++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.set(k, y, x, 100 * k + 10 * y + x);
		return img;
	}

	@Test
	void wrapIsXycAndSharesThePixels() {
		final FloatImage img = indexed(3, 4, 5);
		final ArrayImg<FloatType, FloatArray> a = Imgs.wrap(img);
		assertArrayEquals(new long[] { 5, 4, 3 }, a.dimensionsAsLongArray());
		final RandomAccess<FloatType> ra = a.randomAccess();
		ra.setPosition(new long[] { 3, 2, 1 });
		assertEquals(123f, ra.get().get());
		ra.get().set(-1f);
		assertEquals(-1f, img.get(1, 2, 3), "a write through the view reaches the FloatImage");
	}

	@Test
	void anArrayImgComesBackWithoutCopying() {
		final FloatImage img = indexed(2, 3, 4);
		final FloatImage back = Imgs.toFloatImage(Imgs.wrap(img));
		assertSame(img.data(), back.data());
		assertEquals(2, back.channels());
		assertEquals(3, back.height());
		assertEquals(4, back.width());
		final float[] px = new float[12];
		final FloatImage grey = Imgs.toFloatImage(ArrayImgs.floats(px, 4, 3));
		assertSame(px, grey.data());
		assertEquals(1, grey.channels());
	}

	@Test
	void viewsAndOtherTypesAreCopied() {
		final FloatImage img = indexed(3, 6, 7);
		// the interval x 2..5, y 1..3, channels 1..2: its origin is not (0, 0, 0)
		final FloatImage part = Imgs.toFloatImage(Views.interval(Imgs.wrap(img), new long[] { 2, 1, 1 }, new long[] {
			5, 3, 2 }));
		assertNotSame(img.data(), part.data());
		assertEquals(2, part.channels());
		assertEquals(3, part.height());
		assertEquals(4, part.width());
		for (int c = 0; c < 2; c++) for (int y = 0; y < 3; y++) for (int x = 0; x < 4; x++) {
			assertEquals(img.get(c + 1, y + 1, x + 2), part.get(c, y, x));
		}
		final ArrayImg<UnsignedByteType, ?> bytes = ArrayImgs.unsignedBytes(new byte[] { 0, 1, (byte) 200, (byte) 255 },
			2, 2);
		assertArrayEquals(new float[] { 0, 1, 200, 255 }, Imgs.toFloatImage(bytes).data());
		assertThrows(IllegalArgumentException.class, () -> Imgs.toFloatImage(ArrayImgs.floats(2, 2, 2, 2)));
	}
}
