package io.github.faig.masking;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.faig.attribution.FilterIndex;
import io.github.faig.attribution.Ranking;
import io.github.faig.attribution.RankingMethod;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationOptions;
import io.github.faig.degrade.Degrader;
import io.github.faig.image.FloatImage;
import io.github.faig.image.ImageMetrics;
import io.github.faig.io.Rows;
import io.github.faig.masking.GradientMapMetric.Channel;
import io.github.faig.nn.NetworkSpec;
import io.github.faig.nn.io.ModelPair;
import io.github.faig.workflow.Monitor;

/**
 * The paper's masking experiment (docs/method.md §4, Table 2 / Fig. 3): each ranking method ranks the pair's filters
 * for blur and for noise; for each mask (the top filters of the deblurring or of the denoising ranking) and each
 * proportion, the masked target runs on every input kind of every evaluation image, and the change against the
 * target's own output is measured per image (gradient-map metric and PSNR).
 * <p>
 * For a distributed run: {@link #evaluation} once per worker, each method's {@link RankingMethod#rank} once,
 * {@link #cells} per masked model (method × mask × proportion), in any order; {@link #run} is that loop. Image
 * {@code i}'s noise is seeded by {@code seed + i}, so a shard of the cells equals the same cells of a whole run.
 * </p>
 */
public final class MaskingExperiment {

	/**
	 * @param methods the ranking methods, distinct names, in table order
	 * @param percents the proportions masked, in [0, 100], distinct
	 * @param masks the masks, in table order
	 * @param inputs the evaluation input kinds (the paper: blurry and noisy), in table order
	 * @param degradations blur, noise and seed of the evaluation inputs
	 * @param centreCrop LR side of the centre crop each evaluation image is cut to, or 0 for whole images
	 * @param channel what the gradient-map metric reads
	 */
	public record Options(List<RankingMethod> methods, double[] percents, List<Mask> masks, List<Degradation> inputs,
		DegradationOptions degradations, int centreCrop, Channel channel) implements Serializable
	{

		private static final long serialVersionUID = 1L;

		public Options {
			if (methods.isEmpty()) throw new IllegalArgumentException("no ranking method was given");
			final Set<String> names = new HashSet<>();
			for (final RankingMethod m : methods) {
				if (!names.add(m.name())) throw new IllegalArgumentException("ranking method '" + m.name() + "' given twice");
			}
			percents = checkPercents(percents);
			if (masks.isEmpty() || new HashSet<>(masks).size() != masks.size()) {
				throw new IllegalArgumentException("masks must be distinct and at least one, got " + masks);
			}
			if (inputs.isEmpty() || new HashSet<>(inputs).size() != inputs.size()) {
				throw new IllegalArgumentException("input kinds must be distinct and at least one, got " + inputs);
			}
			if (centreCrop < 0) throw new IllegalArgumentException("centre crop must be >= 0, got " + centreCrop);
			if (degradations == null || channel == null) {
				throw new IllegalArgumentException("degradations and channel must be given");
			}
			methods = List.copyOf(methods);
			masks = List.copyOf(masks);
			inputs = List.copyOf(inputs);
		}

		/** The paper's protocol for {@code methods}: 1, 3, 5, 10 %, both masks, blurry and noisy whole images. */
		public static Options defaults(final List<RankingMethod> methods) {
			return new Options(methods, new double[] { 1, 3, 5, 10 }, List.of(Mask.values()), List.of(Degradation.BLUR,
				Degradation.NOISE), DegradationOptions.defaults(), 0, Channel.LUMINANCE);
		}

		/** These options with other proportions. */
		public Options withPercents(final double... p) {
			return new Options(methods, p, masks, inputs, degradations, centreCrop, channel);
		}

		@Override
		public double[] percents() {
			return percents.clone();
		}

		/** A copy of {@code p}, refused unless every value lies in [0, 100] once. */
		public static double[] checkPercents(final double[] p) {
			if (p.length == 0) throw new IllegalArgumentException("proportions must list at least one percentage");
			for (int i = 0; i < p.length; i++) {
				if (!(p[i] >= 0 && p[i] <= 100)) {
					throw new IllegalArgumentException("proportions must lie in [0, 100], got " + p[i]);
				}
				for (int j = 0; j < i; j++) {
					if (p[j] == p[i]) throw new IllegalArgumentException("proportions lists " + p[i] + " twice");
				}
			}
			return p.clone();
		}
	}

