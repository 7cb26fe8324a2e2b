package io.github.faig.prediction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.faig.degrade.Degradation;

/**
 * Chooses T_blur and T_noise on labelled inputs: each threshold separately, the candidate (midpoints between
 * consecutive distinct scores, and the ends) with the highest balanced accuracy of its yes/no decision
 * ("contains blur", "contains noise"); ties go to the candidate nearest the middle of the tied range.
 */
public final class ThresholdFit {

	/** One labelled input and its scores. */
	public record Sample(Degradation label, DegradationPredictor.Scores scores) {}

	/** Accuracy figures of a set of samples under thresholds. */
	public record Report(Thresholds thresholds, double blurAccuracy, double noiseAccuracy, double blurBalanced,
		double noiseBalanced, double exactAccuracy, int[][] confusion, int samples)
	{}

	/** The balanced accuracy of a decision that separates nothing (with a little room for rounding). */
	private static final double CHANCE = 0.5 + 1e-12;

	private ThresholdFit() {}

	public static Thresholds calibrate(final List<Sample> samples) {
		if (samples.isEmpty()) throw new IllegalArgumentException("no labelled samples to calibrate on");
		return new Thresholds(best(samples, true), best(samples, false), bestReblur(samples));
	}

	/**
	 * T_reblur of {@link DecisionRule#BLUR_UNDER_NOISE}: on the noisy inputs (noise, blur+noise) with a re-blur
	 * read-out, the threshold of "blur" with the highest balanced accuracy; NaN when there are none.
	 */
	static double bestReblur(final List<Sample> samples) {
		final List<Sample> noisy = samples.stream().filter(s -> s.label().hasNoise() && Double.isFinite(s.scores()
			.reblur())).toList();
		if (noisy.stream().noneMatch(s -> s.label().hasBlur()) || noisy.stream().allMatch(s -> s.label().hasBlur())) {
			return Double.NaN;
		}
		final double[] v = new double[noisy.size()];
		final boolean[] truth = new boolean[noisy.size()];
		for (int i = 0; i < v.length; i++) {
			v[i] = noisy.get(i).scores().reblur();
			truth[i] = noisy.get(i).label().hasBlur();
		}
		return best(v, truth);
	}

	private static double best(final List<Sample> samples, final boolean blur) {
		final double[] v = scores(samples, blur);
		final boolean[] truth = truths(samples, blur);
		return best(v, truth);
	}

	/**
	 * The threshold of a yes/no decision "{@code value > t}" with the highest balanced accuracy on labelled values,
	 * chosen as T_blur and T_noise are (midpoints and ends; ties to the middle of the tied range).
	 */
	public static double best(final double[] scores, final boolean[] truth) {
		if (scores.length == 0) throw new IllegalArgumentException("no labelled samples to calibrate on");
		final List<Double> values = new ArrayList<>();
		for (final double x : scores) values.add(x);
		values.sort(null);
		final List<Double> candidates = new ArrayList<>();
		candidates.add(values.get(0) - 1e-9);
		for (int i = 1; i < values.size(); i++) {
			if (values.get(i) > values.get(i - 1)) candidates.add((values.get(i) + values.get(i - 1)) / 2);
		}
		candidates.add(values.get(values.size() - 1));
		double bestAcc = -1;
		int first = 0;
		int last = 0;
		for (int c = 0; c < candidates.size(); c++) {
			final double acc = balanced(scores, truth, candidates.get(c));
			if (acc > bestAcc + 1e-12) {
				bestAcc = acc;
				first = c;
				last = c;
			}
			else if (Math.abs(acc - bestAcc) <= 1e-12 && last == c - 1) {
				last = c;
			}
		}
		return candidates.get((first + last) / 2);
	}

	/**
	 * Why a calibration is unusable, or {@code null} if it is not: a non-finite threshold or score, a decision for
	 * which every calibration input scored the same (top 0 % of the filters, say), or decisions that are both at
	 * chance on the calibration inputs (balanced accuracy at most 0.5 for blur and for noise: nothing was separated,
	 * as when every labelled input of an image scores alike).
	 */
	public static String degenerate(final List<Sample> samples, final Thresholds t) {
		if (!Double.isFinite(t.blur()) || !Double.isFinite(t.noise())) return "a threshold is not a number";
		for (final boolean blur : new boolean[] { true, false }) {
			double lo = Double.POSITIVE_INFINITY;
			double hi = Double.NEGATIVE_INFINITY;
			for (final Sample s : samples) {
				final double v = blur ? s.scores().blur() : s.scores().noise();
				if (!Double.isFinite(v)) return "an overlap score is not a number";
				lo = Math.min(lo, v);
				hi = Math.max(hi, v);
			}
			if (hi == lo) return "every input has the same OS_" + (blur ? "blur" : "noise") + " = " + lo;
		}
		final double b = balanced(samples, true, t.blur());
		final double n = balanced(samples, false, t.noise());
		if (b <= CHANCE && n <= CHANCE) {
			return String.format(Locale.ROOT, "both decisions are at chance on the calibration inputs: balanced " +
				"accuracy %.3f for blur and %.3f for noise", b, n);
		}
		return null;
	}

	/** Each sample's OS_blur (or OS_noise). */
	private static double[] scores(final List<Sample> samples, final boolean blur) {
		final double[] v = new double[samples.size()];
		for (int i = 0; i < v.length; i++) v[i] = blur ? samples.get(i).scores().blur() : samples.get(i).scores().noise();
		return v;
	}

	/** Whether each sample holds blur (or noise). */
	private static boolean[] truths(final List<Sample> samples, final boolean blur) {
		final boolean[] truth = new boolean[samples.size()];
		for (int i = 0; i < truth.length; i++) {
			truth[i] = blur ? samples.get(i).label().hasBlur() : samples.get(i).label().hasNoise();
		}
		return truth;
	}

	static double balanced(final List<Sample> samples, final boolean blur, final double t) {
		final double[] v = scores(samples, blur);
		final boolean[] truth = truths(samples, blur);
		return balanced(v, truth, t);
	}

	/** The balanced accuracy of "{@code value > t}" on labelled values. */
	public static double balanced(final double[] scores, final boolean[] truths, final double t) {
		int tp = 0;
		int pos = 0;
		int tn = 0;
		int neg = 0;
		for (int i = 0; i < scores.length; i++) {
			final boolean truth = truths[i];
			final boolean said = scores[i] > t;
			if (truth) {
				pos++;
				if (said) tp++;
			}
			else {
				neg++;
				if (!said) tn++;
			}
		}
		final double tpr = pos == 0 ? 1 : tp / (double) pos;
		final double tnr = neg == 0 ? 1 : tn / (double) neg;
		return (tpr + tnr) / 2;
	}

	/** Accuracy of each binary decision, of the four-way decision, and the confusion matrix [true][predicted]. */
	public static Report evaluate(final List<Sample> samples, final Thresholds t) {
		final int[][] conf = new int[4][4];
		int blurOk = 0;
		int noiseOk = 0;
		int exact = 0;
		for (final Sample s : samples) {
			final Degradation p = t.decide(s.scores());
			conf[s.label().ordinal()][p.ordinal()]++;
			if (p.hasBlur() == s.label().hasBlur()) blurOk++;
			if (p.hasNoise() == s.label().hasNoise()) noiseOk++;
			if (p == s.label()) exact++;
		}
		final int n = samples.size();
		return new Report(t, blurOk / (double) n, noiseOk / (double) n, balanced(samples, true, t.blur()), balanced(
			samples, false, t.noise()), exact / (double) n, conf, n);
	}
}
