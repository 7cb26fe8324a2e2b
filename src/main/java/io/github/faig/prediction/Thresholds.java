package io.github.faig.prediction;

import java.io.Serializable;

import com.google.gson.JsonObject;

import io.github.faig.degrade.Degradation;

/**
 * The decision thresholds of the overlap scores: "contains blur" when {@code OS_blur > blur}, "contains noise" when
 * {@code OS_noise > noise}. Stored with the filter sets (key {@code thresholds} of {@code filter_sets.json}).
 */
public record Thresholds(double blur, double noise) implements Serializable {

	public static final String KEY = "thresholds";

	/** The paper's values (T_blur = 0.5, T_noise = 0.6), for models calibrated like the paper's. */
	public static Thresholds paper() {
		return new Thresholds(0.5, 0.6);
	}

	public Degradation decide(final DegradationPredictor.Scores s) {
		return Degradation.of(s.blur() > blur, s.noise() > noise);
	}

	public JsonObject toJson() {
		final JsonObject o = new JsonObject();
		o.addProperty("blur", blur);
		o.addProperty("noise", noise);
		return o;
	}

	/** The thresholds stored in a filter-set JSON's extra entries, or {@code null}. */
	public static Thresholds fromJson(final JsonObject extra) {
		if (extra == null || !extra.has(KEY)) return null;
		final JsonObject o = extra.getAsJsonObject(KEY);
		return new Thresholds(o.get("blur").getAsDouble(), o.get("noise").getAsDouble());
	}
}