	/** One cell: a method, a mask, an input kind and a proportion, with its per-image values. */
	public record Cell(String method, Mask mask, Degradation input, double percent, int filters, double[] metric,
		double[] psnr) implements Serializable
	{

		private static final long serialVersionUID = 1L;

		public double metricMean() {
			return mean(metric);
		}

		/** The sample standard deviation over images (0 for one image). */
		public double metricStd() {
			return std(metric);
		}

		public double psnrMean() {
			return mean(psnr);
		}

		/** Evaluation images. */
		public int images() {
			return metric.length;
		}

		/** The input kind as tables name it: "blurry", "noisy", "clean" or "blurry+noisy". */
		public String inputLabel() {
			return inputLabel(input);
		}

		public static String inputLabel(final Degradation d) {
			return switch (d) {
				case CLEAN -> "clean";
				case BLUR -> "blurry";
				case NOISE -> "noisy";
				case BLUR_NOISE -> "blurry+noisy";
			};
		}
	}

	/** Every method's rankings (in method order) and every cell (method, mask, proportion, input kind order). */
	public record Result(Map<String, Map<Degradation, Ranking>> rankings, List<Cell> cells) implements Serializable {

		private static final long serialVersionUID = 1L;

		/** The cell of a method, mask, input kind and proportion. */
		public Cell cell(final String method, final Mask mask, final Degradation input, final double percent) {
			final Cell c = find(method, mask, input, percent);
			if (c != null) return c;
			throw new IllegalArgumentException("no cell for " + method + ", " + mask + " mask, " + input + " inputs, " +
				percent + " %");
		}

		/**
		 * The paper's two checks at one proportion, for a log line: each FAIG mask's change on its own degradation's
		 * inputs against a random mask's (×random; the paper asks ≥ 10× at 1 %), and its change on the other
		 * degradation's inputs as a share of that (the cross-effect; the paper's sets stay well under one half).
		 * Masks whose cells were not all computed (no FAIG or random method, an input kind left out) are left out;
		 * empty when none is left.
		 */
		public String summary(final double percent) {
			final StringBuilder b = new StringBuilder();
			for (final Mask m : Mask.values()) {
				final Degradation own = m.degradation();
				final Degradation other = own == Degradation.BLUR ? Degradation.NOISE : Degradation.BLUR;
				final Cell faig = find("FAIG", m, own, percent);
				final Cell random = find("random", m, own, percent);
				final Cell cross = find("FAIG", m, other, percent);
				if (faig == null || random == null || cross == null) continue;
				b.append(b.length() == 0 ? "" : "; ").append(m.label()).append(" mask ").append(ratio(faig.metricMean(),
					random.metricMean())).append(" random on ").append(Cell.inputLabel(own)).append(" inputs, cross-effect ")
					.append(faig.metricMean() > 0 ? String.format(Locale.ROOT, "%.1f %%", 100 * cross
						.metricMean() / faig.metricMean()) : "n/a").append(" (on ").append(Cell.inputLabel(other)).append(
							")");
			}
			return b.toString();
		}

		private static String ratio(final double a, final double b) {
			return b > 0 ? String.format(Locale.ROOT, "%.1f×", a / b) : "n/a×";
		}

		/** The cell of a method, mask, input kind and proportion, or null if it was not computed. */
		private Cell find(final String method, final Mask mask, final Degradation input, final double percent) {
			for (final Cell c : cells) {
				if (c.method().equals(method) && c.mask() == mask && c.input() == input && c.percent() == percent) return c;
			}
			return null;
		}

		/** masking_experiment.csv: one row per method, mask, input kind and proportion. */
		public Rows rows(final Channel ch) {
			final Rows t = new Rows();
			for (final Cell c : cells) {
				t.add().text("method", c.method()).text("mask", c.mask().label()).text("input", c.inputLabel()).real(
					"percent", c.percent()).integer("filters", c.filters()).real("metric_mean", c.metricMean()).real(
						"metric_std", c.metricStd()).real("psnr_mean", c.psnrMean()).integer("images", c.images()).text(
							"channel", ch.label());
			}
			return t;
		}
	}

	/**
	 * The evaluation set: every input kind of every (centre-cropped) image, and the target's outputs on them, in
	 * image order.
	 */
	public record Evaluation(Map<Degradation, List<FloatImage>> inputs, Map<Degradation, List<FloatImage>> targetOutputs) {}

	private final ModelPair pair;
	private final NetworkSpec spec;
	private final Options options;
	private final FilterMasking masking;

	public MaskingExperiment(final ModelPair pair, final Options options) {
		this.pair = pair;
		this.spec = pair.target().spec();
		this.options = options;
		this.masking = new FilterMasking(pair.baseline().weights(), pair.target().weights(), FilterIndex.of(spec));
	}

	public Options options() {
		return options;
	}

