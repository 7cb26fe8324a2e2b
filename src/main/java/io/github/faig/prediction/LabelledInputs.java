package io.github.faig.prediction;

import java.util.ArrayList;
import java.util.List;

import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.degrade.Degrader;
import io.github.faig.image.CropPositions;
import io.github.faig.image.FloatImage;

/**
 * Labelled LR inputs for calibrating and testing prediction: each ground-truth image is synthesised in all four
 * classes (clean, blur, noise, blur+noise; docs/method.md §1, noise seeded by image), and {@code crops} LR crops of
 * {@code cropSize}² at seeded positions (the same for the four classes) are cut, or the whole image when
 * {@code cropSize} is 0.
 */
public final class LabelledInputs {

	/** One input and its true class. */
	public record Input(String name, Degradation label, FloatImage lr) implements java.io.Serializable {}

	private LabelledInputs() {}

	/** The labelled inputs of every image, image by image (each as {@link #of}). */
	public static List<Input> make(final List<FloatImage> groundTruths, final List<String> names,
		final DegradationParams params, final long seed, final int cropSize, final int crops)
	{
		final List<Input> out = new ArrayList<>();
		for (int i = 0; i < groundTruths.size(); i++) {
			out.addAll(of(i, groundTruths.get(i), names.get(i), params, seed, cropSize, crops));
		}
		return out;
	}

	/**
	 * The labelled inputs of image {@code index} (0-based) of a set: crop by crop, the four classes of each. The noise
	 * and the crop positions depend on the seed and the index only, so any share of a set gives the same inputs.
	 */
	public static List<Input> of(final int index, final FloatImage groundTruth, final String name,
		final DegradationParams params, final long seed, final int cropSize, final int crops)
	{
		final Degrader d = new Degrader(params);
		final List<Input> out = new ArrayList<>();
		final FloatImage gt = d.groundTruth(groundTruth);
		final FloatImage[] lr = new FloatImage[4];
		for (final Degradation k : Degradation.values()) lr[k.ordinal()] = d.degrade(gt, k, seed + 7919L * index + k
			.ordinal());
		final CropPositions pos = cropSize > 0 ? new CropPositions(seed, CropPositions.LABELLED, index, lr[0].width(),
			lr[0].height(), cropSize, "image " + name + " (crop_size, in LR pixels)") : null;
		final int n = cropSize > 0 ? crops : 1;
		for (int c = 0; c < n; c++) {
			final int[] yx = pos != null ? pos.next() : new int[2];
			final int h = pos != null ? cropSize : lr[0].height();
			final int w = pos != null ? cropSize : lr[0].width();
			for (final Degradation k : Degradation.values()) {
				out.add(new Input(name + (cropSize > 0 ? "#" + (c + 1) : ""), k, lr[k.ordinal()].crop(yx[0], yx[1], h, w)));
			}
		}
		return out;
	}
}
