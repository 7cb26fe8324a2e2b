package io.github.faig.attribution;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonObject;

import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationOptions;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.image.FloatImage;
import io.github.faig.io.Rows;
import io.github.faig.nn.io.ModelLocator;
import io.github.faig.nn.io.ModelPair;
import io.github.faig.workflow.Batch;
import io.github.faig.workflow.Monitor;
import io.github.faig.nn.io.PackedPair;
import io.github.faig.workflow.Sharding;

/**
 * The workflow behind {@code FAIG Compute Filters}: the discriminative filters of a baseline/target pair for blur and
 * for noise (docs/method.md §3, Eq. 7) from ground-truth images — the rankings, the filter sets in the reference's
 * format, the top filters and how they spread over the layers, and every input's completeness figures.
 * <p>
 * The workflow holds the pair in native memory (a {@link FaigEngine}: load once per JVM, close when done). A set
 * splits by image: {@link #attributeImage} of image {@code i} depends only on {@code i}, the image, the options and
 * the pair; the partials add up ({@link DegradationAttribution.Partial#plus}) and {@link #finish} ranks their sum.
 * {@link #run} does it all for a whole set, summing in image order.
 * </p>
 */
public final class ComputeFilters implements AutoCloseable {

	/**
	 * How the filters are found.
	 *
	 * @param degradation blur, kernel and noise of the two degraded inputs, and the seed of noise and crops
	 * @param rule the quadrature rule along the path
	 * @param steps path steps N
	 * @param cropSize the side of the LR crops each image is represented by, or 0 for whole images
	 * @param crops crops per image (used when {@code cropSize > 0})
	 * @param percent the top percentage of filters shown per degradation (tables and positions; the files hold the
	 *          whole rankings)
	 */
	public record Options(DegradationOptions degradation, Quadrature rule, int steps, int cropSize, int crops,
		double percent) implements Serializable
	{

		public Options {
			if (degradation == null) throw new IllegalArgumentException("no degradation options");
			if (rule == null) throw new IllegalArgumentException("no quadrature rule");
			rule.rule(steps); // validates steps for the rule
			DegradationAttribution.checkSettings(steps, cropSize, crops);
			if (!(percent >= 0 && percent <= 100)) {
				throw new IllegalArgumentException("percent must be in [0, 100], got " + percent);
			}
		}

		/** The reference's setting: its degradations, right Riemann sum with N = 100, whole images, top 1 %. */
		public static Options defaults() {
			return new Options(DegradationOptions.defaults(), Quadrature.RIEMANN, 100, 0, 1, 1.0);
		}
	}

	/** A filter among the top {@code percent} of one degradation's ranking. */
	public record TopFilter(Degradation degradation, int rank, FilterIndex.Filter filter, float score) {}

	/** How many of one layer's filters are among the top ones of each degradation. */
	public record LayerCount(int depth, String layer, int filters, int topBlur, int topNoise) {

		public double topBlurPercent() {
			return 100.0 * topBlur / filters;
		}

		public double topNoisePercent() {
			return 100.0 * topNoise / filters;
		}
	}

	/** One input's completeness figures and their verdict. */
	public record CompletenessRow(String input, Degradation degradation, FaigEngine.Attribution attribution,
		CompletenessCheck.Verdict check) {}

