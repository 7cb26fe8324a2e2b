package io.github.faig.degrade;

/**
 * The degradation inputs every workflow shares: the blur, the kernel, the noise and the seed of the random parts
 * (noise, crop positions). The scale is the model's, so it is not here: {@link #params(int)} adds it. Defaults are the
 * reference's (docs/method.md §1).
 *
 * @param blurSigma standard deviation of the Gaussian blur kernel, in HR pixels
 * @param kernelSize side of the blur kernel, odd
 * @param noiseSigma standard deviation of the additive Gaussian noise on the normalised [0, 1] scale
 * @param seed the seed of the noise and of crop positions
 */
public record DegradationOptions(double blurSigma, int kernelSize, double noiseSigma, long seed)
	implements java.io.Serializable
{

	public DegradationOptions {
		DegradationParams.checkBlur(blurSigma, kernelSize);
		DegradationParams.checkNoise(noiseSigma);
	}

	/** The reference's degradations, seed 0. */
	public static DegradationOptions defaults() {
		return new DegradationOptions(DegradationParams.DEFAULT_BLUR_SIGMA, DegradationParams.DEFAULT_KERNEL_SIZE,
			DegradationParams.DEFAULT_NOISE_SIGMA, 0);
	}

	/** These degradations at a model's scale. */
	public DegradationParams params(final int scale) {
		return new DegradationParams(blurSigma, kernelSize, scale, noiseSigma);
	}
}
