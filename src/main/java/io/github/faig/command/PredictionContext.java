package io.github.faig.command;

import java.io.File;
import java.io.IOException;

import io.github.faig.attribution.FaigEngine;
import io.github.faig.attribution.FilterIndex;
import io.github.faig.attribution.FilterSets;
import io.github.faig.nn.io.ModelLocator;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.nn.io.ModelPair;
import io.github.faig.prediction.DegradationPredictor;
import io.github.faig.prediction.PredictionSettings;
import io.github.faig.sr.SrModel;

/** The model pair, filter sets and pseudo-truth model the prediction commands share; close it when done. */
final class PredictionContext implements AutoCloseable {

	/** The sample pair's shipped filter sets (under the model folders). */
	static final String DEFAULT_FILTER_SETS = "filter-sets-msrresnet-x2";

	final FilterSets sets;
	final ModelPackage baseline;
	final ModelPackage target;
	final FaigEngine engine;
	final SrModel truth;

	PredictionContext(final File filterSets, final String baselineModel, final String targetModel,
		final DegradationPredictor.PseudoTruth pseudo) throws IOException
	{
		final FilterSets s0 = FilterSets.read(filterSets, -1);
		final ModelPair pair = ModelPair.load(blank(baselineModel) ? s0.baselineModel() : baselineModel, blank(
			targetModel) ? s0.targetModel() : targetModel);
		this.baseline = pair.baseline();
		this.target = pair.target();
		this.sets = FilterSets.read(filterSets, FilterIndex.of(target.spec()).filterCount());
		this.engine = new FaigEngine(target.spec(), baseline.weights(), target.weights());
		SrModel t = null;
		try {
			t = SrModel.load(pseudo == DegradationPredictor.PseudoTruth.TARGET ? target : baseline);
		}
		finally {
			if (t == null) engine.close();
		}
		this.truth = t;
	}

	/** The filter-set folder a name or path refers to (bundled names are looked up like models). */
	static File resolveSets(final String nameOrPath) throws IOException {
		return ModelLocator.resolve(blank(nameOrPath) ? DEFAULT_FILTER_SETS : nameOrPath, "filter_sets");
	}

	/**
	 * The filter-set folder a {@code File} input names: an existing folder, else a bundled name (looked up like
	 * models); a clear message naming {@code filter_sets} otherwise.
	 */
	static File resolveSetsFolder(final File given) throws IOException {
		if (given == null || given.getPath().isBlank()) {
			throw new IllegalArgumentException("filter_sets was not given: expected a filter-sets folder or bundled name");
		}
		final File f = given.exists() ? given : ModelLocator.resolve(given.getPath(), "filter_sets");
		if (!f.isDirectory()) {
			throw new IllegalArgumentException("filter_sets '" + given + "' is not a folder of filter sets (" +
				FilterSets.BLUR_FILE + ", " + FilterSets.NOISE_FILE + ")");
		}
		return f;
	}

	/** The stored calibration; throws if the sets were never calibrated. */
	PredictionSettings settings() {
		final PredictionSettings p = PredictionSettings.fromJson(sets.extra());
		if (p == null) {
			throw new IllegalArgumentException("filter_sets have no calibrated thresholds: run FAIG Calibrate " +
				"Thresholds on them first, or give t_blur and t_noise");
		}
		return p;
	}

	static boolean blank(final String s) {
		return s == null || s.isBlank();
	}

	@Override
	public void close() {
		try {
			truth.close();
		}
		finally {
			engine.close();
		}
	}
}