	/**
	 * The outcome.
	 *
	 * @param attribution the rankings, mean scores and attributed inputs
	 * @param sets the filter sets, as written to {@code blur_index.txt}, {@code noise_index.txt} and
	 *          {@link FilterSets#JSON}
	 * @param filters the network's filters
	 * @param top the top filters, blur first, then noise
	 * @param layers per layer, how many top filters it holds
	 * @param completeness per input
	 * @param warning the completeness warning, or {@code null} when every input is within the level
	 * @param provenance how the sets were made, for {@link FilterSets#writeJson}
	 * @param seconds how long the attribution took
	 */
	public record Result(DegradationAttribution.Result attribution, FilterSets sets, FilterIndex filters,
		List<TopFilter> top, List<LayerCount> layers, List<CompletenessRow> completeness, String warning,
		JsonObject provenance, double seconds)
	{

		/** The top filter indices of one degradation. */
		public int[] topIndices(final Degradation d, final double percent) {
			return sets.ranking(d).top(percent);
		}

		/** top_filters.csv: one row per top filter, blur first. */
		public Rows topFilterRows() {
			final Rows t = new Rows();
			for (final TopFilter top : top) {
				final FilterIndex.Filter f = top.filter();
				t.add().text("degradation", top.degradation().label()).integer("rank", top.rank()).integer("index", f
					.index()).text("layer", f.layerName()).integer("depth", f.layer()).integer("out", f.out()).integer("in",
						f.in()).real("score", top.score());
			}
			return t;
		}

		/** layer_counts.csv: one row per layer. */
		public Rows layerCountRows() {
			final Rows t = new Rows();
			for (final LayerCount l : layers) {
				t.add().integer("depth", l.depth()).text("layer", l.layer()).integer("filters", l.filters()).integer(
					"top_blur", l.topBlur()).integer("top_noise", l.topNoise()).real("top_blur_percent_of_layer", l
						.topBlurPercent()).real("top_noise_percent_of_layer", l.topNoisePercent());
			}
			return t;
		}

		/** completeness.csv: one row per input and degradation. */
		public Rows completenessRows() {
			final Rows t = new Rows();
			for (final CompletenessRow row : completeness) {
				final FaigEngine.Attribution a = row.attribution();
				t.add().text("input", row.input()).text("degradation", row.degradation().label()).real("loss_target", a
					.lossTarget()).real("loss_baseline", a.lossBaseline()).real("loss_gap", a.lossGap()).real(
						"attribution_sum", a.signedSum()).real("relative_error_percent", 100 * a.completenessError()).text(
							"quadrature", a.rule().label()).integer("steps", a.steps()).text("check", row.check().label());
			}
			return t;
		}
	}

	private static final Degradation[] BOTH = { Degradation.BLUR, Degradation.NOISE };

	private final Options options;
	private final ModelPair pair;
	private final DegradationParams params;
	private final FaigEngine engine;
	private final DegradationAttribution attribution;

	/** Loads the pair into native memory. */
	public ComputeFilters(final ModelPair pair, final Options options) {
		this.options = options;
		this.pair = pair;
		this.params = options.degradation().params(pair.target().spec().scale());
		if (options.cropSize() > 0) pair.target().spec().build().requireReceptiveField("crop_size", options.cropSize(),
			pair.target().name());
		this.engine = new FaigEngine(pair.target().spec(), pair.baseline().weights(), pair.target().weights());
		this.attribution = new DegradationAttribution(engine, params, options.degradation().seed(), options.rule(),
			options.steps(), options.cropSize(), options.crops());
	}

	public Options options() {
		return options;
	}

	/** The degradation parameters at the pair's scale. */
	public DegradationParams params() {
		return params;
	}

	/**
	 * Image {@code index}'s share of a set (see {@link DegradationAttribution#attributeImage}); progress counts its
	 * inputs ("FAIG d/n (label)") and its path steps.
	 */
	public DegradationAttribution.Partial attributeImage(final int index, final FloatImage groundTruth,
		final String name, final Monitor monitor)
	{
		return attribution.attributeImage(index, groundTruth, name, monitor);
	}

	/** A ground-truth image of a set, as a sharded run sends it. */
	public record Image(FloatImage groundTruth, String name) implements Serializable {}

