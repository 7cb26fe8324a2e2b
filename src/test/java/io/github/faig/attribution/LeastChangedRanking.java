package io.github.faig.attribution;

import io.github.faig.nn.io.ModelPair;

/**
 * A ranking method added by the tests alone, to show that a new method is one class (with its line in the test
 * resources' {@code META-INF/services/io.github.faig.attribution.RankingMethods$Provider}) and no main file: the
 * filters whose weights changed least between baseline and target first, the reverse of |θ − θ̄|. The masking
 * experiment finds it by name and compares it with the others ({@code MaskingTest}, {@code RankingMethodsTest}).
 */
public record LeastChangedRanking() implements RankingMethod.FromWeights {

	private static final long serialVersionUID = 1L;

	/** Its name in the experiment's table. */
	public static final String NAME = "least-changed";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public float[] scores(final ModelPair pair) {
		final float[] s = new WeightDifferenceRanking().scores(pair);
		for (int i = 0; i < s.length; i++) s[i] = -s[i];
		return s;
	}

	/** Its provider, listed in the test resources' service file. */
	public static final class Provider implements RankingMethods.Provider {

		@Override
		public String name() {
			return NAME;
		}

		@Override
		public RankingMethod create(final RankingMethods.Settings settings) {
			return new LeastChangedRanking();
		}
	}
}
