package io.github.faig.masking;

import java.util.ArrayList;
import java.util.List;

import io.github.faig.image.FloatImage;
import io.github.faig.nn.NetworkSpec;
import io.github.faig.nn.StateDict;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.sr.SrModel;

/** Runs images through weight variants of one architecture (target, masked, baseline, λ sweeps). */
public final class LegacyRun {

	private LegacyRun() {}

	/** The outputs of {@code images} through a network with {@code weights}, untiled up to 256² tiles. */
	public static List<FloatImage> run(final NetworkSpec spec, final StateDict weights, final List<FloatImage> images) {
		final List<FloatImage> out = new ArrayList<>();
		try (SrModel m = SrModel.load(new ModelPackage(spec, "variant", "other", "", "", null, weights))) {
			for (final FloatImage img : images) out.add(m.superResolve(img, 256, -1, null, null));
		}
		return out;
	}
}