	/**
	 * The whole set: every image's partial through {@code sharding} (one after another here, or one image
	 * per task on a cluster's executors, each building this workflow once from the pair sent to it), then
	 * {@link #finish} of their sum, added input by input in image order exactly as a plain run adds them.
	 */
	public Result run(final List<FloatImage> groundTruths, final List<String> names, final Sharding sharding,
		final Monitor monitor)
	{
		if (groundTruths.isEmpty()) throw new IllegalArgumentException("no ground-truth images");
		attribution.checkImages(groundTruths, names);
		final long t0 = System.nanoTime();
		final List<Image> images = new ArrayList<>();
		for (int i = 0; i < groundTruths.size(); i++) images.add(new Image(groundTruths.get(i), names.get(i)));
		final Options o = options; // not the workflow: the lambdas go to other JVMs
		final Batch<ComputeFilters> batch = Batch.of(sharding, this, () -> PackedPair.of(pair), p -> new ComputeFilters(p
			.unpack(), o));
		final List<DegradationAttribution.Partial> parts = batch.map("images", images, (c, i, image, m) -> c
			.attributeImage(i, image.groundTruth(), image.name(), m), monitor);
		monitor.checkCancelled();
		return finish(DegradationAttribution.sum(parts), groundTruths.size(), (System.nanoTime() - t0) / 1e9);
	}

	/** The rankings and tables of a set from the sum of its images' partials. */
	public Result finish(final DegradationAttribution.Partial sum, final int images, final double seconds) {
		return result(DegradationAttribution.finish(sum), images, seconds);
	}

	private Result result(final DegradationAttribution.Result r, final int images, final double seconds) {
		final FilterIndex filters = FilterIndex.of(pair.target().spec());
		final FilterSets sets = new FilterSets(r.blur(), r.noise(), ModelLocator.reference(pair.baseline()),
			ModelLocator.reference(pair.target()), params);
		final CompletenessCheck check = new CompletenessCheck();
		final List<CompletenessRow> rows = new ArrayList<>();
		for (final DegradationAttribution.Input in : r.inputs()) {
			rows.add(new CompletenessRow(in.label(), in.degradation(), in.attribution(), check.verdict(in.attribution())));
		}
		final String warning = check.warning(r.inputs().stream().map(DegradationAttribution.Input::attribution).toList(),
			pair.target().spec().architecture());
		return new Result(r, sets, filters, top(sets, filters), layers(sets, filters), rows, warning, provenance(images,
			r), seconds);
	}

	private List<TopFilter> top(final FilterSets sets, final FilterIndex filters) {
		final List<TopFilter> out = new ArrayList<>();
		for (final Degradation d : BOTH) {
			final Ranking r = sets.ranking(d);
			final int[] top = r.top(options.percent());
			for (int k = 0; k < top.length; k++) out.add(new TopFilter(d, k + 1, filters.filter(top[k]), r.score(top[k])));
		}
		return out;
	}

	private List<LayerCount> layers(final FilterSets sets, final FilterIndex filters) {
		final int[][] counts = new int[2][filters.layers().size()];
		for (int d = 0; d < 2; d++) {
			for (final int i : sets.ranking(BOTH[d]).top(options.percent())) counts[d][filters.filter(i).layer()]++;
		}
		final List<LayerCount> out = new ArrayList<>();
		for (int l = 0; l < filters.layers().size(); l++) {
			out.add(new LayerCount(l, filters.layers().get(l).name(), filters.layers().get(l).filterCount(), counts[0][l],
				counts[1][l]));
		}
		return out;
	}

	private JsonObject provenance(final int images, final DegradationAttribution.Result r) {
		final JsonObject o = new JsonObject();
		o.addProperty("images", images);
		o.addProperty("inputs", r.inputs().size());
		o.addProperty("steps", options.steps());
		o.addProperty("quadrature", options.rule().label());
		o.addProperty("crop_size", options.cropSize());
		o.addProperty("crops", options.cropSize() > 0 ? options.crops() : 0);
		o.addProperty("seed", options.degradation().seed());
		o.addProperty("completeness_error_mean", r.meanCompletenessError());
		o.addProperty("completeness_error_max", r.maxCompletenessError());
		return o;
	}

	@Override
	public void close() {
		engine.close();
	}
}
