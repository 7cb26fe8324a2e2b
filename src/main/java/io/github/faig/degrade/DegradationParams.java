package io.github.faig.degrade;

import io.github.faig.workflow.Quoted;

/**
 * The parameters of the paper's degradation model {@code x = (x_gt * k)↓r + n} (docs/method.md §1), validated on
 * construction. Defaults are the reference's: σ_blur = 2, a 21×21 kernel, ×2 downscaling, σ_noise = 0.1 on the
 * [0, 1] scale.
 *
 * @param blurSigma standard deviation of the Gaussian blur kernel, in HR pixels, {@code > 0}
 * @param kernelSize side of the blur kernel, odd, {@code >= 3}
 * @param scale integer downscaling factor, {@code >= 1}
 * @param noiseSigma standard deviation of the additive Gaussian noise on the [0, 1] scale, {@code >= 0}
 */
public record DegradationParams(double blurSigma, int kernelSize, int scale, double noiseSigma) implements
	java.io.Serializable {

	public static final double DEFAULT_BLUR_SIGMA = 2.0;
	public static final int DEFAULT_KERNEL_SIZE = 21;
	public static final int DEFAULT_SCALE = 2;
	public static final double DEFAULT_NOISE_SIGMA = 0.1;

	/** The largest kernel accepted: a σ of about 65 HR pixels; larger ones only exhaust memory. */
	public static final int MAX_KERNEL_SIZE = 401;
	/** The largest downscaling factor accepted. */
	public static final int MAX_SCALE = 16;

	/** Declared bounds of the command inputs (the same numbers, as the annotation strings SciJava reads). */
	public static final String KERNEL_MIN = "3", KERNEL_MAX = "" + MAX_KERNEL_SIZE, SCALE_MAX = "" + MAX_SCALE,
		BLUR_MIN = "0.01", NOISE_MIN = "0";

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
		if (!(sigma >= 0.01) || Double.isInfinite(sigma)) {
			throw new IllegalArgumentException("blur_sigma must be a finite number >= 0.01, got " + Quoted.number(sigma));
		}
		if (size < 3 || size % 2 == 0 || size > MAX_KERNEL_SIZE) {
			throw new IllegalArgumentException("kernel_size must be odd, from 3 to " + MAX_KERNEL_SIZE + ", got " + size);
		}
	}

	static void checkScale(final int scale) {
		if (scale < 1 || scale > MAX_SCALE) {
			throw new IllegalArgumentException("scale must be an integer from 1 to " + MAX_SCALE + ", got " + scale);
		}
	}

	static void checkNoise(final double sigma) {
		if (!(sigma >= 0) || Double.isInfinite(sigma)) {
			throw new IllegalArgumentException("noise_sigma must be a finite number >= 0, got " + Quoted.number(sigma));
		}
	}
}
