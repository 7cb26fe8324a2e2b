package io.github.faig.image;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;

/**
 * {@link FloatImage} ⇄ ImgLib2. An ImgLib2 image here has its dimensions in {@code X, Y, C} order (column, row,
 * channel); a 2-D image is one channel. {@link FloatImage}'s planar {@code (C, H, W)} array is exactly the flat order
 * of an {@link ArrayImg} of dimensions {@code (W, H, C)}, so {@link #wrap} and {@link #toFloatImage} share the pixels
 * without copying whenever the ImgLib2 side is such an array image; any other image (a view, a cell image, another
 * pixel type) is copied.
 */
public final class Imgs {

	private Imgs() {}

	/** The same pixels as an ImgLib2 image of dimensions {@code (W, H, C)}, not copied. */
	public static ArrayImg<FloatType, FloatArray> wrap(final FloatImage img) {
		return ArrayImgs.floats(img.data(), img.width(), img.height(), img.channels());
	}

	/**
	 * The pixels of an ImgLib2 image with dimensions {@code (X, Y)} or {@code (X, Y, C)}, as a {@link FloatImage}:
	 * shared when {@code img} is a float array image (as {@link #wrap} makes), otherwise copied (any real pixel type,
	 * any interval origin).
	 */
	public static FloatImage toFloatImage(final RandomAccessibleInterval<? extends RealType<?>> img) {
		final int n = img.numDimensions();
		if (n != 2 && n != 3) {
			throw new IllegalArgumentException("expected an image with dimensions X, Y or X, Y, C, got " + n +
				" dimensions " + java.util.Arrays.toString(img.dimensionsAsLongArray()));
		}
		final int w = size(img, 0, "width");
		final int h = size(img, 1, "height");
		final int c = n == 3 ? size(img, 2, "channels") : 1;
		if (img instanceof ArrayImg<?, ?> a && a.firstElement() instanceof FloatType && a.update(
			null) instanceof FloatArray f)
		{
			return new FloatImage(c, h, w, f.getCurrentStorageArray());
		}
		final FloatImage out = new FloatImage(c, h, w);
		copy(n == 3 ? img : Views.addDimension(img, 0, 0), wrap(out));
		return out;
	}

	/**
	 * Copies {@code from} into {@code to}, pixel by pixel, relative to their own origins; both have the same
	 * dimensions.
	 */
	public static void copy(final RandomAccessibleInterval<? extends RealType<?>> from,
		final RandomAccessibleInterval<FloatType> to)
	{
		if (!Intervals.equalDimensions(from, to)) {
			throw new IllegalArgumentException("images differ in size: " + java.util.Arrays.toString(from
				.dimensionsAsLongArray()) + " vs " + java.util.Arrays.toString(to.dimensionsAsLongArray()));
		}
		LoopBuilder.setImages(from, to).forEachPixel((a, b) -> b.set(a.getRealFloat()));
	}

	private static int size(final RandomAccessibleInterval<?> img, final int d, final String what) {
		final long s = img.dimension(d);
		if (s < 1 || s > Integer.MAX_VALUE) throw new IllegalArgumentException("image " + what + " " + s + " is out of range");
		return (int) s;
	}
}
