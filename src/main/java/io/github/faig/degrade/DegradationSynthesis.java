package io.github.faig.degrade;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.github.faig.image.FloatImage;

/**
 * Makes the chosen degraded variants of a sequence of ground-truth slices, recording the exact parameters of each
 * output: the plain-Java core of the {@code FAIG Synthesize Degradations} command.
 * <p>
 * The noise of slice {@code s}, variant {@code v} is seeded with {@link #noiseSeed(long, int, Degradation)}, so
 * every output can be remade alone from its table row.
 * </p>
 */
public final class DegradationSynthesis {

	/** One degraded output and how it was made. */
	public record Variant(FloatImage image, int sourceSlice, Degradation degradation, double blurSigma,
		int kernelSize, int scale, double noiseSigma, long noiseSeed) {}

	private final Degrader degrader;
	private final Set<Degradation> variants;
	private final long seed;

	/**
	 * @param variants which variants to make, in {@link Degradation} order; not empty
	 * @param quantize round to 8-bit levels (the reference) or keep float values
	 */
	public DegradationSynthesis(final DegradationParams params, final Set<Degradation> variants, final long seed,
		final boolean quantize)
	{
		if (variants.isEmpty()) {
			throw new IllegalArgumentException("no variant chosen: select at least one of with_clean, with_blur, " +
				"with_noise, with_blur_noise");
		}
		this.degrader = new Degrader(params, quantize);
		this.variants = EnumSet.copyOf(variants);
		this.seed = seed;
	}

	/** The noise seed of one output: a mix of the user's seed, the slice (1-based) and the variant. */
	public static long noiseSeed(final long seed, final int slice, final Degradation d) {
		long z = seed + 0x9E3779B97F4A7C15L * (4L * slice + d.ordinal() + 1);
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	/** The variants of one slice ({@code slice} is 1-based, as in ImageJ). */
	public List<Variant> degrade(final FloatImage hr, final int slice) {
		final DegradationParams p = degrader.params();
		if (hr.width() < p.scale() || hr.height() < p.scale()) {
			throw new IllegalArgumentException("image of " + hr.width() + "x" + hr.height() +
				" pixels is smaller than scale=" + p.scale());
		}
		final List<Variant> out = new ArrayList<>();
		for (final Degradation d : variants) {
			final long ns = noiseSeed(seed, slice, d);
			out.add(new Variant(degrader.degrade(hr, d, ns), slice, d, d.hasBlur() ? p.blurSigma() : 0,
				d.hasBlur() ? p.kernelSize() : 0, p.scale(), d.hasNoise() ? p.noiseSigma() : 0, ns));
		}
		return out;
	}

	public Set<Degradation> variants() {
		return EnumSet.copyOf(variants);
	}
}
