package io.github.faig.nn.io;

import java.io.IOException;
import java.util.Arrays;

import io.github.faig.nn.StateDict;

/** A baseline and a target model of one architecture, as every FAIG analysis needs them. */
public record ModelPair(ModelPackage baseline, ModelPackage target) {

	public ModelPair {
		if (!baseline.spec().equals(target.spec())) {
			throw new IllegalArgumentException("baseline_model is " + baseline.spec() + " but target_model is " + target
				.spec() + "; FAIG needs one architecture");
		}
		if (sameWeights(baseline.weights(), target.weights())) {
			throw new IllegalArgumentException("baseline_model " + baseline.name() + " and target_model " + target.name() +
				" have identical weights: expected a baseline and the target fine-tuned from it (every attribution " +
				"would be zero)");
		}
	}

	private static boolean sameWeights(final StateDict a, final StateDict b) {
		for (final String n : a.names()) {
			if (!b.contains(n) || !Arrays.equals(a.get(n).data(), b.get(n).data())) return false;
		}
		return true;
	}

	/** Loads both by bundled name or path (messages name {@code baseline_model} / {@code target_model}). */
	public static ModelPair load(final String baseline, final String target) throws IOException {
		return new ModelPair(ModelLocator.load(baseline, "baseline_model"), ModelLocator.load(target, "target_model"));
	}
}
