package io.github.faig.attribution;

import java.util.Map;

import io.github.faig.degrade.Degradation;
import io.github.faig.nn.io.ModelPair;
import io.github.faig.workflow.Monitor;

/**
 * FAIG along the parameter path from baseline to target (docs/method.md §3), on the discovery images degraded blurry and
 * noisy: the noise ranking is the exact reverse of the blur ranking.
 *
 * @param rule the quadrature of the path integral
 * @param steps path steps
 * @param cropSize LR crop side, or 0 for whole images
 * @param crops crops per image (ignored for whole images)
 */
public record FaigRanking(Quadrature rule, int steps, int cropSize, int crops) implements RankingMethod {

	private static final long serialVersionUID = 1L;

	public FaigRanking {
		DegradationAttribution.checkSettings(steps, cropSize, crops);
	}

	@Override
	public String name() {
		return "FAIG";
	}

	@Override
	public boolean needsDiscovery() {
		return true;
	}

	@Override
	public Map<Degradation, Ranking> rank(final ModelPair pair, final Discovery discovery, final Monitor monitor) {
		final DegradationAttribution.Result r = attribute(pair, discovery, monitor);
		return RankingMethod.rankings(r.blur(), r.noise());
	}

	/** The attribution behind {@link #rank}, with its completeness figures. */
	public DegradationAttribution.Result attribute(final ModelPair pair, final Discovery discovery,
		final Monitor monitor)
	{
		return attribute(name(), DegradationAttribution.Method.FAIG, rule, steps, cropSize, crops, pair, discovery,
			monitor);
	}

	/** The one place the attribution-based methods run {@link DegradationAttribution}. */
	static DegradationAttribution.Result attribute(final String name, final DegradationAttribution.Method method,
		final Quadrature rule, final int steps, final int cropSize, final int crops, final ModelPair pair,
		final Discovery discovery, final Monitor monitor)
	{
		if (discovery == null || discovery.groundTruths().isEmpty()) {
			throw new IllegalArgumentException("the " + name + " ranking needs discovery images, got none");
		}
		final var base = pair.baseline();
		final var target = pair.target();
		try (FaigEngine e = new FaigEngine(target.spec(), base.weights(), target.weights())) {
			return new DegradationAttribution(e, discovery.degradations().params(target.spec().scale()), discovery
				.degradations().seed(), rule, steps, cropSize, crops, method).run(discovery.groundTruths(), discovery
					.names(), monitor.reporting((m, d, t) -> monitor.progress(name + " ranking " + d + "/" + t, d, t)));
		}
	}
}
