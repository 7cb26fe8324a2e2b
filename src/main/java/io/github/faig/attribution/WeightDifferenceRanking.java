package io.github.faig.attribution;

import io.github.faig.nn.ConvLayer;
import io.github.faig.nn.StateDict;
import io.github.faig.nn.io.ModelPair;

/**
 * The |θ − θ̄| comparison (docs/method.md §4): per filter {@code Σ|θ − θ̄| / Σ|θ̄|} over its K×K slice, from the weights
 * alone. It is not specific to a degradation, so both degradations get the same ranking.
 */
public record WeightDifferenceRanking() implements RankingMethod.FromWeights {

	private static final long serialVersionUID = 1L;

	@Override
	public String name() {
		return "|theta-theta_bar|";
	}

	@Override
	public float[] scores(final ModelPair pair) {
		return scores(FilterIndex.of(pair.target().spec()), pair.baseline().weights(), pair.target().weights());
	}

	/** The per-filter scores; a slice whose baseline is all zero scores by its difference alone. */
	public static float[] scores(final FilterIndex filters, final StateDict baseline, final StateDict target) {
		final float[] s = new float[filters.filterCount()];
		for (int l = 0; l < filters.layers().size(); l++) {
			final ConvLayer c = filters.layers().get(l);
			final float[] b = baseline.get(c.weightName()).data();
			final float[] t = target.get(c.weightName()).data();
			final int kk = c.kernel() * c.kernel();
			for (int f = 0; f < c.filterCount(); f++) {
				double d = 0;
				double n = 0;
				for (int k = f * kk; k < (f + 1) * kk; k++) {
					d += Math.abs(t[k] - (double) b[k]);
					n += Math.abs(b[k]);
				}
				s[filters.offset(l) + f] = (float) (n > 0 ? d / n : d);
			}
		}
		return s;
	}

	/** The weight difference, always compared. */
	public static final class Provider implements RankingMethods.Provider {

		@Override
		public String name() {
			return new WeightDifferenceRanking().name();
		}

		@Override
		public int order() {
			return 30;
		}

		@Override
		public RankingMethod create(final RankingMethods.Settings settings) {
			return new WeightDifferenceRanking();
		}
	}
}
