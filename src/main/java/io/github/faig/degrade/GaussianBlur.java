package io.github.faig.degrade;

import io.github.faig.image.FloatImage;
import io.github.faig.image.Imgs;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Isotropic Gaussian blur as the paper's reference code applies it (docs/method.md §1): a {@code size x size} kernel
 * {@code K[y,x] = exp(-(x^2 + y^2) / (2 sigma^2))} on the grid {@code -size/2 .. size/2}, normalised to sum 1,
 * correlated with every channel, borders reflected without repeating the edge pixel (reflect-101, OpenCV's
 * {@code BORDER_DEFAULT}: {@code ... 2 1 | 0 1 2 ...}), output the same size as the input.
 * <p>
 * The normalised 2-D kernel is the outer product of the normalised 1-D kernel with itself, so the blur is applied
 * as two separable passes in double precision; the result equals the 2-D correlation up to rounding.
 * </p>
 */
public final class GaussianBlur {

	private final double sigma;
	private final int size;
	private final double[] kernel1d;

	/**
	 * @param sigma standard deviation in pixels, {@code > 0}
	 * @param size kernel side, odd and {@code >= 3} (the reference uses 21)
	 */
	public GaussianBlur(final double sigma, final int size) {
		DegradationParams.checkBlur(sigma, size);
		this.sigma = sigma;
		this.size = size;
		this.kernel1d = kernel1d(sigma, size);
	}

	public double sigma() {
		return sigma;
	}

	public int size() {
		return size;
	}

	/** The normalised 1-D kernel (length {@code size}, sums to 1). */
	public static double[] kernel1d(final double sigma, final int size) {
		final int r = size / 2;
		final double[] k = new double[size];
		double sum = 0;
		for (int i = -r; i <= r; i++) {
			k[i + r] = Math.exp(-(i * (double) i) / (2 * sigma * sigma));
			sum += k[i + r];
		}
		for (int i = 0; i < size; i++) k[i] /= sum;
		return k;
	}

	/** The normalised 2-D kernel {@code K[y][x]} of the spec (sums to 1). */
	public static double[][] kernel2d(final double sigma, final int size) {
		final int r = size / 2;
		final double[][] k = new double[size][size];
		double sum = 0;
		for (int y = -r; y <= r; y++) {
			for (int x = -r; x <= r; x++) {
				k[y + r][x + r] = Math.exp(-(x * (double) x + y * (double) y) / (2 * sigma * sigma));
				sum += k[y + r][x + r];
			}
		}
		for (final double[] row : k) {
			for (int x = 0; x < size; x++) row[x] /= sum;
		}
		return k;
	}

	/**
	 * The blurred image, a new image of the same size. The borders come from ImgLib2's
	 * {@link Views#extendMirrorSingle} (the edge pixel is not repeated: reflect-101), for any image size, also one
	 * smaller than the kernel; the sums run in double precision in the kernel's order. Each channel is padded once
	 * per pass into a plain array, so the inner loops read arrays, not views.
	 */
	public FloatImage apply(final FloatImage in) {
		final int h = in.height();
		final int w = in.width();
		final int r = size / 2;
		final FloatImage out = new FloatImage(in.channels(), h, w);
		final float[] src = in.data();
		final float[] dst = out.data();
		// one channel's rows with r mirrored columns on each side, then its row sums with r mirrored rows above and
		// below: the insides are array copies, the borders come from the ImgLib2 mirror
		final float[] wide = new float[h * (w + 2 * r)];
		final double[] rows = new double[h * w];
		final double[] tall = new double[(h + 2 * r) * w];
		final RandomAccessibleInterval<DoubleType> rowsView = ArrayImgs.doubles(rows, w, h);
		final RandomAccessibleInterval<FloatType> planes = Imgs.wrap(in);
		for (int c = 0; c < in.channels(); c++) {
			final int base = in.channelOffset(c);
			for (int y = 0; y < h; y++) System.arraycopy(src, base + y * w, wide, y * (w + 2 * r) + r, w);
			padAlong(0, Views.hyperSlice(planes, 2, c), r, (i, v) -> wide[i] = (float) v);
			// Horizontal pass into a double buffer.
			for (int y = 0; y < h; y++) {
				final int row = y * (w + 2 * r);
				for (int x = 0; x < w; x++) {
					double s = 0;
					for (int k = 0; k < size; k++) {
						s += kernel1d[k] * wide[row + x + k];
					}
					rows[y * w + x] = s;
				}
			}
			System.arraycopy(rows, 0, tall, r * w, h * w);
			padAlong(1, rowsView, r, (i, v) -> tall[i] = v);
			// Vertical pass into the output.
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) {
					double s = 0;
					for (int k = 0; k < size; k++) {
						s += kernel1d[k] * tall[(y + k) * w + x];
					}
					dst[base + y * w + x] = (float) s;
				}
			}
		}
		return out;
	}

	/** Where {@link #padAlong} puts a value: an index into a padded array. */
	@FunctionalInterface
	private interface Sink {
		void set(int index, double value);
	}

	/**
	 * Fills the {@code r} border lines on both sides along {@code axis} of a padded copy of {@code img} (its inside
	 * already copied; {@code r} more lines on each side along {@code axis}, row-major) from {@code img} extended with
	 * reflect-101 borders. A line of one pixel mirrors to itself everywhere, which ImgLib2's mirror does not step
	 * along, so it is extended by its border value.
	 */
	private static <T extends RealType<T>> void padAlong(final int axis, final RandomAccessibleInterval<T> img,
		final int r, final Sink padded)
	{
		final int n = (int) img.dimension(axis);
		final int lines = (int) img.dimension(1 - axis);
		final int width = (int) img.dimension(0) + (axis == 0 ? 2 * r : 0);
		final RandomAccess<T> ra = (n == 1 ? Views.extendBorder(img) : Views.extendMirrorSingle(img)).randomAccess();
		for (int i = 0; i < 2 * r; i++) {
			final int p = i < r ? i - r : n + i - r;
			ra.setPosition(p, axis);
			for (int l = 0; l < lines; l++) {
				ra.setPosition(l, 1 - axis);
				padded.set(axis == 0 ? l * width + p + r : (p + r) * width + l, ra.get().getRealDouble());
			}
		}
	}
}
