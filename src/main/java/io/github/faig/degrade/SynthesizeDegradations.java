package io.github.faig.degrade;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.github.faig.image.FloatImage;
import io.github.faig.image.Imgs;
import io.github.faig.workflow.Monitor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The workflow behind {@code FAIG Synthesize Degradations}: the chosen low-resolution variants (clean LR, blurry,
 * noisy, blur+noise; docs/method.md §1) of each ground-truth image of a set, with the exact parameters of every
 * output.
 * <p>
 * Image {@code i} of the set (0-based) is degraded by {@link #variants(int, FloatImage)} alone: its noise is seeded
 * with {@link #noiseSeed(long, int, Degradation)} of slice {@code i + 1}, so any image, and every output from its
 * parameter row, can be remade on its own (on another machine too) and a set split into parts gives the same images
 * as the whole set.
 * </p>
 */
public final class SynthesizeDegradations {

	/**
	 * What to make.
	 *
	 * @param degradation blur, kernel, noise and the seed of the noise
	 * @param scale the downscaling factor
	 * @param variants which variants to make (made in {@link Degradation} order); not empty
	 * @param quantize round to 8-bit levels as the reference saves its data (else keep float values)
	 * @param clipNoise clip the noisy variants to [0, 1], as a sensor with a fixed range saturates (data whose
	 *        normalisation is its bit depth's range; 8-bit quantisation clips anyway). Clean and blurry variants
	 *        keep their values: a blur stays inside the input's range
	 */
	public record Options(DegradationOptions degradation, int scale, Set<Degradation> variants, boolean quantize,
		boolean clipNoise) implements Serializable
	{

		public Options {
			if (degradation == null) throw new IllegalArgumentException("no degradation options");
			DegradationParams.checkScale(scale);
			if (variants == null || variants.isEmpty()) {
				throw new IllegalArgumentException("no variant chosen: select at least one of with_clean, with_blur, " +
					"with_noise, with_blur_noise");
			}
			variants = EnumSet.copyOf(variants);
		}

		/** Noisy variants not clipped (percentile-normalised data, whose range is not a sensor's). */
		public Options(final DegradationOptions degradation, final int scale, final Set<Degradation> variants,
			final boolean quantize)
		{
			this(degradation, scale, variants, quantize, false);
		}

		/** The reference's degradations at ×2, all four variants, quantised. */
		public static Options defaults() {
			return new Options(DegradationOptions.defaults(), DegradationParams.DEFAULT_SCALE, EnumSet.allOf(
				Degradation.class), true);
		}

		/** The degradation parameters at this scale. */
		public DegradationParams params() {
			return degradation.params(scale);
		}

		@Override
		public Set<Degradation> variants() {
			return EnumSet.copyOf(variants);
		}
	}

	/** One degraded output and how it was made ({@code sourceSlice} is 1-based, as in ImageJ). */
	public record Variant(FloatImage image, int sourceSlice, Degradation degradation, double blurSigma,
		int kernelSize, int scale, double noiseSigma, long noiseSeed) implements Serializable {}

	/** The variants of every image of a set: {@code variants().get(i)} are those of image {@code i}. */
	public record Result(List<List<Variant>> variants) implements Serializable {}

	private final Options options;
	private final Degrader degrader;

	public SynthesizeDegradations(final Options options) {
		this.options = options;
		this.degrader = new Degrader(options.params(), options.quantize());
	}

	public Options options() {
		return options;
	}

	/** The noise seed of one output: a mix of the user's seed, the slice (1-based) and the variant. */
	public static long noiseSeed(final long seed, final int slice, final Degradation d) {
		long z = seed + 0x9E3779B97F4A7C15L * (4L * slice + d.ordinal() + 1);
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	/** The variants of image {@code index} (0-based) of a set, in {@link Degradation} order. */
	public List<Variant> variants(final int index, final FloatImage hr) {
		final DegradationParams p = degrader.params();
		if (hr.width() < p.scale() || hr.height() < p.scale()) {
			throw new IllegalArgumentException("image of " + hr.width() + "x" + hr.height() +
				" pixels is smaller than scale=" + p.scale());
		}
		final int slice = index + 1;
		final List<Variant> out = new ArrayList<>();
		for (final Degradation d : options.variants) {
			final long ns = noiseSeed(options.degradation().seed(), slice, d);
			final FloatImage x = degrader.degrade(hr, d, ns);
			if (options.clipNoise() && d.hasNoise()) x.clampToUnit();
			out.add(new Variant(x, slice, d, d.hasBlur() ? p.blurSigma() : 0,
				d.hasBlur() ? p.kernelSize() : 0, p.scale(), d.hasNoise() ? p.noiseSigma() : 0, ns));
		}
		return out;
	}

	/** As {@link #variants(int, FloatImage)} for an ImgLib2 image in {@code X, Y, C} order. */
	public List<Variant> variants(final int index, final RandomAccessibleInterval<FloatType> hr) {
		return variants(index, Imgs.toFloatImage(hr));
	}

	/** The variants of every image of a set, image by image. */
	public Result run(final List<FloatImage> images, final Monitor monitor) {
		final List<List<Variant>> out = new ArrayList<>();
		for (int i = 0; i < images.size(); i++) {
			monitor.checkCancelled();
			monitor.progress("Degrading slice " + (i + 1) + "/" + images.size(), i, images.size());
			out.add(variants(i, images.get(i)));
		}
		return new Result(out);
	}
}
