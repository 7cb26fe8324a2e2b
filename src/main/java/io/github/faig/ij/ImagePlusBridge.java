package io.github.faig.ij;

import java.util.ArrayList;
import java.util.List;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import io.github.faig.degrade.Quantization;
import io.github.faig.image.FloatImage;

/**
 * Converts between ImageJ 1 images and the core {@link FloatImage} on the [0, 1] scale, slice by slice.
 * <table>
 * <caption>How pixel values map</caption>
 * <tr><th>ImageJ type</th><th>to [0, 1]</th><th>back</th></tr>
 * <tr><td>RGB</td><td>3 channels R, G, B, each v / 255</td><td>clamp, ×255, round half to even</td></tr>
 * <tr><td>8-bit</td><td>1 channel, v / 255 (the LUT is ignored)</td><td>as RGB</td></tr>
 * <tr><td>16-bit</td><td>1 channel, v / 65535 (the full range, not the display range)</td>
 * <td>clamp, ×65535, round half to even</td></tr>
 * <tr><td>32-bit</td><td>1 channel, v unchanged (expected in [0, 1])</td><td>unchanged</td></tr>
 * </table>
 * Every stack slice (all channels, planes and frames of a hyperstack, in stack order) becomes one image.
 */
public final class ImagePlusBridge {

	/** The pixel type of an image made by {@link #toImagePlus}. */
	public enum OutputType {
		/** 8-bit grey, or RGB for 3-channel images (the reference's rounding). */
		BYTE,
		/** 16-bit grey (grey images only). */
		SHORT,
		/** 32-bit float; 3-channel images become a composite with 3 channels. */
		FLOAT
	}

	private ImagePlusBridge() {}

	// -- ImagePlus to FloatImage --

	/** Every stack slice of {@code imp} as a [0, 1] image. */
	public static List<FloatImage> toFloatImages(final ImagePlus imp) {
		checkSupported(imp);
		final ImageStack stack = imp.getStack();
		final List<FloatImage> out = new ArrayList<>(stack.getSize());
		for (int s = 1; s <= stack.getSize(); s++) {
			final FloatImage f = toFloatImage(stack.getProcessor(s));
			if (imp.getBitDepth() == 32) checkFinite(f, imp, s);
			out.add(f);
		}
		return out;
	}

	/** Refuses NaN or infinite pixels (only 32-bit images can hold them), naming the image and slice. */
	private static void checkFinite(final FloatImage f, final ImagePlus imp, final int slice) {
		final float[] d = f.data();
		for (int i = 0; i < d.length; i++) {
			if (!Float.isFinite(d[i])) {
				final String src = imp.getOriginalFileInfo() != null && imp.getOriginalFileInfo().fileName != null ? imp
					.getOriginalFileInfo().fileName : imp.getTitle();
				throw new IllegalArgumentException("image '" + src + "' slice " + slice + " holds " + d[i] + " at pixel (" +
					i % f.width() + ", " + i / f.width() % f.height() + "): expected finite pixel values");
			}
		}
	}

	/** Throws a clear message for bit depths this bridge does not handle. */
	public static void checkSupported(final ImagePlus imp) {
		if (imp == null) throw new IllegalArgumentException("no image was given");
		final int bd = imp.getBitDepth();
		if (bd != 8 && bd != 16 && bd != 24 && bd != 32) {
			throw new IllegalArgumentException("image '" + imp.getTitle() + "' has bit depth " + bd +
				"; expected 8-bit, 16-bit, 32-bit grey or RGB");
		}
	}

	/** One processor as a [0, 1] image. */
	public static FloatImage toFloatImage(final ImageProcessor ip) {
		final int w = ip.getWidth();
		final int h = ip.getHeight();
		final int n = w * h;
		if (ip instanceof ColorProcessor) {
			final int[] rgb = (int[]) ip.getPixels();
			final FloatImage img = new FloatImage(3, h, w);
			final float[] d = img.data();
			for (int i = 0; i < n; i++) {
				final int p = rgb[i];
				d[i] = ((p >> 16) & 0xff) / 255f;
				d[n + i] = ((p >> 8) & 0xff) / 255f;
				d[2 * n + i] = (p & 0xff) / 255f;
			}
			return img;
		}
		final FloatImage img = new FloatImage(1, h, w);
		final float[] d = img.data();
		if (ip instanceof ByteProcessor) {
			final byte[] px = (byte[]) ip.getPixels();
			for (int i = 0; i < n; i++) d[i] = (px[i] & 0xff) / 255f;
		}
		else if (ip instanceof ShortProcessor) {
			final short[] px = (short[]) ip.getPixels();
			for (int i = 0; i < n; i++) d[i] = (px[i] & 0xffff) / 65535f;
		}
		else if (ip instanceof FloatProcessor) {
			System.arraycopy(ip.getPixels(), 0, d, 0, n);
		}
		else {
			throw new IllegalArgumentException("unsupported image type " + ip.getClass().getSimpleName());
		}
		return img;
	}

