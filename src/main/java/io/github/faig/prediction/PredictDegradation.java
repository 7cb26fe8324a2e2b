package io.github.faig.prediction;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;

import io.github.faig.attribution.FilterSets;
import io.github.faig.image.FloatImage;
import io.github.faig.workflow.Monitor;

/**
 * Degradation prediction of single images (paper §4.3, docs/method.md): the filter sets' stored scoring settings and
 * thresholds (or the {@link PredictionSettings#fallback() fallback} with thresholds the caller gives), the model pair
 * loaded once, then {@link #predict} per image. Holds native memory: close it.
 */
public final class PredictDegradation implements AutoCloseable {

	/** The decision on one named image. */
	public record Result(String name, DegradationPredictor.Prediction prediction) implements Serializable {}

	private final PredictionOptions options;
	private final PredictionSettings settings;
	private final PredictionModels models;
	private final DegradationPredictor predictor;

	/** Resolves and reads the filter sets, settles the settings, and loads the pair. */
	public PredictDegradation(final PredictionOptions options) throws IOException {
		this.options = options;
		final File folder = PredictionModels.resolveSets(options.filterSets());
		this.settings = PredictionSettings.forPrediction(FilterSets.read(folder, -1).extra(), options.tBlur(), options
			.tNoise(), folder);
		this.models = new PredictionModels(folder, null, null, settings.pseudoTruth());
		this.predictor = models.predictor(settings);
	}

	public PredictionOptions options() {
		return options;
	}

	/** How images are scored and the thresholds they are decided by. */
	public PredictionSettings settings() {
		return settings;
	}

	public Thresholds thresholds() {
		return settings.thresholds();
	}

	public PredictionModels models() {
		return models;
	}

	/**
	 * The decision on one RGB image on the networks' [0, 1] scale; stops between FAIG path steps when the monitor
	 * is cancelled.
	 */
	public Result predict(final FloatImage image, final String name, final Monitor monitor) {
		monitor.checkCancelled();
		return new Result(name, predictor.predict(image, settings.thresholds(), monitor.cancelCheck()));
	}

	@Override
	public void close() {
		models.close();
	}
}
