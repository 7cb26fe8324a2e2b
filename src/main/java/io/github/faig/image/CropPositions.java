package io.github.faig.image;

import java.util.Random;

/**
 * Seeded random crop positions: where the crops of one image lie, the same on every machine for the same seed.
 * <p>
 * Each use draws from its own stream, so that, with one user seed, the crops that discover filters, those that
 * calibrate the prediction and those that sample representations are different crops of the same image. The stream
 * constants are those the shipped filter sets, thresholds and RESULTS.md figures were made with: changing one changes
 * those numbers.
 * </p>
 */
public final class CropPositions {

	/** Filter discovery (Compute Filters, the masking experiment). */
	public static final long DISCOVERY = 31;
	/** Labelled inputs of calibration and prediction accuracy. */
	public static final long LABELLED = 131;
	/** Patches of the deep-representation analysis. */
	public static final long REPRESENTATION = 7919;

	private final Random random;
	private final int width;
	private final int height;
	private final int size;

	/**
	 * The crops of image {@code index} (0-based) of a set, {@code size}×{@code size} inside a {@code width}×
	 * {@code height} image; {@code what} names the image in the message when the crop does not fit.
	 *
	 * @param stream one of {@link #DISCOVERY}, {@link #LABELLED}, {@link #REPRESENTATION}
	 */
	public CropPositions(final long seed, final long stream, final int index, final int width, final int height,
		final int size, final String what)
	{
		if (size < 1) throw new IllegalArgumentException("crop size must be >= 1, got " + size);
		if (size > width || size > height) {
			throw new IllegalArgumentException("crop size " + size + " exceeds " + what + " (" + width + "x" + height +
				" pixels)");
		}
		this.random = new Random(seed * stream + index);
		this.width = width;
		this.height = height;
		this.size = size;
	}

	/** The next crop's top-left corner as {@code {y, x}}. */
	public int[] next() {
		final int y = random.nextInt(height - size + 1);
		final int x = random.nextInt(width - size + 1);
		return new int[] { y, x };
	}
}
