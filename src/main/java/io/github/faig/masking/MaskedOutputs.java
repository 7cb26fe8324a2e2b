package io.github.faig.masking;

import java.util.ArrayList;
import java.util.List;

import io.github.faig.image.FloatImage;
import io.github.faig.nn.NetworkSpec;
import io.github.faig.nn.StateDict;
import io.github.faig.sr.SrModel;
import io.github.faig.workflow.Monitor;

/** Runs images through weight variants of one architecture (target, masked, baseline, λ sweeps). */
public final class MaskedOutputs {

	/** LR tile side: masking inputs up to 256² run untiled. */
	static final int TILE = 256;

	private MaskedOutputs() {}

	/** The outputs of {@code images} through a network of {@code spec} with {@code weights}. */
	public static List<FloatImage> run(final NetworkSpec spec, final StateDict weights, final List<FloatImage> images) {
		final List<FloatImage> out = new ArrayList<>();
		try (SrModel m = SrModel.of(spec, weights, "variant")) {
			for (final FloatImage img : images) out.add(m.superResolve(img, TILE, -1, Monitor.NONE));
		}
		return out;
	}
}
