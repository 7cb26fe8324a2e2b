package io.github.faig.attribution;

import java.util.Map;

import io.github.faig.degrade.Degradation;
import io.github.faig.nn.io.ModelPair;
import io.github.faig.workflow.Monitor;

/**
 * The paper's "IG" comparison (docs/method.md §4): weight gradients of the target along the <em>input</em> path from
 * the clean LR input to the degraded one (Riemann sum), on the discovery images; as for FAIG, the noise ranking is the
 * reverse of the blur ranking of the mean blur-minus-noise score.
 *
 * @param steps path steps
 * @param cropSize LR crop side, or 0 for whole images
 * @param crops crops per image (ignored for whole images)
 */
public record InputIgRanking(int steps, int cropSize, int crops) implements RankingMethod {

	private static final long serialVersionUID = 1L;

	public InputIgRanking {
		DegradationAttribution.checkSettings(steps, cropSize, crops);
	}

	@Override
	public String name() {
		return "IG";
	}

	@Override
	public boolean needsDiscovery() {
		return true;
	}

	@Override
	public Map<Degradation, Ranking> rank(final ModelPair pair, final Discovery discovery, final Monitor monitor) {
		final DegradationAttribution.Result r = FaigRanking.attribute(name(), DegradationAttribution.Method.INPUT_IG,
			Quadrature.RIEMANN, steps, cropSize, crops, pair, discovery, monitor);
		return RankingMethod.rankings(r.blur(), r.noise());
	}

	/** The IG comparison, when there are discovery images. */
	public static final class Provider implements RankingMethods.Provider {

		@Override
		public String name() {
			return "IG";
		}

		@Override
		public int order() {
			return 20;
		}

		@Override
		public RankingMethod create(final RankingMethods.Settings s) {
			return s.discovery() ? new InputIgRanking(s.igSteps(), s.cropSize(), s.crops()) : null;
		}
	}
}
