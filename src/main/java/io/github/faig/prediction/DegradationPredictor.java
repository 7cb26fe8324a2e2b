package io.github.faig.prediction;

import java.io.Serializable;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import io.github.faig.attribution.FaigEngine;
import io.github.faig.attribution.FilterSets;
import io.github.faig.attribution.Quadrature;
import io.github.faig.attribution.Ranking;
import io.github.faig.degrade.Degradation;
import io.github.faig.image.FloatImage;
import io.github.faig.sr.SrModel;

/**
 * Predicts which degradations an input contains from how its own top filters overlap the discovered filter sets
 * (paper §4.3 and §5.3; the reference code has no implementation, so every choice here is explicit):
 * <ol>
 * <li>The input has no ground truth: a <em>pseudo ground truth</em> stands in — by default the target model's own
 * output ({@link PseudoTruth#TARGET}), or the baseline's ({@link PseudoTruth#BASELINE}).</li>
 * <li>Per-image FAIG scores S_i(x) (Eq. 6) with that pseudo ground truth; the top {@code percent} % is
 * {filter^x}.</li>
 * <li>{@code OS(x, blur)} and {@code OS(x, noise)} against the top {@code percent} % of each discovered
 * ranking.</li>
 * <li>"Contains D" when {@code OS(x, D) > T_D}.</li>
 * </ol>
 */
public final class DegradationPredictor {

	/** What stands in for the missing ground truth. */
	public enum PseudoTruth {
		/** The target model's output (default): attribution measures what the target adds over the baseline. */
		TARGET,
		/** The baseline model's output. */
		BASELINE;

		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}

		public static PseudoTruth parse(final String s) {
			for (final PseudoTruth p : values()) if (p.label().equalsIgnoreCase(s.trim())) return p;
			throw new IllegalArgumentException("pseudo_truth must be target or baseline, got '" + io.github.faig.workflow.Quoted.of(s) + "'");
		}
	}

	/** The overlap scores of one input. */
	public record Scores(double blur, double noise, double seconds) implements Serializable {}

	/** A decision with its scores and thresholds. */
	public record Prediction(Scores scores, Thresholds thresholds, Degradation decision)
		implements Serializable
	{}

	private final FaigEngine engine;
	private final SrModel truthModel;
	private final int[] blurSet;
	private final int[] noiseSet;
	private final double percent;
	private final Quadrature rule;
	private final int steps;
	private final BooleanSupplier cancelled;

	/**
	 * @param engine the model pair
	 * @param truthModel the model whose output is the pseudo ground truth (target or baseline)
	 * @param percent top percentage for both the discovered sets and the input's own set
	 */
	public DegradationPredictor(final FaigEngine engine, final SrModel truthModel, final FilterSets sets,
		final double percent, final Quadrature rule, final int steps)
	{
		this(engine, truthModel, sets, percent, rule, steps, null);
	}

	/**
	 * A predictor whose attributions stop between path steps once {@code cancelled} says so (a
	 * {@link java.util.concurrent.CancellationException}); {@code null} for never.
	 */
	public DegradationPredictor(final FaigEngine engine, final SrModel truthModel, final FilterSets sets,
		final double percent, final Quadrature rule, final int steps, final BooleanSupplier cancelled)
	{
		this.cancelled = cancelled;
		this.engine = engine;
		this.truthModel = truthModel;
		final Ranking b = sets.ranking(Degradation.BLUR);
		if (b.size() != engine.filters().filterCount()) {
			throw new IllegalArgumentException("filter sets list " + b.size() + " filters; the models have " + engine
				.filters().filterCount());
		}
		this.blurSet = b.top(percent);
		this.noiseSet = sets.ranking(Degradation.NOISE).top(percent);
		this.percent = percent;
		this.rule = rule;
		this.steps = steps;
	}

	/** The overlap scores of an RGB LR input. */
	public Scores scores(final FloatImage lr) {
		return scores(lr, cancelled);
	}

	/** The overlap scores of an RGB LR input, stopping between path steps once {@code stop} says so. */
	public Scores scores(final FloatImage lr, final BooleanSupplier stop) {
		final long t0 = System.nanoTime();
		final float[] s = filterScores(lr, stop);
		return scores(s, (System.nanoTime() - t0) / 1e9);
	}

	/**
	 * The input's per-filter scores S_i(x) (Eq. 6) against the pseudo ground truth, one per filter in the models'
	 * numbering: what the overlap scores are made from, for callers that study other read-outs.
	 */
	public float[] filterScores(final FloatImage lr) {
		return filterScores(lr, cancelled);
	}

	/** {@link #filterScores(FloatImage)}, stopping between path steps once {@code stop} says so. */
	public float[] filterScores(final FloatImage lr, final BooleanSupplier stop) {
		final FloatImage truth = truthModel.superResolve(lr, 1 << 16, 0, null, null);
		return engine.attribute(lr, truth, rule, steps, stop).scores();
	}

	/** The overlap scores of per-filter scores from {@link #filterScores}; {@code seconds} is passed through. */
	public Scores scores(final float[] filterScores, final double seconds) {
		final int[] top = Ranking.of(filterScores).top(percent);
		return new Scores(OverlapScore.of(blurSet, top), OverlapScore.of(noiseSet, top), seconds);
	}

	/** The decision for an input. */
	public Prediction predict(final FloatImage lr, final Thresholds t) {
		return predict(lr, t, cancelled);
	}

	/** The decision for an input, stopping between path steps once {@code stop} says so. */
	public Prediction predict(final FloatImage lr, final Thresholds t, final BooleanSupplier stop) {
		final Scores s = scores(lr, stop);
		return new Prediction(s, t, t.decide(s));
	}
}
