package io.github.faig.prediction;

import com.google.gson.JsonObject;

import io.github.faig.attribution.Quadrature;

/**
 * How inputs are scored for prediction; calibration stores them (key {@code prediction} of
 * {@code filter_sets.json}) so that prediction later scores inputs exactly as the thresholds were fixed.
 */
public record PredictionSettings(double percent, int steps, Quadrature rule,
	DegradationPredictor.PseudoTruth pseudoTruth, Thresholds thresholds)
{

	public static final String KEY = "prediction";

	public JsonObject toJson() {
		final JsonObject o = new JsonObject();
		o.addProperty("percent", percent);
		o.addProperty("steps", steps);
		o.addProperty("quadrature", rule.label());
		o.addProperty("pseudo_truth", pseudoTruth.label());
		o.add(Thresholds.KEY, thresholds.toJson());
		return o;
	}

	/** The settings stored with filter sets, or {@code null} if they were never calibrated. */
	public static PredictionSettings fromJson(final JsonObject extra) {
		if (extra == null || !extra.has(KEY)) return null;
		final JsonObject o = extra.getAsJsonObject(KEY);
		return new PredictionSettings(o.get("percent").getAsDouble(), o.get("steps").getAsInt(), Quadrature.parse(o.get(
			"quadrature").getAsString()), DegradationPredictor.PseudoTruth.parse(o.get("pseudo_truth").getAsString()),
			Thresholds.fromJson(o));
	}
}
