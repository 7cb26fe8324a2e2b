package io.github.faig.image;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A planar float image, channel by channel: values of {@code channel c, row y, column x} live at
 * {@code data[(c * height + y) * width + x]}. This is the layout of a PyTorch/DJL tensor {@code (C, H, W)},
 * so images go to and from the networks without reordering.
 * <p>
 * Values are intensities on the [0, 1] scale of the paper (8-bit 255 maps to 1). Nothing clamps them: blur and
 * noise may leave the range until quantisation brings them back.
 * </p>
 * <p>
 * The pixel array is shared, not copied, by {@link #data()} and by {@link Imgs#wrap} (an ImgLib2 view in
 * {@code X, Y, C} order); use {@link #copy()} when a separate image is needed. Serializable, so a distributed run
 * can ship images and per-image results between machines.
 * </p>
 */
public final class FloatImage implements Serializable {

	private static final long serialVersionUID = 1L;

	private final int channels;
	private final int height;
	private final int width;
	private final float[] data;

	/** A new image of zeros. */
	public FloatImage(final int channels, final int height, final int width) {
		this(channels, height, width, new float[checkedSize(channels, height, width)]);
	}

	/** Wraps {@code data} (not copied), laid out as the class description says. */
	public FloatImage(final int channels, final int height, final int width, final float[] data) {
		final int n = checkedSize(channels, height, width);
		if (data.length != n) {
			throw new IllegalArgumentException("data has " + data.length + " values; a " + channels + "x" +
				height + "x" + width + " image needs " + n);
		}
		this.channels = channels;
		this.height = height;
		this.width = width;
		this.data = data;
	}

	private static int checkedSize(final int c, final int h, final int w) {
		if (c < 1 || h < 1 || w < 1) {
			throw new IllegalArgumentException("image dimensions must be positive, got channels=" + c +
				", height=" + h + ", width=" + w);
		}
		final long n = (long) c * h * w;
		if (n > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException("image of " + n + " values is too large for one array");
		}
		return (int) n;
	}

	// -- Accessors --

	public int channels() {
		return channels;
	}

	public int height() {
		return height;
	}

	public int width() {
		return width;
	}

	/** The pixel array itself (not a copy). */
	public float[] data() {
		return data;
	}

	public float get(final int c, final int y, final int x) {
		return data[(c * height + y) * width + x];
	}

	public void set(final int c, final int y, final int x, final float v) {
		data[(c * height + y) * width + x] = v;
	}

	/** Clips every value to [0, 1], in place (NaN stays NaN). */
	public void clampToUnit() {
		for (int i = 0; i < data.length; i++) {
			if (data[i] < 0) data[i] = 0;
			else if (data[i] > 1) data[i] = 1;
		}
	}

	/** Index of the first value of channel {@code c} in {@link #data()}. */
	public int channelOffset(final int c) {
		return c * height * width;
	}

	/** Tensor shape {@code (C, H, W)}. */
	public long[] shape() {
		return new long[] { channels, height, width };
	}

	// -- Derived images --

	public FloatImage copy() {
		return new FloatImage(channels, height, width, data.clone());
	}

	/** The rectangle {@code [y0, y0+h) x [x0, x0+w)} of every channel, as a new image. */
	public FloatImage crop(final int y0, final int x0, final int h, final int w) {
		if (y0 < 0 || x0 < 0 || h < 1 || w < 1 || y0 + h > height || x0 + w > width) {
			throw new IllegalArgumentException("crop [" + y0 + "+" + h + ", " + x0 + "+" + w +
				"] lies outside a " + height + "x" + width + " image");
		}
		final FloatImage out = new FloatImage(channels, h, w);
		for (int c = 0; c < channels; c++) {
			for (int y = 0; y < h; y++) {
				System.arraycopy(data, (c * height + y0 + y) * width + x0, out.data, (c * h + y) * w, w);
			}
		}
		return out;
	}

	/** This image if it has 3 channels; a 1-channel image as three equal channels (how grey goes through RGB nets). */
	public FloatImage asRgb() {
		if (channels == 3) return this;
		if (channels != 1) throw new IllegalArgumentException("expected a grey or RGB image, got " + channels + " channels");
		final int n = height * width;
		final FloatImage out = new FloatImage(3, height, width);
		for (int c = 0; c < 3; c++) System.arraycopy(data, 0, out.data, c * n, n);
		return out;
	}

	/**
	 * This image as a network with {@code channels} input channels takes it (BasicSR's {@code num_in_ch}): 3 for an
	 * RGB network ({@link #asRgb()}: grey as three equal channels), 1 for a grey network, which takes a grey image as
	 * it is, and an RGB image only when its three channels are equal (a grey image stored as RGB, or a grey image a
	 * caller made RGB). Any other RGB image is refused in one line: a grey network does not guess how colours become
	 * grey.
	 */
	public FloatImage withChannels(final int channels) {
		if (channels == 3) return asRgb();
		if (channels != 1) throw new IllegalArgumentException("expected 1 (grey) or 3 (RGB) channels, got " + channels);
		if (this.channels == 1) return this;
		if (this.channels != 3) {
			throw new IllegalArgumentException("expected a grey or RGB image, got " + this.channels + " channels");
		}
		final int n = height * width;
		for (int i = 0; i < n; i++) {
			if (data[i] != data[n + i] || data[i] != data[2 * n + i]) {
				throw new IllegalArgumentException("a grey network (num_in_ch = 1) takes grey images, got a colour " +
					"image: convert it to grey first (Image > Type > 8-bit) or use an RGB model");
			}
		}
		return channel(0);
	}

	/** One channel as a single-channel image. */
	public FloatImage channel(final int c) {
		final int n = height * width;
		return new FloatImage(1, height, width, Arrays.copyOfRange(data, c * n, (c + 1) * n));
	}


	@Override
	public String toString() {
		return "FloatImage[" + channels + "x" + height + "x" + width + "]";
	}
}
