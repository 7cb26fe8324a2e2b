package io.github.faig.ij;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.util.Util;

/**
 * An ImgLib2 image given to a command (its {@code img} input, for scripts and ImageJ2 tools without imagej-legacy) as
 * the {@link ImagePlus} the commands work on. Dimensions are {@code X, Y} or {@code X, Y, C}; the pixel type keeps
 * its meaning: unsigned 8-bit with 3 channels is RGB, unsigned 8-bit and 16-bit are 8-bit and 16-bit grey (per
 * channel), any other real type is 32-bit. No calibration comes with it.
 */
public final class ImgInput {

	private ImgInput() {}

	/**
	 * The image as an {@link ImagePlus} (a copy) titled with its name when it has one ({@link org.scijava.Named}),
	 * else {@code param}.
	 *
	 * @param param the input's name, for messages
	 */
	public static ImagePlus toImagePlus(final RandomAccessibleInterval<?> img, final String param) {
		final int n = img.numDimensions();
		if (n != 2 && n != 3) {
			throw new IllegalArgumentException(param + " must have dimensions X, Y or X, Y, C; got " + n + " dimensions");
		}
		final Object type = Util.getTypeFromInterval(img);
		if (!(type instanceof RealType)) {
			throw new IllegalArgumentException(param + " must hold real numbers, got pixels of type " + type.getClass()
				.getSimpleName());
		}
		final int w = (int) img.dimension(0);
		final int h = (int) img.dimension(1);
		final int c = n == 3 ? (int) img.dimension(2) : 1;
		@SuppressWarnings("unchecked")
		final RandomAccess<? extends RealType<?>> ra = ((RandomAccessibleInterval<? extends RealType<?>>) img)
			.randomAccess();
		final long[] min = img.minAsLongArray();
		final String title = img instanceof org.scijava.Named named && named.getName() != null ? named.getName() : param;
		if (type instanceof UnsignedByteType && c == 3) {
			final ColorProcessor cp = new ColorProcessor(w, h);
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) {
					int rgb = 0;
					for (int k = 0; k < 3; k++) rgb = rgb << 8 | (int) value(ra, min, x, y, k, n);
					cp.set(x, y, rgb);
				}
			}
			return new ImagePlus(title, cp);
		}
		final ImageStack stack = new ImageStack(w, h);
		for (int k = 0; k < c; k++) {
			final ImageProcessor ip = type instanceof UnsignedByteType ? new ByteProcessor(w, h)
				: type instanceof UnsignedShortType ? new ShortProcessor(w, h) : new FloatProcessor(w, h);
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) ip.putPixelValue(x, y, value(ra, min, x, y, k, n));
			}
			stack.addSlice(ip);
		}
		final ImagePlus imp = new ImagePlus(title, stack);
		if (c > 1) imp.setDimensions(c, 1, 1);
		return imp;
	}

	private static double value(final RandomAccess<? extends RealType<?>> ra, final long[] min, final int x,
		final int y, final int c, final int n)
	{
		ra.setPosition(min[0] + x, 0);
		ra.setPosition(min[1] + y, 1);
		if (n == 3) ra.setPosition(min[2] + c, 2);
		return ra.get().getRealDouble();
	}
}
