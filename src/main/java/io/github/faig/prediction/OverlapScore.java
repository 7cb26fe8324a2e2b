package io.github.faig.prediction;

import java.util.BitSet;

/**
 * The overlap score of paper §4.3: {@code OS(x, D) = |{filter^D} ∩ {filter^x}| / |{filter^x}|}, the share of an
 * input's own top filters that belong to degradation D's discriminative set. In [0, 1]; 0 for an empty input set.
 */
public final class OverlapScore {

	private OverlapScore() {}

	public static double of(final int[] degradationSet, final int[] inputSet) {
		if (inputSet.length == 0) return 0;
		final BitSet d = new BitSet();
		for (final int i : degradationSet) d.set(i);
		int n = 0;
		final BitSet seen = new BitSet();
		for (final int i : inputSet) {
			if (seen.get(i)) throw new IllegalArgumentException("filter " + i + " appears twice in the input's set");
			seen.set(i);
			if (d.get(i)) n++;
		}
		return n / (double) inputSet.length;
	}
}
