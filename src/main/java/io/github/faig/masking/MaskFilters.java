package io.github.faig.masking;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.faig.attribution.FilterIndex;
import io.github.faig.attribution.Ranking;
import io.github.faig.image.FloatImage;
import io.github.faig.image.ImageMetrics;
import io.github.faig.io.Rows;
import io.github.faig.masking.GradientMapMetric.Channel;
import io.github.faig.nn.NetworkSpec;
import io.github.faig.nn.StateDict;
import io.github.faig.nn.io.ModelPair;
import io.github.faig.workflow.Monitor;

/**
 * What the target loses without the top p % of a filter set (docs/method.md §4): the outputs of the target, of the target
 * with those filters put back to the baseline's (or, to study the restoration strength, set to
 * {@code λ·target + (1 − λ)·baseline} for a sweep of λ) and of the baseline, each with the gradient-map metric and
 * PSNR against the target's output.
 *
 * <pre>
 * MaskFilters.Result r = new MaskFilters(pair, ranking, MaskFilters.Options.defaults()).run(inputs, Monitor.NONE);
 * </pre>
 */
public final class MaskFilters {

	/** Put the filters back ({@link #MASK}) or sweep their restoration strength λ ({@link #MODULATE}). */
	public enum Mode {
		MASK, MODULATE;

		/** "mask" or "modulate", as the command's choice and in file names. */
		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}

