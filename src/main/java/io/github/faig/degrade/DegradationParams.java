package io.github.faig.degrade;

/**
 * The parameters of the paper's degradation model {@code x = (x_gt * k)↓r + n} (spec §1), validated on
 * construction. Defaults are the reference's: σ_blur = 2, a 21×21 kernel, ×2 downscaling, σ_noise = 0.1 on the
 * [0, 1] scale.
 *
 * @param blurSigma standard deviation of the Gaussian blur kernel, in HR pixels, {@code > 0}
 * @param kernelSize side of the blur kernel, odd, {@code >= 3}
 * @param scale integer downscaling factor, {@code >= 1}
 * @param noiseSigma standard deviation of the additive Gaussian noise on the [0, 1] scale, {@code >= 0}
 */
public record DegradationParams(double blurSigma, int kernelSize, int scale, double noiseSigma) {

	public static final double DEFAULT_BLUR_SIGMA = 2.0;
	public static final int DEFAULT_KERNEL_SIZE = 21;
	public static final int DEFAULT_SCALE = 2;
	public static final double DEFAULT_NOISE_SIGMA = 0.1;

	public DegradationParams {
		checkBlur(blurSigma, kernelSize);
		checkScale(scale);
		checkNoise(noiseSigma);
	}

	/** The reference's parameters. */
	public static DegradationParams defaults() {
		return new DegradationParams(DEFAULT_BLUR_SIGMA, DEFAULT_KERNEL_SIZE, DEFAULT_SCALE, DEFAULT_NOISE_SIGMA);
	}

	static void checkBlur(final double sigma, final int size) {
		if (!(sigma > 0) || Double.isInfinite(sigma)) {
			throw new IllegalArgumentException("blur_sigma must be a finite number > 0, got " + sigma);
		}
		if (size < 3 || size % 2 == 0) {
			throw new IllegalArgumentException("kernel_size must be odd and at least 3, got " + size);
		}
	}

	static void checkScale(final int scale) {
		if (scale < 1) {
			throw new IllegalArgumentException("scale must be an integer >= 1, got " + scale);
		}
	}

	static void checkNoise(final double sigma) {
		if (!(sigma >= 0) || Double.isInfinite(sigma)) {
			throw new IllegalArgumentException("noise_sigma must be a finite number >= 0, got " + sigma);
		}
	}
}
