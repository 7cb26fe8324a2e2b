package io.github.faig.masking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import io.github.faig.attribution.FilterIndex;
import io.github.faig.attribution.Ranking;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.degrade.Degrader;
import io.github.faig.image.FloatImage;
import io.github.faig.image.ImageMetrics;
import io.github.faig.nn.NetworkSpec;
import io.github.faig.nn.StateDict;

/**
 * The paper's masking experiment (docs/method.md §4, Table 2 / Fig. 3): for each ranking method and proportion, mask the top
 * filters of the deblurring and of the denoising ranking, run blurry and noisy inputs through the masked target,
 * and measure the change against the target's own output (gradient-map metric and PSNR), per image.
 */
public final class LegacyMaskingExperiment {

	/** One cell: a method, a mask, an input kind and a proportion, with its per-image values. */
	public record Cell(String method, String mask, Degradation input, double percent, int filters, double[] metric,
		double[] psnr)
	{

		public double metricMean() {
			return mean(metric);
		}

		public double metricStd() {
			return std(metric);
		}

		public double psnrMean() {
			return mean(psnr);
		}
	}

	/** Progress: masked models done of total. */
	@FunctionalInterface
	public interface Progress {
		void model(int done, int total, String what);
	}

	private final NetworkSpec spec;
	private final StateDict baseline;
	private final StateDict target;
	private final DegradationParams params;
	private final long seed;
	private final GradientMapMetric.Channel channel;

	public LegacyMaskingExperiment(final NetworkSpec spec, final StateDict baseline, final StateDict target,
		final DegradationParams params, final long seed, final GradientMapMetric.Channel channel)
	{
		this.spec = spec;
		this.baseline = baseline;
		this.target = target;
		this.params = params;
		this.seed = seed;
		this.channel = channel;
	}

	/**
	 * @param rankings per method, the deblurring ranking ({@code [0]}) and the denoising ranking ({@code [1]})
	 * @param percents proportions to mask
	 */
	public List<Cell> run(final Map<String, Ranking[]> rankings, final double[] percents,
		final List<FloatImage> groundTruths, final Progress progress, final BooleanSupplier cancelled)
	{
		final Degrader d = new Degrader(params);
		final Map<Degradation, List<FloatImage>> inputs = new LinkedHashMap<>();
		for (final Degradation kind : new Degradation[] { Degradation.BLUR, Degradation.NOISE }) {
			final List<FloatImage> l = new ArrayList<>();
			for (int i = 0; i < groundTruths.size(); i++) l.add(d.degrade(d.groundTruth(groundTruths.get(i)), kind, seed +
				i));
			inputs.put(kind, l);
		}
		final List<FloatImage> all = new ArrayList<>();
		inputs.values().forEach(all::addAll);
		final List<FloatImage> targetOut = LegacyRun.run(spec, target, all);
		final FilterMasking masking = new FilterMasking(baseline, target, FilterIndex.of(spec));
		final List<Cell> cells = new ArrayList<>();
		final int total = rankings.size() * percents.length * 2;
		int done = 0;
		for (final Map.Entry<String, Ranking[]> m : rankings.entrySet()) {
			for (int mask = 0; mask < 2; mask++) {
				for (final double p : percents) {
					if (cancelled != null && cancelled.getAsBoolean()) throw new CancellationException();
					final int[] sel = m.getValue()[mask].top(p);
					final List<FloatImage> out = LegacyRun.run(spec, masking.mask(sel), all);
					int k = 0;
					for (final Degradation kind : inputs.keySet()) {
						final int n = inputs.get(kind).size();
						final double[] metric = new double[n];
						final double[] psnr = new double[n];
						for (int i = 0; i < n; i++, k++) {
							metric[i] = GradientMapMetric.metric(out.get(k), targetOut.get(k), channel);
							psnr[i] = ImageMetrics.psnr8(out.get(k), targetOut.get(k), 0);
						}
						cells.add(new Cell(m.getKey(), mask == 0 ? "deblurring" : "denoising", kind, p, sel.length, metric,
							psnr));
					}
					if (progress != null) progress.model(++done, total, m.getKey() + " " + p + "%");
				}
			}
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