		public static Mode parse(final String s) {
			for (final Mode m : values()) if (m.label().equalsIgnoreCase(s.trim())) return m;
			throw new IllegalArgumentException("mode must be mask or modulate, got '" + io.github.faig.workflow.Quoted.of(s) + "'");
		}
	}

	/**
	 * @param percent the top percent of the filter set, in [0, 100]
	 * @param lambdaMin first λ of the sweep ({@link Mode#MODULATE})
	 * @param lambdaMax last λ of the sweep, greater than {@code lambdaMin}
	 * @param lambdaCount λ values, evenly spaced, at least 2
	 * @param channel what the gradient-map metric reads
	 */
	public record Options(double percent, Mode mode, double lambdaMin, double lambdaMax, int lambdaCount,
		Channel channel) implements Serializable
	{

		private static final long serialVersionUID = 1L;

		public Options {
			if (!(percent >= 0 && percent <= 100)) {
				throw new IllegalArgumentException("percent must be in [0, 100], got " + percent);
			}
			if (mode == null || channel == null) throw new IllegalArgumentException("mode and channel must be given");
			if (mode == Mode.MODULATE) {
				if (lambdaCount < 2) throw new IllegalArgumentException("lambda_count must be >= 2, got " + lambdaCount);
				if (!Double.isFinite(lambdaMin) || !Double.isFinite(lambdaMax) || !(lambdaMax > lambdaMin)) {
					throw new IllegalArgumentException("lambda_max must be greater than lambda_min, got " + lambdaMin +
						" and " + lambdaMax);
				}
			}
		}

		/** The top 1 % masked, luminance metric; a sweep would run λ = 0, 0.25, …, 1.5. */
		public static Options defaults() {
			return new Options(1.0, Mode.MASK, 0, 1.5, 7, Channel.LUMINANCE);
		}

		/** These options for a sweep of {@code count} λ values from {@code min} to {@code max}. */
		public Options withSweep(final double min, final double max, final int count) {
			return new Options(percent, Mode.MODULATE, min, max, count, channel);
		}

		/** The sweep's λ values, evenly spaced from {@code lambdaMin} to {@code lambdaMax}. */
		public double[] lambdas() {
			final double[] l = new double[lambdaCount];
			for (int j = 0; j < l.length; j++) l[j] = lambdaMin + j * (lambdaMax - lambdaMin) / (lambdaCount - 1);
			return l;
		}
	}

	/**
	 * One set of weights whose outputs are shown.
	 *
	 * @param name "target", "masked p%", "lambda=λ" or "baseline"
	 * @param lambda the restoration strength of the selected filters: 1 for the target, 0 for the mask and the baseline
	 * @param filters the filters that differ from the target's (0 for the target and the baseline)
	 */
	public record Variant(String name, double lambda, int filters) implements Serializable {

		private static final long serialVersionUID = 1L;
	}

	/**
	 * One output of one input.
	 *
	 * @param input the input's index
	 * @param metric the gradient-map metric against the target's output of the same input
	 * @param psnr the 8-bit PSNR against the target's output
	 */
	public record Output(int input, Variant variant, FloatImage image, double metric, double psnr) {}

	/** The variants (target first, baseline last) and every output, input by input, each in variant order. */
	public record Result(List<Variant> variants, List<Output> outputs) {

		/** <name>_metrics.csv: one row per output, with {@code lambda} in modulate mode only. */
		public Rows metricRows(final Options o) {
			final Rows t = new Rows();
			for (final Output out : outputs) {
				final Rows.Row row = t.add().integer("slice", out.input() + 1).text("output", out.variant().name());
				if (o.mode() == Mode.MODULATE) row.real("lambda", out.variant().lambda());
				row.integer("filters", out.variant().filters()).real("gradient_metric_vs_target", out.metric()).real(
					"psnr_vs_target", out.psnr()).text("channel", o.channel().label());
			}
			return t;
		}
	}

	private final NetworkSpec spec;
	private final Options options;
	private final int[] selected;
	private final List<Variant> variants = new ArrayList<>();
	private final List<StateDict> weights = new ArrayList<>();

	/** @param ranking the filter set, best first; its top {@code options.percent()} % are masked or modulated */
	public MaskFilters(final ModelPair pair, final Ranking ranking, final Options options) {
		this.spec = pair.target().spec();
		this.options = options;
		final int n = FilterIndex.of(spec).filterCount();
		if (ranking.size() != n) {
			throw new IllegalArgumentException("the filter set lists " + ranking.size() + " filters; the model has " + n);
		}
		this.selected = ranking.top(options.percent());
		final FilterMasking masking = new FilterMasking(pair.baseline().weights(), pair.target().weights(), FilterIndex
			.of(spec));
		add(new Variant("target", 1, 0), pair.target().weights());
		if (options.mode() == Mode.MODULATE) {
			for (final double l : options.lambdas()) {
				add(new Variant("lambda=" + label(l), l, selected.length), masking.modulate(selected,
					l));
			}
		}
		else {
			add(new Variant("masked " + label(options.percent()) + "%", 0, selected.length), masking
				.mask(selected));
		}
		add(new Variant("baseline", 0, 0), pair.baseline().weights());
	}

	/**
	 * A number as a variant's name (and the Masking Experiment's log) shows it: three significant digits, no trailing
	 * zeros (0, 0.5, 1, 0.333).
	 */
	public static String label(final double v) {
		return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
	}

	private void add(final Variant v, final StateDict w) {
		variants.add(v);
		weights.add(w);
	}

	public Options options() {
		return options;
	}

	/** The filters masked or modulated, best first. */
	public int[] selected() {
		return selected.clone();
	}

	/** Target first, then the masked or modulated variants, then the baseline. */
	public List<Variant> variants() {
		return List.copyOf(variants);
	}

	/** The weights of variant {@code v} (an index into {@link #variants()}). */
	public StateDict weights(final int v) {
		return weights.get(v);
	}

	/** Runs every input (as RGB) through every variant and measures each output against the target's. */
	public Result run(final List<FloatImage> inputs, final Monitor monitor) {
		final List<FloatImage> rgb = inputs.stream().map(FloatImage::asRgb).toList();
		final List<List<FloatImage>> out = new ArrayList<>();
		for (int v = 0; v < variants.size(); v++) {
			monitor.checkCancelled();
			monitor.progress("Running " + variants.get(v).name(), v, variants.size());
			out.add(MaskedOutputs.run(spec, weights.get(v), rgb));
		}
		final List<Output> outputs = new ArrayList<>();
		for (int s = 0; s < rgb.size(); s++) {
			final FloatImage t = out.get(0).get(s);
			for (int v = 0; v < variants.size(); v++) {
				final FloatImage o = out.get(v).get(s);
				outputs.add(new Output(s, variants.get(v), o, GradientMapMetric.metric(o, t, options.channel()),
					ImageMetrics.psnr8(o, t, 0)));
			}
		}
		return new Result(variants(), outputs);
	}
}
