package io.github.faig.prediction;

import java.io.Serializable;

import com.google.gson.JsonObject;

import io.github.faig.degrade.Degradation;

/**
 * The decision thresholds of the overlap scores: "contains blur" when {@code OS_blur > blur}, "contains noise" when
 * {@code OS_noise > noise} (the paper's rule). {@code reblur} is the threshold of the re-blur read-out that
 * {@link DecisionRule#BLUR_UNDER_NOISE} uses for inputs it calls noisy (NaN when the sets were calibrated without it).
 * Stored with the filter sets (key {@code thresholds} of {@code filter_sets.json}).
 */
public record Thresholds(double blur, double noise, double reblur) implements Serializable {

	public static final String KEY = "thresholds";

	/** The paper's two thresholds, without a re-blur threshold. */
	public Thresholds(final double blur, final double noise) {
		this(blur, noise, Double.NaN);
	}

	/** The paper's values (T_blur = 0.5, T_noise = 0.6), for models calibrated like the paper's. */
	public static Thresholds paper() {
		return new Thresholds(0.5, 0.6);
	}

	/** The paper's decision: each overlap score against its threshold. */
	public Degradation decide(final DegradationPredictor.Scores s) {
		return Degradation.of(s.blur() > blur, s.noise() > noise);
	}

	/** A copy with another re-blur threshold. */
	public Thresholds withReblur(final double t) {
		return new Thresholds(blur, noise, t);
	}

	public JsonObject toJson() {
		final JsonObject o = new JsonObject();
		o.addProperty("blur", blur);
		o.addProperty("noise", noise);
		if (Double.isFinite(reblur)) o.addProperty("reblur", reblur);
		return o;
	}

	/** The thresholds stored in a filter-set JSON's extra entries, or {@code null}. */
	public static Thresholds fromJson(final JsonObject extra) {
		if (extra == null || !extra.has(KEY)) return null;
		final JsonObject o = extra.getAsJsonObject(KEY);
		return new Thresholds(o.get("blur").getAsDouble(), o.get("noise").getAsDouble(), o.has("reblur") ? o.get(
			"reblur").getAsDouble() : Double.NaN);
	}
}
