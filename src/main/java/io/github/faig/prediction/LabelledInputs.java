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
	public record Input(String name, Degradation label, FloatImage lr) {}

	private LabelledInputs() {}

	public static List<Input> make(final List<FloatImage> groundTruths, final List<String> names,
		final DegradationParams params, final long seed, final int cropSize, final int crops)
	{
		final Degrader d = new Degrader(params);
		final List<Input> out = new ArrayList<>();
		for (int i = 0; i < groundTruths.size(); i++) {
			final FloatImage gt = d.groundTruth(groundTruths.get(i));
			final FloatImage[] lr = new FloatImage[4];
			for (final Degradation k : Degradation.values()) lr[k.ordinal()] = d.degrade(gt, k, seed + 7919L * i + k
				.ordinal());
			final CropPositions pos = cropSize > 0 ? new CropPositions(seed, CropPositions.LABELLED, i, lr[0].width(),
				lr[0].height(), cropSize, "image " + names.get(i) + " (crop_size, in LR pixels)") : null;
			final int n = cropSize > 0 ? crops : 1;
			for (int c = 0; c < n; c++) {
				final int[] yx = pos != null ? pos.next() : new int[2];
				final int y = yx[0];
				final int x = yx[1];
				final int h = pos != null ? cropSize : lr[0].height();
				final int w = pos != null ? cropSize : lr[0].width();
				for (final Degradation k : Degradation.values()) {
					out.add(new Input(names.get(i) + (cropSize > 0 ? "#" + (c + 1) : ""), k, lr[k.ordinal()].crop(y, x, h, w)));
				}
			}
		}
		return out;
	}
}