	/** Ranks with every method, then masks and measures every cell. */
	public Result run(final List<FloatImage> groundTruths, final RankingMethod.Discovery discovery,
		final Monitor monitor)
	{
		final Map<String, Map<Degradation, Ranking>> rankings = new LinkedHashMap<>();
		for (final RankingMethod m : options.methods()) {
			monitor.checkCancelled();
			rankings.put(m.name(), m.rank(pair, discovery, monitor));
		}
		final Evaluation eval = evaluation(groundTruths, monitor);
		final List<Cell> cells = new ArrayList<>();
		final double[] percents = options.percents();
		final int total = rankings.size() * options.masks().size() * percents.length;
		int done = 0;
		for (final Map.Entry<String, Map<Degradation, Ranking>> m : rankings.entrySet()) {
			for (final Mask mask : options.masks()) {
				for (final double p : percents) {
					monitor.checkCancelled();
					cells.addAll(cells(eval, m.getKey(), m.getValue().get(mask.degradation()), mask, p));
					monitor.progress("Masking " + m.getKey() + " " + p + "% (" + ++done + "/" + total + ")", done, total);
				}
			}
		}
		return new Result(Collections.unmodifiableMap(rankings), List.copyOf(cells));
	}

	/** Degrades every image to every input kind (image {@code i} seeded by {@code seed + i}) and runs the target. */
	public Evaluation evaluation(final List<FloatImage> groundTruths, final Monitor monitor) {
		if (groundTruths.isEmpty()) throw new IllegalArgumentException("no evaluation images");
		final Degrader d = new Degrader(options.degradations().params(spec.scale()));
		final Map<Degradation, List<FloatImage>> inputs = new EnumMap<>(Degradation.class);
		final Map<Degradation, List<FloatImage>> outputs = new EnumMap<>(Degradation.class);
		for (final Degradation kind : options.inputs()) {
			monitor.checkCancelled();
			final List<FloatImage> l = new ArrayList<>();
			for (int i = 0; i < groundTruths.size(); i++) {
				// degraded as the network sees images: a grey network's inputs get grey noise (FloatImage.withChannels)
				final FloatImage gt = d.groundTruth(centreCrop(groundTruths.get(i).withChannels(spec.numInCh()), i));
				l.add(d.degrade(gt, kind, options.degradations().seed() + i));
			}
			inputs.put(kind, List.copyOf(l));
			outputs.put(kind, List.copyOf(MaskedOutputs.run(spec, pair.target().weights(), l)));
		}
		return new Evaluation(inputs, outputs);
	}

	private FloatImage centreCrop(final FloatImage hr, final int index) {
		if (options.centreCrop() == 0) return hr;
		final int s = spec.scale();
		final int side = s * options.centreCrop();
		if (hr.width() < side || hr.height() < side) {
			throw new IllegalArgumentException("evaluation image " + (index + 1) + " (" + hr.width() + "x" + hr.height() +
				") is smaller than the centre crop of " + side + "x" + side + " pixels");
		}
		return hr.crop((hr.height() - side) / 2 / s * s, (hr.width() - side) / 2 / s * s, side, side);
	}

	/**
	 * The cells of one masked model: the top {@code percent} % of {@code ranking} put back to the baseline's, one
	 * cell per input kind.
	 */
	public List<Cell> cells(final Evaluation eval, final String method, final Ranking ranking, final Mask mask,
		final double percent)
	{
		final int[] sel = ranking.top(percent);
		final List<FloatImage> all = new ArrayList<>();
		for (final Degradation kind : options.inputs()) all.addAll(eval.inputs().get(kind));
		final List<FloatImage> out = MaskedOutputs.run(spec, masking.mask(sel), all);
		final List<Cell> cells = new ArrayList<>();
		int k = 0;
		for (final Degradation kind : options.inputs()) {
			final List<FloatImage> target = eval.targetOutputs().get(kind);
			final double[] metric = new double[target.size()];
			final double[] psnr = new double[target.size()];
			for (int i = 0; i < target.size(); i++, k++) {
				metric[i] = GradientMapMetric.metric(out.get(k), target.get(i), options.channel());
				psnr[i] = ImageMetrics.psnr8(out.get(k), target.get(i), 0);
			}
			cells.add(new Cell(method, mask, kind, percent, sel.length, metric, psnr));
		}
		return cells;
	}

	static double mean(final double[] v) {
		double s = 0;
		for (final double x : v) s += x;
		return s / v.length;
	}

	static double std(final double[] v) {
		final double m = mean(v);
		double s = 0;
		for (final double x : v) s += (x - m) * (x - m);
		return v.length > 1 ? Math.sqrt(s / (v.length - 1)) : 0;
	}
}
