package io.github.faig.degrade;

import java.util.Random;

import io.github.faig.image.FloatImage;

/**
 * Synthesises the paper's low-resolution inputs from a ground-truth (HR) image (docs/method.md §1):
 * <ul>
 * <li>clean LR: downscale → quantise</li>
 * <li>blurry: blur → downscale → quantise</li>
 * <li>noisy: downscale → noise → quantise</li>
 * <li>blur+noise: blur → downscale → noise → quantise</li>
 * </ul>
 * The HR image is cropped to a multiple of the scale first. Quantisation to 8 bits can be switched off for
 * training, where patches stay in float.
 */
public final class Degrader {

	private final DegradationParams params;
	private final GaussianBlur blur;
	private final boolean quantize;

	/** A degrader that quantises to 8 bits, as the reference saves its data sets. */
	public Degrader(final DegradationParams params) {
		this(params, true);
	}

	public Degrader(final DegradationParams params, final boolean quantize) {
		this.params = params;
		this.blur = new GaussianBlur(params.blurSigma(), params.kernelSize());
		this.quantize = quantize;
	}

	public DegradationParams params() {
		return params;
	}

	/** The LR input of kind {@code d}; {@code noiseSeed} seeds the noise (unused without noise). */
	public FloatImage degrade(final FloatImage hr, final Degradation d, final long noiseSeed) {
		return degrade(hr, d, new Random(noiseSeed));
	}

	/** As {@link #degrade(FloatImage, Degradation, long)}, drawing noise from {@code random}. */
	public FloatImage degrade(final FloatImage hr, final Degradation d, final Random random) {
		FloatImage x = Downscale.cropToMultiple(hr, params.scale());
		if (d.hasBlur()) x = blur.apply(x);
		x = params.scale() == 1 ? x.copy() : Downscale.blockMean(x, params.scale());
		if (d.hasNoise()) x = GaussianNoise.add(x, params.noiseSigma(), random);
		return quantize ? Quantization.to8Bit(x) : x;
	}

	/** The ground truth matching {@link #degrade}: the HR image cropped to a multiple of the scale. */
	public FloatImage groundTruth(final FloatImage hr) {
		return Downscale.cropToMultiple(hr, params.scale());
	}
}
