package io.github.faig.prediction;

import java.util.Locale;

import io.github.faig.degrade.Degradation;
import io.github.faig.workflow.Quoted;

/**
 * How the scores of an input become a decision (docs/method.md §5).
 * <ul>
 * <li>{@link #PAPER}: the paper's rule (§4.3), each overlap score against its threshold. The reference rule and the
 * default.</li>
 * <li>{@link #BLUR_UNDER_NOISE}: beyond the paper. The noise decision is the paper's; for an input it calls noisy,
 * blur is decided from its denoised version instead of from OS_blur, which noise hides (RESULTS.md §3): "blur" when
 * the re-blur read-out of the pseudo ground truth (the target's output: the input denoised and, where the target
 * sees blur, deblurred) exceeds T_reblur ({@link Reblur}: an image that is blurry already loses little to one more
 * blur). Inputs not called noisy are decided as by the paper's rule.</li>
 * </ul>
 */
public enum DecisionRule {
	PAPER("paper"),
	BLUR_UNDER_NOISE("blur-under-noise");

	private final String label;

	DecisionRule(final String label) {
		this.label = label;
	}

	/** The name users give ({@code decision_rule}). */
	public String label() {
		return label;
	}

	/** The rule a label names (case-insensitive). */
	public static DecisionRule parse(final String s) {
		for (final DecisionRule r : values()) if (s != null && r.label.equalsIgnoreCase(s.trim())) return r;
		throw new IllegalArgumentException("decision_rule must be paper or blur-under-noise, got '" + Quoted.of(s) +
			"'");
	}

	/**
	 * The decision on scores under thresholds; {@link #BLUR_UNDER_NOISE} refuses thresholds without T_reblur (filter
	 * sets calibrated before the rule existed).
	 */
	public Degradation decide(final DegradationPredictor.Scores s, final Thresholds t) {
		if (this == PAPER) return t.decide(s);
		if (!Double.isFinite(t.reblur())) {
			throw new IllegalArgumentException("decision_rule=" + label + " needs T_reblur, which these filter sets do " +
				"not store: run FAIG Calibrate Thresholds on them, or use decision_rule=paper");
		}
		final boolean noise = s.noise() > t.noise();
		// NaN (a flat image: no edge to read) is no evidence of blur
		final boolean blur = noise ? s.reblur() > t.reblur() : s.blur() > t.blur();
		return Degradation.of(blur, noise);
	}

	@Override
	public String toString() {
		return label;
	}
}
