package io.github.faig.ij;

import java.util.ArrayList;
import java.util.List;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;
import ij.process.ShortProcessor;
import io.github.faig.image.ByteLevels;
import io.github.faig.image.ChannelScales;
import io.github.faig.image.FloatImage;
import io.github.faig.image.IntensityScale;
import io.github.faig.image.IntensityScale.Channels;
import io.github.faig.image.IntensityScale.Normalization;

/**
 * Converts between ImageJ 1 images and the core {@link FloatImage} on the [0, 1] scale, slice by slice.
 * <table>
 * <caption>How pixel values map</caption>
 * <tr><th>ImageJ type</th><th>to [0, 1]</th><th>back</th></tr>
 * <tr><td>RGB</td><td>3 channels R, G, B, each v / 255</td><td>clamp, ×255, round half to even</td></tr>
 * <tr><td>8-bit</td><td>1 channel, v / 255 (the LUT is ignored)</td><td>as RGB</td></tr>
 * <tr><td>16-bit</td><td>1 channel, v / 65535 (the full range, not the display range)</td>
 * <td>clamp, ×65535, round half to even</td></tr>
 * <tr><td>32-bit</td><td>1 channel, v unchanged when the image lies in [0, 1], else its min–max</td>
 * <td>the inverse map, unrounded</td></tr>
 * </table>
 * That is the {@code type-range} normalisation; {@code min-max} and {@code percentile} map the image's own range
 * instead ({@link IntensityScale}). Every stack slice (all channels, planes and frames of a hyperstack, in stack
 * order) becomes one image.
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

	/** Every stack slice of {@code imp} on the [0, 1] scale of its type range ({@code type-range}). */
	public static List<FloatImage> toFloatImages(final ImagePlus imp) {
		checkSupported(imp);
		return toFloatImages(imp, scaleOf(imp, Normalization.TYPE_RANGE, 0, 100));
	}

	/** Every stack slice of {@code imp} mapped to the [0, 1] scale by {@code scale}. */
	public static List<FloatImage> toFloatImages(final ImagePlus imp, final IntensityScale scale) {
		checkSupported(imp);
		final ImageStack stack = imp.getStack();
		final List<FloatImage> out = new ArrayList<>(stack.getSize());
		for (int s = 1; s <= stack.getSize(); s++) {
			checkFinite(stack.getProcessor(s), imp, s);
			out.add(toFloatImage(stack.getProcessor(s), scale));
		}
		return out;
	}

	/** Every stack slice of {@code imp} mapped to the [0, 1] scale by its channel's scale ({@link #scalesOf}). */
	public static List<FloatImage> toFloatImages(final ImagePlus imp, final ChannelScales scales) {
		checkSupported(imp);
		final ImageStack stack = imp.getStack();
		final List<FloatImage> out = new ArrayList<>(stack.getSize());
		for (int s = 1; s <= stack.getSize(); s++) {
			checkFinite(stack.getProcessor(s), imp, s);
			out.add(toFloatImage(stack.getProcessor(s), sliceScales(imp, scales, s)));
		}
		return out;
	}

	/**
	 * The scale of {@code imp}'s values under a normalisation named by the {@code normalization} input
	 * ({@code auto}, {@code type-range}, {@code min-max}, {@code percentile}); min–max and percentiles are taken over
	 * every channel and plane, so the planes of a stack keep their relative brightness.
	 */
	public static IntensityScale scaleOf(final ImagePlus imp, final String normalization, final double lowPercentile,
		final double highPercentile)
	{
		return scaleOf(imp, Normalization.of(normalization, "normalization"), lowPercentile, highPercentile);
	}

	/** As {@link #scaleOf(ImagePlus, String, double, double)}. */
	public static IntensityScale scaleOf(final ImagePlus imp, final Normalization mode, final double lowPercentile,
		final double highPercentile)
	{
		return scalesOf(imp, mode, Channels.TOGETHER, lowPercentile, highPercentile).of(0);
	}

	/**
	 * The scales of {@code imp}'s channels under the {@code normalization} and {@code normalize_channels} inputs:
	 * one per channel when they are normalised separately (the colour channels of an RGB image, or the channels of
	 * a hyperstack), each taken over all of that channel's z slices and frames, as Fiji keeps one display range
	 * per channel; otherwise one over every channel and plane.
	 */
	public static ChannelScales scalesOf(final ImagePlus imp, final String normalization, final String channels,
		final double lowPercentile, final double highPercentile)
	{
		return scalesOf(imp, Normalization.of(normalization, "normalization"), Channels.of(channels,
			"normalize_channels"), lowPercentile, highPercentile);
	}

	/** As {@link #scalesOf(ImagePlus, String, String, double, double)}. */
	public static ChannelScales scalesOf(final ImagePlus imp, final Normalization mode, final Channels channels,
		final double lowPercentile, final double highPercentile)
	{
		checkSupported(imp);
		final boolean rgb = imp.getBitDepth() == 24;
		final int nc = rgb ? 3 : imp.getNChannels();
		final boolean separate = separate(imp, channels);
		final double typeMax = typeMax(imp.getBitDepth());
		final boolean typeRange = mode == Normalization.TYPE_RANGE || mode == Normalization.AUTO && typeMax == 255;
		if (typeRange && !Double.isNaN(typeMax)) return ChannelScales.shared(new IntensityScale(0, typeMax));
		final ImageStack stack = imp.getStack();
		final int nScales = separate ? nc : 1;
		final List<IntensityScale> out = new ArrayList<>(nScales);
		if (imp.getBitDepth() != 32) {
			// integer data: a histogram per scale, exact and without a copy of the values
			final long[][] counts = new long[nScales][imp.getBitDepth() == 16 ? 65536 : 256];
			for (int s = 1; s <= stack.getSize(); s++) {
				final int c = rgb || !separate ? 0 : imp.convertIndexToPosition(s)[0] - 1;
				count(stack.getProcessor(s), counts, separate && rgb, c);
			}
			for (final long[] h : counts) out.add(IntensityScale.ofCounts(h, typeMax, mode, lowPercentile,
				highPercentile, separate));
			return new ChannelScales(out);
		}
		// NaN or infinity would make the range itself meaningless: name where it is first
		for (int s = 1; s <= stack.getSize(); s++) checkFinite(stack.getProcessor(s), imp, s);
		final int n = imp.getWidth() * imp.getHeight();
		// each channel over every plane of it: a hyperstack channel's z slices and frames
		final float[][] values = new float[nScales][n * (stack.getSize() / nScales)];
		final int[] filled = new int[nScales];
		for (int s = 1; s <= stack.getSize(); s++) {
			final int c = separate ? imp.convertIndexToPosition(s)[0] - 1 : 0;
			System.arraycopy((float[]) stack.getProcessor(s).getPixels(), 0, values[c], filled[c], n);
			filled[c] += n;
		}
		for (int c = 0; c < nScales; c++) out.add(IntensityScale.of(values[c], typeMax, mode, lowPercentile,
			highPercentile, separate));
		return new ChannelScales(out);
	}

	/**
	 * Whether {@code imp}'s values map by a fixed range under these inputs ({@link IntensityScale#isFixedRange}):
	 * its type's, or its bit depth's.
	 */
	public static boolean fixedRange(final ImagePlus imp, final String normalization, final String channels) {
		return IntensityScale.isFixedRange(Normalization.of(normalization, "normalization"), typeMax(imp
			.getBitDepth()), separate(imp, Channels.of(channels, "normalize_channels")));
	}

	/** Whether {@code imp}'s channels (an RGB image's colours) get a scale each under {@code channels}. */
	private static boolean separate(final ImagePlus imp, final Channels channels) {
		final boolean rgb = imp.getBitDepth() == 24;
		return channels.separate(rgb ? 3 : imp.getNChannels(), rgb);
	}

	/** Adds an 8-bit, 16-bit or RGB processor's values to {@code counts[c]} (RGB's colours to 0, 1, 2 if {@code colours}). */
	private static void count(final ImageProcessor ip, final long[][] counts, final boolean colours, final int c) {
		if (ip instanceof ColorProcessor) {
			for (final int p : (int[]) ip.getPixels()) {
				counts[colours ? 0 : c][(p >> 16) & 0xff]++;
				counts[colours ? 1 : c][(p >> 8) & 0xff]++;
				counts[colours ? 2 : c][p & 0xff]++;
			}
		}
		else if (ip instanceof ShortProcessor) {
			for (final short v : (short[]) ip.getPixels()) counts[c][v & 0xffff]++;
		}
		else {
			for (final byte v : (byte[]) ip.getPixels()) counts[c][v & 0xff]++;
		}
	}

	/**
	 * The scales of the image made of stack slice {@code slice} (1-based): all of {@code scales} for an RGB image
	 * (its colours are the image's channels), else the scale of the slice's hyperstack channel.
	 */
	public static ChannelScales sliceScales(final ImagePlus imp, final ChannelScales scales, final int slice) {
		if (scales.isShared() || imp.getBitDepth() == 24) return scales;
		return ChannelScales.shared(scales.of(imp.convertIndexToPosition(slice)[0] - 1));
	}

	/** The scales of every stack slice of {@code imp}, in stack order (for {@link #toImagePlus}). */
	public static List<ChannelScales> sliceScales(final ImagePlus imp, final ChannelScales scales) {
		final List<ChannelScales> out = new ArrayList<>(imp.getStackSize());
		for (int s = 1; s <= imp.getStackSize(); s++) out.add(sliceScales(imp, scales, s));
		return out;
	}

	/** 255 for 8-bit and RGB, 65535 for 16-bit, NaN for 32-bit (float has no type range). */
	static double typeMax(final int bitDepth) {
		return bitDepth == 16 ? 65535 : bitDepth == 32 ? Double.NaN : 255;
	}

	/** The output type that keeps an image's own type: RGB and 8-bit as bytes, 16-bit, 32-bit. */
	public static OutputType typeOf(final ImagePlus imp) {
		checkSupported(imp);
		final int bd = imp.getBitDepth();
		return bd == 16 ? OutputType.SHORT : bd == 32 ? OutputType.FLOAT : OutputType.BYTE;
	}

	/** A processor's own values (RGB as R, G, B planes), before any scaling. */
	private static float[] rawValues(final ImageProcessor ip) {
		final int n = ip.getWidth() * ip.getHeight();
		if (ip instanceof ColorProcessor) {
			final int[] rgb = (int[]) ip.getPixels();
			final float[] d = new float[3 * n];
			for (int i = 0; i < n; i++) {
				d[i] = (rgb[i] >> 16) & 0xff;
				d[n + i] = (rgb[i] >> 8) & 0xff;
				d[2 * n + i] = rgb[i] & 0xff;
			}
			return d;
		}
		final float[] d = new float[n];
		if (ip instanceof ByteProcessor) {
			final byte[] px = (byte[]) ip.getPixels();
			for (int i = 0; i < n; i++) d[i] = px[i] & 0xff;
		}
		else if (ip instanceof ShortProcessor) {
			final short[] px = (short[]) ip.getPixels();
			for (int i = 0; i < n; i++) d[i] = px[i] & 0xffff;
		}
		else {
			System.arraycopy(ip.getPixels(), 0, d, 0, n);
		}
		return d;
	}

	/** One processor mapped to the [0, 1] scale by {@code scale}. */
	public static FloatImage toFloatImage(final ImageProcessor ip, final IntensityScale scale) {
		return toFloatImage(ip, ChannelScales.shared(scale));
	}

	/** One processor mapped to the [0, 1] scale, channel {@code c} (R, G, B of an RGB one) by {@code scales.of(c)}. */
	public static FloatImage toFloatImage(final ImageProcessor ip, final ChannelScales scales) {
		final double typeMax = ip instanceof ShortProcessor ? 65535 : ip instanceof FloatProcessor ? Double.NaN : 255;
		// the type range keeps the exact float arithmetic of before (v / 255f), so 8-bit results stay bit-identical
		if (Double.isNaN(typeMax) ? scales.isTypeRange(1) : scales.isTypeRange(typeMax)) return toFloatImage(ip);
		final float[] raw = rawValues(ip);
		final int channels = ip instanceof ColorProcessor ? 3 : 1;
		final FloatImage img = new FloatImage(channels, ip.getHeight(), ip.getWidth());
		final float[] d = img.data();
		final int n = ip.getWidth() * ip.getHeight();
		for (int c = 0; c < channels; c++) {
			final IntensityScale scale = scales.of(c);
			for (int i = c * n; i < (c + 1) * n; i++) d[i] = scale.forward(raw[i]);
		}
		return img;
	}

	/** Refuses NaN or infinite pixels (only 32-bit images can hold them), naming the image and slice. */
	/**
	 * Refuses NaN or infinite pixels, naming the image, slice and pixel. Only 32-bit processors can hold them; their
	 * own pixel array is read, nothing is converted.
	 */
	private static void checkFinite(final ImageProcessor ip, final ImagePlus imp, final int slice) {
		if (!(ip instanceof FloatProcessor)) return;
		final float[] d = (float[]) ip.getPixels();
		for (int i = 0; i < d.length; i++) {
			if (!Float.isFinite(d[i])) {
				final String src = imp.getOriginalFileInfo() != null && imp.getOriginalFileInfo().fileName != null ? imp
					.getOriginalFileInfo().fileName : imp.getTitle();
				throw new IllegalArgumentException("image '" + src + "' slice " + slice + " holds " + d[i] + " at pixel (" +
					i % ip.getWidth() + ", " + i / ip.getWidth() + "): expected finite pixel values");
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
		return toImagePlus(title, images, labels, type, calibration, (List<ChannelScales>) null);
	}

	/**
	 * As {@link #toImagePlus(String, List, List, OutputType, Calibration)}, mapping the [0, 1]-scale values back to
	 * an image's own range by {@code scale} first ({@code null}: the output type's range, 32-bit unchanged); integer
	 * types then round half to even and clamp to their range.
	 */
	public static ImagePlus toImagePlus(final String title, final List<FloatImage> images,
		final List<String> labels, final OutputType type, final Calibration calibration, final IntensityScale scale)
	{
		return toImagePlus(title, images, labels, type, calibration, scale == null ? null : java.util.Collections.nCopies(
			images.size(), ChannelScales.shared(scale)));
	}

	/**
	 * As {@link #toImagePlus(String, List, List, OutputType, Calibration, IntensityScale)}, image {@code i} mapped
	 * back by {@code scales.get(i)} (its channel's scale, or one per colour; {@code null}: the output type's range).
	 */
	public static ImagePlus toImagePlus(final String title, final List<FloatImage> images,
		final List<String> labels, final OutputType type, final Calibration calibration,
		final List<ChannelScales> scales)
	{
		if (images.isEmpty()) throw new IllegalArgumentException("no images to show");
		if (scales != null && scales.size() != images.size()) {
			throw new IllegalArgumentException(scales.size() + " scales for " + images.size() + " images");
		}
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
			final ChannelScales scale = scales == null ? null : scales.get(i);
			if (c == 3 && type == OutputType.FLOAT) {
				for (int ch = 0; ch < 3; ch++) {
					stack.addSlice(label == null ? "RGB".substring(ch, ch + 1) : label + " " + "RGB".charAt(ch),
						toProcessor(img, ch, type, scale == null ? null : scale.of(ch)));
				}
			}
			else if (c == 3) {
				stack.addSlice(label, toColorProcessor(img, scale));
			}
			else {
				stack.addSlice(label, toProcessor(img, 0, type, scale == null ? null : scale.of(0)));
			}
		}
		ImagePlus imp = new ImagePlus(title, stack);
		if (c == 3 && type == OutputType.FLOAT) {
			imp.setDimensions(3, images.size(), 1);
			imp = new CompositeImage(imp, IJ.COMPOSITE);
			imp.setTitle(title);
		}
		if (calibration != null) imp.setCalibration(calibration.copy());
		if (type == OutputType.FLOAT) imp.resetDisplayRange();
		return imp;
	}

	/** A 3-channel image as RGB, with the reference's rounding. */
	public static ColorProcessor toColorProcessor(final FloatImage img) {
		return toColorProcessor(img, (ChannelScales) null);
	}

	/** As {@link #toColorProcessor(FloatImage)}, mapping back by {@code scale} first. */
	public static ColorProcessor toColorProcessor(final FloatImage img, final IntensityScale scale) {
		return toColorProcessor(img, scale == null ? null : ChannelScales.shared(scale));
	}

	/** As {@link #toColorProcessor(FloatImage)}, mapping each colour back by its scale first. */
	public static ColorProcessor toColorProcessor(final FloatImage img, final ChannelScales scales) {
		final int n = img.width() * img.height();
		final float[] d = img.data();
		final int[] px = new int[n];
		final IntensityScale rs = scales == null ? null : scales.of(0);
		final IntensityScale gs = scales == null ? null : scales.of(1);
		final IntensityScale bs = scales == null ? null : scales.of(2);
		for (int i = 0; i < n; i++) {
			final int r = byteLevel(d[i], rs);
			final int g = byteLevel(d[n + i], gs);
			final int b = byteLevel(d[2 * n + i], bs);
			px[i] = 0xff000000 | (r << 16) | (g << 8) | b;
		}
		return new ColorProcessor(img.width(), img.height(), px);
	}

	// the type range goes through the reference's own rounding, so 8-bit results stay bit-identical
	private static int byteLevel(final float v, final IntensityScale scale) {
		if (scale == null || scale.low() == 0 && scale.high() == 255) return ByteLevels.of(v);
		return clampRound(scale.inverse(v), 255);
	}

	private static int clampRound(final double v, final int max) {
		if (Double.isNaN(v)) throw new IllegalArgumentException("cannot quantise NaN");
		final double q = Math.rint(v);
		return q < 0 ? 0 : q > max ? max : (int) q;
	}

	private static ImageProcessor toProcessor(final FloatImage img, final int ch, final OutputType type,
		final IntensityScale scale)
	{
		final int n = img.width() * img.height();
		final float[] d = img.data();
		final int off = img.channelOffset(ch);
		switch (type) {
			case BYTE: {
				final byte[] px = new byte[n];
				for (int i = 0; i < n; i++) px[i] = (byte) byteLevel(d[off + i], scale);
				return new ByteProcessor(img.width(), img.height(), px);
			}
			case SHORT: {
				final short[] px = new short[n];
				final boolean typeRange = scale == null || scale.low() == 0 && scale.high() == 65535;
				for (int i = 0; i < n; i++) {
					px[i] = (short) clampRound(typeRange ? d[off + i] * 65535.0 : scale.inverse(d[off + i]), 65535);
				}
				return new ShortProcessor(img.width(), img.height(), px, null);
			}
			default: {
				final float[] px = new float[n];
				if (scale == null || scale.isUnit()) System.arraycopy(d, off, px, 0, n);
				else for (int i = 0; i < n; i++) px[i] = (float) scale.inverse(d[off + i]);
				return new FloatProcessor(img.width(), img.height(), px);
			}
		}
	}

	// -- Hyperstacks --

	/**
	 * Gives {@code out} the channel, slice and frame dimensions of {@code source} when it has one output plane per
	 * source plane (an image-to-image command), so a hyperstack stays one; grey composites keep their mode and LUTs.
	 */
	public static ImagePlus keepDimensions(final ImagePlus out, final ImagePlus source) {
		if (source == null || out.getStackSize() != source.getStackSize() || source.getStackSize() == 1) return out;
		final int c = source.getNChannels();
		final int z = source.getNSlices();
		final int t = source.getNFrames();
		if (c * z * t != out.getStackSize()) return out;
		out.setDimensions(c, z, t);
		if (source.isHyperStack() || c > 1 && z * t > 1 || z > 1 && t > 1) out.setOpenAsHyperStack(true);
		if (source.isComposite() && c > 1 && out.getBitDepth() != 24) {
			final CompositeImage comp = new CompositeImage(out, ((CompositeImage) source).getMode());
			comp.setLuts(((CompositeImage) source).getLuts());
			comp.setTitle(out.getTitle());
			comp.setCalibration(out.getCalibration());
			comp.setProperty("Info", out.getProperty("Info"));
			// another type's display ranges mean nothing here: its own data's; the same type's carry over
			if (out.getBitDepth() == source.getBitDepth()) carryDisplay(comp, source);
			else comp.resetDisplayRanges();
			return comp;
		}
		return out;
	}

	/**
	 * Gives {@code out} the LUT and display range of {@code source} (each channel's, for composites of as many
	 * channels) when both have the same type, so an output looks as its input did ("Fire" stays "Fire", a 16-bit
	 * image keeps its contrast). RGB has neither; another type's display range would mean other values.
	 */
	public static ImagePlus carryDisplay(final ImagePlus out, final ImagePlus source) {
		if (source == null || out.getBitDepth() != source.getBitDepth() || out.getBitDepth() == 24) return out;
		if (source instanceof CompositeImage cs) {
			if (!(out instanceof CompositeImage co)) return out;
			final LUT[] luts = cs.getLuts();
			final LUT[] carried = new LUT[co.getNChannels()];
			for (int c = 0; c < carried.length; c++) carried[c] = (LUT) luts[c % luts.length].clone();
			return setLuts(co, carried);
		}
		final LUT lut = source.getProcessor().getLut();
		if (out instanceof CompositeImage co) {
			// one channel's look for every channel of the output (a time-lapse's variants as channels)
			final LUT[] carried = new LUT[co.getNChannels()];
			for (int c = 0; c < carried.length; c++) {
				carried[c] = (LUT) lut.clone();
				carried[c].min = source.getDisplayRangeMin();
				carried[c].max = source.getDisplayRangeMax();
			}
			return setLuts(co, carried);
		}
		out.setLut(lut);
		out.setDisplayRange(source.getDisplayRangeMin(), source.getDisplayRangeMax());
		return out;
	}

	/** Each channel's LUT and the display range its {@code min} and {@code max} hold. */
	private static CompositeImage setLuts(final CompositeImage co, final LUT[] luts) {
		co.setLuts(luts);
		for (int c = 0; c < luts.length; c++) {
			co.setPositionWithoutUpdate(c + 1, co.getSlice(), co.getFrame());
			co.setDisplayRange(luts[c].min, luts[c].max);
		}
		co.setPositionWithoutUpdate(1, co.getSlice(), co.getFrame());
		return co;
	}

	// -- Calibration --

	/**
	 * Whether {@code cal} gives pixels a size: ImageJ's own test (a unit other than "pixel", or a pixel size other
	 * than 1), so an uncalibrated image (1 × 1 pixel) stays so.
	 */
	public static boolean isCalibrated(final Calibration cal) {
		return cal.scaled();
	}

	/**
	 * The calibration of an image resampled by {@code factor} (2 for ×2 downscaling, 1/2 for ×2 upscaling): pixel
	 * sizes multiplied by {@code factor}, the origin (in pixels) divided by it; units kept. An uncalibrated one is
	 * returned as it is.
	 */
	public static Calibration resampled(final Calibration cal, final double factor) {
		if (cal == null) return null;
		final Calibration out = cal.copy();
		// an uncalibrated image has no physical pixel size to scale: a pixel stays "1 pixel"
		if (!isCalibrated(cal)) return out;
		out.pixelWidth = cal.pixelWidth * factor;
		out.pixelHeight = cal.pixelHeight * factor;
		out.xOrigin = cal.xOrigin / factor;
		out.yOrigin = cal.yOrigin / factor;
		return out;
	}
}
