package io.github.faig.prediction;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import io.github.faig.attribution.FilterSets;
import io.github.faig.image.FloatImage;
import io.github.faig.io.Rows;
import io.github.faig.workflow.Batch;
import io.github.faig.workflow.Monitor;
import io.github.faig.workflow.Sharding;
import io.github.faig.workflow.ShippedFiles;

/**
 * Degradation prediction of single images (paper §4.3, docs/method.md): the filter sets' stored scoring settings and
 * thresholds (or the {@link PredictionSettings#fallback() fallback} with thresholds the caller gives), the model pair
 * loaded once, then {@link #predict} per image. Holds native memory: close it.
 */
public final class PredictDegradation implements AutoCloseable {

	/** The decision on one named image, and the rule that made it. */
	public record Result(String name, DegradationPredictor.Prediction prediction, DecisionRule rule)
		implements Serializable
	{

		/**
		 * Adds this decision's row on {@code in} to predictions.csv's rows: scores, thresholds and decision, then the
		 * plane's position and the rule's columns (last, so earlier columns keep their places).
		 */
		public void addRow(final Rows rows, final Image in) {
			final DegradationPredictor.Prediction d = prediction;
			rows.add().text("image", in.name()).real("os_blur", d.scores().blur()).real("os_noise", d.scores().noise())
				.real("t_blur", d.thresholds().blur()).real("t_noise", d.thresholds().noise()).text("blur", d.decision()
					.hasBlur() ? "yes" : "no").text("noise", d.decision().hasNoise() ? "yes" : "no").text("decision", d
						.decision().label()).real("seconds", d.scores().seconds()).integer("channel", in.channel()).integer(
							"slice", in.slice()).integer("frame", in.frame()).text("decision_rule", rule.label()).real("reblur",
								d.scores().reblur()).real("t_reblur", d.thresholds().reblur());
		}
	}

	/** An image to decide, with its position in its file's hyperstack (1-based). */
	public record Image(String name, FloatImage image, int channel, int slice, int frame) implements Serializable {}

	/**
	 * What is decided as one, and read where it is decided (a file, read by whichever JVM predicts it, or planes
	 * already in memory).
	 */
	public interface Source extends Serializable {

		String name();

		/** The images, read now. */
		List<Image> images();

		/** What a source is, for progress ("(2/5 files)"); the planes of one image say so. */
		default String what() {
			return "files";
		}
	}

	/**
	 * A source's decisions, one per image, or why it failed (then no decisions): a file is in the table whole or a
	 * failure.
	 */
	public record Outcome(String source, List<Image> images, List<Result> results, String failure)
		implements Serializable {}

	private final PredictionOptions options;
	private final PredictionSettings settings;
	private final PredictionModels models;
	private final DegradationPredictor predictor;

	/** Resolves and reads the filter sets, settles the settings, and loads the pair. */
	public PredictDegradation(final PredictionOptions options) throws IOException {
		this(options, PredictionModels.resolveSets(options.filterSets()), null, null);
	}

	/** As {@link #PredictDegradation(PredictionOptions)} with the sets' folder and the pair's packages given. */
	private PredictDegradation(final PredictionOptions options, final File folder, final String baselineModel,
		final String targetModel) throws IOException
	{
		this(options, folder, FilterSets.read(folder, -1), baselineModel, targetModel);
	}

	/** With the sets already read from {@code folder} (once a run: the settings and the models use the same). */
	PredictDegradation(final PredictionOptions options, final File folder, final FilterSets sets,
		final String baselineModel, final String targetModel) throws IOException
	{
		this.options = options;
		this.settings = PredictionSettings.forPrediction(sets.extra(), options.tBlur(), options.tNoise(), options
			.tReblur(), folder);
		if (options.decisionRule() != DecisionRule.PAPER && !Double.isFinite(settings.thresholds().reblur())) {
			throw new IllegalArgumentException("decision_rule=" + options.decisionRule() + " needs T_reblur, which " +
				"filter_sets '" + folder + "' do not store: run FAIG Calibrate Thresholds on them, give t_reblur, or " +
				"use decision_rule=paper");
		}
		this.models = new PredictionModels(folder, sets, baselineModel, targetModel, settings.pseudoTruth());
		this.predictor = models.predictor(settings).withReblur(models.reblurKernel());
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
	 * The decision on one image, grey or RGB, on the networks' [0, 1] scale; stops between FAIG path steps when the
	 * monitor is cancelled.
	 */
	public Result predict(final FloatImage image, final String name, final Monitor monitor) {
		monitor.checkCancelled();
		return new Result(name, predictor.predict(image, settings.thresholds(), options.decisionRule(), monitor
			.silent()), options.decisionRule());
	}

	/**
	 * The decisions on every source, in order, through {@code sharding} (one after another here, or one
	 * source per task on a cluster, each JVM building this workflow once from the filter sets and models sent to it).
	 *
	 * @param goOn whether a source that cannot be read or predicted becomes a failed outcome (a folder goes on past a
	 *          bad file) instead of ending the run
	 */
	public List<Outcome> predictAll(final List<? extends Source> sources, final boolean goOn, final Sharding sharding,
		final Monitor monitor)
	{
		final PredictionOptions o = options; // not the workflow: the lambdas go to other JVMs
		final Batch<PredictDegradation> batch = Batch.of(sharding, this, models::shipment, (ShippedFiles files) -> {
			final List<File> f = files.copies();
			return new PredictDegradation(o, f.get(0), f.get(1).getPath(), f.get(2).getPath());
		});
		final Batch.Step<PredictDegradation, Source, Outcome> step = (p, i, source, m) -> p.outcome(source, m);
		final String what = sources.isEmpty() ? "files" : sources.get(0).what();
		return batch.map(what, sources, goOn ? Batch.goingOn(step, (source, why) -> new Outcome(source.name(), List
			.of(), List.of(), why)) : step, monitor);
	}

	/** The decisions on one source's images, as the caller needs them (the names and positions, not the pixels). */
	private Outcome outcome(final Source source, final Monitor monitor) {
		monitor.progress("Predicting " + source.name(), 0, 1);
		final List<Image> images = source.images();
		final List<Result> results = new ArrayList<>();
		for (final Image im : images) results.add(predict(im.image(), im.name(), monitor));
		final List<Image> placed = new ArrayList<>();
		for (final Image im : images) placed.add(new Image(im.name(), null, im.channel(), im.slice(), im.frame()));
		return new Outcome(source.name(), placed, results, null);
	}

	@Override
	public void close() {
		models.close();
	}
}
