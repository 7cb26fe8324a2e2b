package io.github.faig.prediction;

import java.io.Serializable;
import java.util.Locale;

import io.github.faig.attribution.FaigEngine;
import io.github.faig.attribution.FilterSets;
import io.github.faig.attribution.Quadrature;
import io.github.faig.attribution.Ranking;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.GaussianBlur;
import io.github.faig.image.FloatImage;
import io.github.faig.sr.SrModel;
import io.github.faig.workflow.Monitor;

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

	/**
	 * The overlap scores of one input, and the re-blur read-out of its pseudo ground truth ({@link Reblur}; NaN where
	 * it was not computed or the image has no gradient to read).
	 */
	public record Scores(double blur, double noise, double reblur, double seconds) implements Serializable {

		/** Overlap scores without the re-blur read-out. */
		public Scores(final double blur, final double noise, final double seconds) {
			this(blur, noise, Double.NaN, seconds);
		}
	}

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
	/** The blur of the re-blur read-out, or {@code null} for none. */
	private final GaussianBlur reblur;

	/**
	 * @param engine the model pair
	 * @param truthModel the model whose output is the pseudo ground truth (target or baseline)
	 * @param percent top percentage for both the discovered sets and the input's own set
	 */
	public DegradationPredictor(final FaigEngine engine, final SrModel truthModel, final FilterSets sets,
		final double percent, final Quadrature rule, final int steps)
	{
		this.reblur = null;
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

	private DegradationPredictor(final FaigEngine engine, final SrModel truthModel, final int[] blurSet,
		final int[] noiseSet, final double percent, final Quadrature rule, final int steps,
		final GaussianBlur reblur)
	{
		this.reblur = reblur;
		this.engine = engine;
		this.truthModel = truthModel;
		this.blurSet = blurSet;
		this.noiseSet = noiseSet;
		this.percent = percent;
		this.rule = rule;
		this.steps = steps;
	}

	/**
	 * An input as the pair takes it ({@link FloatImage#withChannels} to its {@code num_in_ch}), made once here so
	 * that neither the pseudo ground truth's super-resolution nor the attribution converts it again: a grey plane
	 * reaches a grey pair as it is, and an RGB pair as three equal channels (the pseudo ground truth then stays RGB,
	 * as the pair made it). Callers hand planes as they are.
	 */
	private FloatImage networkInput(final FloatImage lr) {
		try {
			return lr.withChannels(engine.network().spec().numInCh());
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException("model " + truthModel.modelName() + ": " + e.getMessage());
		}
	}

	/** The overlap scores of an LR input (grey or RGB). */
	public Scores scores(final FloatImage lr) {
		return scores(lr, Monitor.NONE);
	}

	/**
	 * The overlap scores of an LR input (grey or RGB), with the re-blur read-out of its pseudo ground truth when this
	 * predictor has a blur for it ({@link #withReblur}).
	 *
	 * @param monitor handed to the attribution ({@link FaigEngine#attribute(FloatImage, FloatImage, Quadrature, int,
	 *          Monitor)}): told of each path step and asked before it; {@link Monitor#silent()} for the asking alone
	 */
	public Scores scores(final FloatImage lr, final Monitor monitor) {
		return scored(lr, monitor).scores();
	}

	/** An input's per-filter scores S_i(x) and the scores made from them. */
	public record Scored(float[] filterScores, Scores scores) {}

	/** {@link #scores(FloatImage, Monitor)} with the per-filter scores they are made from. */
	public Scored scored(final FloatImage image, final Monitor monitor) {
		final long t0 = System.nanoTime();
		final FloatImage lr = networkInput(image);
		final FloatImage truth = truthModel.superResolve(lr, 1 << 16, 0, Monitor.NONE);
		final float[] s = engine.attribute(lr, truth, rule, steps, monitor).scores();
		final Scores o = scores(s, 0);
		final double r = reblur == null ? Double.NaN : Reblur.ratioOrNaN(truth, reblur);
		return new Scored(s, new Scores(o.blur(), o.noise(), r, (System.nanoTime() - t0) / 1e9));
	}

	/**
	 * This predictor, also reading how much of its pseudo ground truth's edge energy survives {@code blur}
	 * ({@link Reblur}; the degradation's own kernel), for {@link DecisionRule#BLUR_UNDER_NOISE}.
	 */
	public DegradationPredictor withReblur(final GaussianBlur blur) {
		return new DegradationPredictor(engine, truthModel, blurSet, noiseSet, percent, rule, steps, blur);
	}

	/**
	 * The input's per-filter scores S_i(x) (Eq. 6) against the pseudo ground truth, one per filter in the models'
	 * numbering: what the overlap scores are made from, for callers that study other read-outs.
	 */
	public float[] filterScores(final FloatImage lr) {
		return filterScores(lr, Monitor.NONE);
	}

	/** {@link #filterScores(FloatImage)}, its path steps reported to and stopped by {@code monitor}. */
	public float[] filterScores(final FloatImage image, final Monitor monitor) {
		final FloatImage lr = networkInput(image);
		final FloatImage truth = truthModel.superResolve(lr, 1 << 16, 0, Monitor.NONE);
		return engine.attribute(lr, truth, rule, steps, monitor).scores();
	}

	/** The overlap scores of per-filter scores from {@link #filterScores}; {@code seconds} is passed through. */
	public Scores scores(final float[] filterScores, final double seconds) {
		final int[] top = Ranking.of(filterScores).top(percent);
		return new Scores(OverlapScore.of(blurSet, top), OverlapScore.of(noiseSet, top), seconds);
	}

	/** The decision for an input. */
	public Prediction predict(final FloatImage lr, final Thresholds t) {
		return predict(lr, t, Monitor.NONE);
	}

	/** The paper's decision for an input, its path steps reported to and stopped by {@code monitor}. */
	public Prediction predict(final FloatImage lr, final Thresholds t, final Monitor monitor) {
		return predict(lr, t, DecisionRule.PAPER, monitor);
	}

	/** The decision for an input by {@code decisionRule}, its path steps reported to and stopped by {@code monitor}. */
	public Prediction predict(final FloatImage lr, final Thresholds t, final DecisionRule decisionRule,
		final Monitor monitor)
	{
		final Scores s = scores(lr, monitor);
		return new Prediction(s, t, decisionRule.decide(s, t));
	}
}
