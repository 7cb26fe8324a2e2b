package io.github.faig.prediction;

import java.io.File;
import java.io.IOException;

import io.github.faig.attribution.FaigEngine;
import io.github.faig.attribution.FilterIndex;
import io.github.faig.attribution.FilterSets;
import io.github.faig.degrade.GaussianBlur;
import io.github.faig.nn.io.ModelLocator;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.nn.io.ModelPair;
import io.github.faig.sr.SrModel;
import io.github.faig.workflow.ShippedFiles;

/**
 * What every prediction workflow loads once per JVM: the filter sets, their model pair (the FAIG engine) and the
 * model whose output stands in for the missing ground truth. Holds native memory: close it.
 */
public final class PredictionModels implements AutoCloseable {

	/** The sample pair's shipped filter sets (under the model folders). */
	public static final String DEFAULT_FILTER_SETS = "filter-sets-msrresnet-x2";

	private final File folder;
	private final FilterSets sets;
	private final ModelPackage baseline;
	private final ModelPackage target;
	private final FaigEngine engine;
	private final SrModel truth;

	/**
	 * Reads the sets of {@code setsFolder} and loads the pair they name ({@link ModelLocator#stored}), or the pair
	 * given.
	 *
	 * @param baselineModel bundled name or path; {@code null} or blank for the one the sets name
	 * @param targetModel bundled name or path; {@code null} or blank for the one the sets name
	 * @param pseudo which model's output stands in for the ground truth
	 */
	public PredictionModels(final File setsFolder, final String baselineModel, final String targetModel,
		final DegradationPredictor.PseudoTruth pseudo) throws IOException
	{
		this(setsFolder, FilterSets.read(setsFolder, -1), baselineModel, targetModel, pseudo);
	}

	/**
	 * As {@link #PredictionModels(File, String, String, DegradationPredictor.PseudoTruth)} with the sets already read
	 * from {@code setsFolder} (a run reads them once): they are checked against the pair, not read again.
	 */
	public PredictionModels(final File setsFolder, final FilterSets read, final String baselineModel,
		final String targetModel, final DegradationPredictor.PseudoTruth pseudo) throws IOException
	{
		this.folder = setsFolder;
		final ModelPair pair = new ModelPair(ModelLocator.loadOrStored(baselineModel, "baseline_model", read
			.baselineModel(), setsFolder), ModelLocator.loadOrStored(targetModel, "target_model", read.targetModel(),
				setsFolder));
		this.baseline = pair.baseline();
		this.target = pair.target();
		// the sets name the models they are used with, so that a calibrated copy finds them from anywhere
		this.sets = read.checkFilters(setsFolder, FilterIndex.of(target.spec()).filterCount()).withModels(ModelLocator
			.reference(baseline), ModelLocator.reference(target));
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

	/** The filter-set folder a name or path refers to (bundled names are looked up like models); blank: the default. */
	public static File resolveSets(final String nameOrPath) throws IOException {
		return ModelLocator.resolve(blank(nameOrPath) ? DEFAULT_FILTER_SETS : nameOrPath, "filter_sets");
	}

	/**
	 * The filter-set folder a path input names: an existing folder, else a bundled name (looked up like models); a
	 * clear message naming {@code filter_sets} otherwise.
	 */
	public static File resolveSetsFolder(final File given) throws IOException {
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

	/**
	 * What a JVM without this one's paths needs to load the same models: the sets' folder and the pair's packages as
	 * loaded here, in that order; for a sharded run ({@link ShippedFiles}).
	 */
	public ShippedFiles shipment() throws IOException {
		return ShippedFiles.of(folder, baseline.source(), target.source());
	}

	/** The folder the sets were read from. */
	public File folder() {
		return folder;
	}

	public FilterSets sets() {
		return sets;
	}

	public ModelPackage baseline() {
		return baseline;
	}

	public ModelPackage target() {
		return target;
	}

	public FaigEngine engine() {
		return engine;
	}

	/** The model whose output is the pseudo ground truth. */
	public SrModel truth() {
		return truth;
	}

	/** A predictor on these models. */
	public DegradationPredictor predictor(final PredictionSettings s) {
		return new DegradationPredictor(engine, truth, sets, s.percent(), s.rule(), s.steps());
	}

	/** The degradation's blur kernel of these sets, the one the re-blur read-out blurs with ({@link Reblur}). */
	public GaussianBlur reblurKernel() {
		return new GaussianBlur(sets.params().blurSigma(), sets.params().kernelSize());
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
