package io.github.faig.prediction;

import java.io.Serializable;

import com.google.gson.JsonObject;

import io.github.faig.attribution.Quadrature;

/**
 * How inputs are scored for prediction; calibration stores them (key {@code prediction} of
 * {@code filter_sets.json}) so that prediction later scores inputs exactly as the thresholds were fixed.
 */
public record PredictionSettings(double percent, int steps, Quadrature rule,
	DegradationPredictor.PseudoTruth pseudoTruth, Thresholds thresholds) implements Serializable
{

	public static final String KEY = "prediction";

	/** A threshold input that means "the calibrated value". */
	public static final double CALIBRATED = -1;

	/**
	 * The scoring of sets that were never calibrated, when the caller gives both thresholds: top 1 %, trapezoid
	 * N = 20, the target's output as pseudo ground truth (the defaults of FAIG Calibrate Thresholds).
	 */
	public static PredictionSettings fallback() {
		return new PredictionSettings(1.0, 20, Quadrature.TRAPEZOID, DegradationPredictor.PseudoTruth.TARGET,
			Thresholds.paper());
	}

	/**
	 * The settings prediction uses with a set of filter sets: the stored calibration, else {@link #fallback()}; a
	 * threshold given as {@code >= 0} replaces the calibrated one.
	 *
	 * @param extra the filter sets' JSON entries ({@code FilterSets.extra()})
	 * @param tBlur T_blur, or {@link #CALIBRATED}
	 * @param tNoise T_noise, or {@link #CALIBRATED}
	 * @param where the filter sets' folder, for the message
	 * @throws IllegalArgumentException when the sets store no calibration and a threshold was not given
	 */
	public static PredictionSettings forPrediction(final JsonObject extra, final double tBlur, final double tNoise,
		final Object where)
	{
		return forPrediction(extra, tBlur, tNoise, CALIBRATED, where);
	}

	/**
	 * As {@link #forPrediction(JsonObject, double, double, Object)}, with T_reblur too: given as {@code >= 0} it
	 * replaces the calibrated one (or stands in where the sets were calibrated without it).
	 */
	public static PredictionSettings forPrediction(final JsonObject extra, final double tBlur, final double tNoise,
		final double tReblur, final Object where)
	{
		final PredictionSettings stored = fromJson(extra);
		if (stored == null && (tBlur < 0 || tNoise < 0)) {
			throw new IllegalArgumentException("filter_sets '" + where + "' have no calibrated thresholds: run FAIG " +
				"Calibrate Thresholds on them, or give t_blur and t_noise");
		}
		final PredictionSettings s = stored != null ? stored : fallback();
		return s.withThresholds(new Thresholds(tBlur >= 0 ? tBlur : s.thresholds().blur(), tNoise >= 0 ? tNoise : s
			.thresholds().noise(), tReblur >= 0 ? tReblur : s.thresholds().reblur()));
	}

	/** A copy with other thresholds. */
	public PredictionSettings withThresholds(final Thresholds t) {
		return new PredictionSettings(percent, steps, rule, pseudoTruth, t);
	}

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
