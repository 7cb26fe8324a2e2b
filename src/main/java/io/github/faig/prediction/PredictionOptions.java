package io.github.faig.prediction;

import java.io.Serializable;

import io.github.faig.workflow.Quoted;

/**
 * What degradation prediction needs besides the image: the filter sets (a folder or a bundled name; blank for
 * {@link PredictionModels#DEFAULT_FILTER_SETS}) and thresholds that replace the calibrated ones
 * ({@link PredictionSettings#CALIBRATED} keeps them).
 *
 * @param filterSets a filter-sets folder or bundled name, {@code null} for the default
 * @param tBlur T_blur in [0, 1], or {@link PredictionSettings#CALIBRATED}
 * @param tNoise T_noise in [0, 1], or {@link PredictionSettings#CALIBRATED}
 * @param decisionRule how scores become a decision ({@link DecisionRule}; {@code null} for the paper's)
 * @param tReblur T_reblur in [0, 1] for {@link DecisionRule#BLUR_UNDER_NOISE}, or {@link PredictionSettings#CALIBRATED}
 */
public record PredictionOptions(String filterSets, double tBlur, double tNoise, DecisionRule decisionRule,
	double tReblur) implements Serializable
{

	/** Options with the calibrated T_reblur. */
	public PredictionOptions(final String filterSets, final double tBlur, final double tNoise,
		final DecisionRule decisionRule)
	{
		this(filterSets, tBlur, tNoise, decisionRule, PredictionSettings.CALIBRATED);
	}

	/** Options with the paper's decision rule. */
	public PredictionOptions(final String filterSets, final double tBlur, final double tNoise) {
		this(filterSets, tBlur, tNoise, DecisionRule.PAPER);
	}

	public PredictionOptions {
		if (decisionRule == null) decisionRule = DecisionRule.PAPER;
		if (filterSets != null && filterSets.isBlank()) {
			throw new IllegalArgumentException("filter_sets is empty: give a filter-sets folder or bundled name, or " +
				"leave it out for " + PredictionModels.DEFAULT_FILTER_SETS);
		}
		checkThreshold(tBlur, "t_blur");
		checkThreshold(tNoise, "t_noise");
		checkThreshold(tReblur, "t_reblur");
	}

	/** The shipped sample sets with their calibrated thresholds. */
	public static PredictionOptions defaults() {
		return new PredictionOptions(null, PredictionSettings.CALIBRATED, PredictionSettings.CALIBRATED);
	}

	/** A copy with given thresholds. */
	public PredictionOptions withThresholds(final double blur, final double noise) {
		return new PredictionOptions(filterSets, blur, noise, decisionRule, tReblur);
	}

	/** A copy with another decision rule. */
	public PredictionOptions withDecisionRule(final DecisionRule r) {
		return new PredictionOptions(filterSets, tBlur, tNoise, r, tReblur);
	}

	/** A threshold input: within [0, 1], or −1 for the calibrated value. */
	public static void checkThreshold(final double t, final String param) {
		if (t != PredictionSettings.CALIBRATED && !(t >= 0 && t <= 1)) {
			throw new IllegalArgumentException(param + " must lie in [0, 1], or be -1 for the calibrated value; got " +
				Quoted.number(t));
		}
	}
}
