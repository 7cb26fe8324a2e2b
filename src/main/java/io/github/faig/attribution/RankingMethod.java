package io.github.faig.attribution;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationOptions;
import io.github.faig.image.FloatImage;
import io.github.faig.nn.io.ModelPair;
import io.github.faig.workflow.Monitor;

/**
 * A way to rank a baseline/target pair's filters for each degradation (docs/method.md §3–4): FAIG
 * ({@link FaigRanking}), the input-path IG comparison ({@link InputIgRanking}), the weight difference |θ − θ̄|
 * ({@link WeightDifferenceRanking}), a seeded random order ({@link RandomRanking}), or rankings already computed
 * ({@link FixedRanking}, e.g. a Compute Filters folder). The attribution-based methods read discovery images; the
 * others read the weights alone. A new method is one new class implementing this.
 */
public interface RankingMethod extends Serializable {

	/** The degradations every method ranks for: the deblurring and the denoising filters. */
	List<Degradation> RANKED = List.of(Degradation.BLUR, Degradation.NOISE);

	/** The method's name in tables ("FAIG", "IG", …). */
	String name();

	/** Whether {@link #rank} reads the discovery images; weight-based methods ignore them. */
	default boolean needsDiscovery() {
		return false;
	}

	/**
	 * One ranking per degradation of {@link #RANKED}, best first.
	 *
	 * @param discovery the images attribution-based methods attribute; may be {@code null} for the others
	 */
	Map<Degradation, Ranking> rank(ModelPair pair, Discovery discovery, Monitor monitor);

	/**
	 * The ground-truth images an attribution-based method degrades and attributes, with their names (for crop
	 * messages) and the degradation settings; image {@code i}'s noise and crops are seeded by its index.
	 */
	record Discovery(List<FloatImage> groundTruths, List<String> names, DegradationOptions degradations) {

		public Discovery {
			if (groundTruths.size() != names.size()) {
				throw new IllegalArgumentException(groundTruths.size() + " discovery images but " + names.size() +
					" names");
			}
			groundTruths = Collections.unmodifiableList(new ArrayList<>(groundTruths));
			names = List.copyOf(names);
		}
	}

	/** A method that scores each filter from the weights alone, one ranking for every degradation. */
	interface FromWeights extends RankingMethod {

		/** One score per filter, higher first. */
		float[] scores(ModelPair pair);

		@Override
		default Map<Degradation, Ranking> rank(final ModelPair pair, final Discovery discovery, final Monitor monitor) {
			final Ranking r = Ranking.of(scores(pair));
			return rankings(r, r);
		}
	}

	/** The map {@link #rank} returns: {@code blur} for BLUR, {@code noise} for NOISE. */
	static Map<Degradation, Ranking> rankings(final Ranking blur, final Ranking noise) {
		final Map<Degradation, Ranking> m = new EnumMap<>(Degradation.class);
		m.put(Degradation.BLUR, blur);
		m.put(Degradation.NOISE, noise);
		return Collections.unmodifiableMap(m);
	}
}
