package io.github.faig.prediction;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.degrade.Degrader;
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
			final Random pos = new Random(seed * 131 + i);
			final int n = cropSize > 0 ? crops : 1;
			for (int c = 0; c < n; c++) {
				int y = 0;
				int x = 0;
				int h = lr[0].height();
				int w = lr[0].width();
				if (cropSize > 0) {
					if (cropSize > h || cropSize > w) {
						throw new IllegalArgumentException("crop_size " + cropSize + " exceeds image " + names.get(i));
					}
					y = pos.nextInt(h - cropSize + 1);
					x = pos.nextInt(w - cropSize + 1);
					h = cropSize;
					w = cropSize;
				}
				for (final Degradation k : Degradation.values()) {
					out.add(new Input(names.get(i) + (cropSize > 0 ? "#" + (c + 1) : ""), k, lr[k.ordinal()].crop(y, x, h, w)));
				}
			}
		}
		return out;
	}
}