	// -- FloatImage to ImagePlus --

	/**
	 * A stack of the given images (all of one size and channel count), labelled slice by slice.
	 *
	 * @param labels slice labels, or {@code null}
	 * @param type pixel type of the result; {@link OutputType#SHORT} is for 1-channel images only
	 * @param calibration spatial calibration to set (copied), or {@code null}
	 */
	public static ImagePlus toImagePlus(final String title, final List<FloatImage> images,
		final List<String> labels, final OutputType type, final Calibration calibration)
	{
		if (images.isEmpty()) throw new IllegalArgumentException("no images to show");
		final FloatImage first = images.get(0);
		final int c = first.channels();
		if (c != 1 && c != 3) {
			throw new IllegalArgumentException("only 1- or 3-channel images can be shown, got " + c);
		}
		if (c == 3 && type == OutputType.SHORT) {
			throw new IllegalArgumentException("16-bit output is for grey images only");
		}
		final ImageStack stack = new ImageStack(first.width(), first.height());
		for (int i = 0; i < images.size(); i++) {
			final FloatImage img = images.get(i);
			if (img.channels() != c || img.width() != first.width() || img.height() != first.height()) {
				throw new IllegalArgumentException("slice " + (i + 1) + " is " + img + ", slice 1 is " + first);
			}
			final String label = labels == null ? null : labels.get(i);
			if (c == 3 && type == OutputType.FLOAT) {
				for (int ch = 0; ch < 3; ch++) {
					stack.addSlice(label == null ? "RGB".substring(ch, ch + 1) : label + " " + "RGB".charAt(ch),
						toProcessor(img, ch, type));
				}
			}
			else if (c == 3) {
				stack.addSlice(label, toColorProcessor(img));
			}
			else {
				stack.addSlice(label, toProcessor(img, 0, type));
			}
		}
		ImagePlus imp = new ImagePlus(title, stack);
		if (c == 3 && type == OutputType.FLOAT) {
			imp.setDimensions(3, images.size(), 1);
			imp = new CompositeImage(imp, ij.IJ.COMPOSITE);
			imp.setTitle(title);
		}
		if (calibration != null) imp.setCalibration(calibration.copy());
		if (type == OutputType.FLOAT) imp.resetDisplayRange();
		return imp;
	}

	/** A 3-channel image as RGB, with the reference's rounding. */
	public static ColorProcessor toColorProcessor(final FloatImage img) {
		final int n = img.width() * img.height();
		final float[] d = img.data();
		final int[] px = new int[n];
		for (int i = 0; i < n; i++) {
			final int r = Quantization.toByteLevel(d[i]);
			final int g = Quantization.toByteLevel(d[n + i]);
			final int b = Quantization.toByteLevel(d[2 * n + i]);
			px[i] = 0xff000000 | (r << 16) | (g << 8) | b;
		}
		return new ColorProcessor(img.width(), img.height(), px);
	}

	private static ImageProcessor toProcessor(final FloatImage img, final int ch, final OutputType type) {
		final int n = img.width() * img.height();
		final float[] d = img.data();
		final int off = img.channelOffset(ch);
		switch (type) {
			case BYTE: {
				final byte[] px = new byte[n];
				for (int i = 0; i < n; i++) px[i] = (byte) Quantization.toByteLevel(d[off + i]);
				return new ByteProcessor(img.width(), img.height(), px);
			}
			case SHORT: {
				final short[] px = new short[n];
				for (int i = 0; i < n; i++) {
					final double v = Math.rint(d[off + i] * 65535.0);
					px[i] = (short) (v < 0 ? 0 : v > 65535 ? 65535 : (int) v);
				}
				return new ShortProcessor(img.width(), img.height(), px, null);
			}
			default: {
				final float[] px = new float[n];
				System.arraycopy(d, off, px, 0, n);
				return new FloatProcessor(img.width(), img.height(), px);
			}
		}
	}

	// -- Calibration --

	/**
	 * The calibration of an image resampled by {@code factor} (2 for ×2 downscaling, 1/2 for ×2 upscaling): pixel
	 * sizes multiplied by {@code factor}, the origin (in pixels) divided by it; units kept.
	 */
	public static Calibration resampled(final Calibration cal, final double factor) {
		if (cal == null) return null;
		final Calibration out = cal.copy();
		out.pixelWidth = cal.pixelWidth * factor;
		out.pixelHeight = cal.pixelHeight * factor;
		out.xOrigin = cal.xOrigin / factor;
		out.yOrigin = cal.yOrigin / factor;
		return out;
	}
}
