package io.github.faig.attribution;

import java.util.Random;

import io.github.faig.nn.io.ModelPair;

/**
 * A seeded random order of the filters, the floor every ranking should beat (docs/method.md §4): the same seed gives
 * the same order; both degradations get the same ranking.
 */
public record RandomRanking(long seed) implements RankingMethod.FromWeights {

	private static final long serialVersionUID = 1L;

	@Override
	public String name() {
		return "random";
	}

	@Override
	public float[] scores(final ModelPair pair) {
		return scores(FilterIndex.of(pair.target().spec()).filterCount(), seed);
	}

	/** A uniform random number per filter, drawn in filter order from {@code new Random(seed)}. */
	public static float[] scores(final int filterCount, final long seed) {
		final Random r = new Random(seed);
		final float[] s = new float[filterCount];
		for (int i = 0; i < s.length; i++) s[i] = r.nextFloat();
		return s;
	}

	/** The seeded random order, always compared (seeded with the experiment's seed). */
	public static final class Provider implements RankingMethods.Provider {

		@Override
		public String name() {
			return "random";
		}

		@Override
		public int order() {
			return 40;
		}

		@Override
		public RankingMethod create(final RankingMethods.Settings settings) {
			return new RandomRanking(settings.seed());
		}
	}
}
