package io.github.faig.attribution;

import java.util.Map;

import io.github.faig.degrade.Degradation;
import io.github.faig.nn.io.ModelPair;
import io.github.faig.workflow.Monitor;

/**
 * Rankings computed beforehand under a name: a Compute Filters folder ({@link #of(String, FilterSets)}) or sets a
 * study discovered with other settings.
 */
public record FixedRanking(String name, Map<Degradation, Ranking> rankings) implements RankingMethod {

	private static final long serialVersionUID = 1L;

	public FixedRanking {
		for (final Degradation d : RANKED) {
			if (rankings.get(d) == null) throw new IllegalArgumentException("ranking '" + name + "' has no " + d + " set");
		}
		rankings = RankingMethod.rankings(rankings.get(Degradation.BLUR), rankings.get(Degradation.NOISE));
	}

	/** The blur and noise sets of a filter-set folder. */
	public static FixedRanking of(final String name, final FilterSets sets) {
		return new FixedRanking(name, RankingMethod.rankings(sets.ranking(Degradation.BLUR), sets.ranking(
			Degradation.NOISE)));
	}

	@Override
	public Map<Degradation, Ranking> rank(final ModelPair pair, final Discovery discovery, final Monitor monitor) {
		final int n = FilterIndex.of(pair.target().spec()).filterCount();
		for (final Ranking r : rankings.values()) {
			if (r.size() != n) {
				throw new IllegalArgumentException("ranking '" + name + "' lists " + r.size() + " filters; the model has " +
					n);
			}
		}
		return rankings;
	}

	/** The masking experiment's FAIG: the sets of the filter-set folder it was given. */
	public static final class FaigSets implements RankingMethods.Provider {

		@Override
		public String name() {
			return "FAIG";
		}

		@Override
		public int order() {
			return 10;
		}

		@Override
		public RankingMethod create(final RankingMethods.Settings settings) {
			return settings.faigSets() == null ? null : of(name(), settings.faigSets());
		}
	}
}
