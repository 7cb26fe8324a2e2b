package io.github.faig.masking;

import java.util.Random;

import io.github.faig.attribution.FilterIndex;
import io.github.faig.nn.ConvLayer;
import io.github.faig.nn.StateDict;
import io.github.faig.nn.Tensor;

/**
 * Puts the baseline's filters back into the target (docs/method.md §4), in plain Java on the weights:
 * <ul>
 * <li>{@link #mask}: each selected K×K slice {@code W[o, i]} is copied from the baseline; everything else, biases
 * included, stays the target's.</li>
 * <li>{@link #modulate}: for the selected slices only, {@code W = λ·W_target + (1 − λ)·W_baseline} — λ = 0 is the
 * mask, 1 the target, above 1 pushes further in the target's direction.</li>
 * </ul>
 * Also the non-attribution rankings the paper compares with.
 */
public final class FilterMasking {

	private final StateDict baseline;
	private final StateDict target;
	private final FilterIndex filters;

	public FilterMasking(final StateDict baseline, final StateDict target, final FilterIndex filters) {
		this.baseline = baseline;
		this.target = target;
		this.filters = filters;
	}

	public FilterIndex filters() {
		return filters;
	}

	/** The target with the given filters replaced by the baseline's. */
	public StateDict mask(final int[] selected) {
		return modulate(selected, 0);
	}

	/** The target with the given filters set to {@code λ·target + (1 − λ)·baseline}. */
	public StateDict modulate(final int[] selected, final double lambda) {
		if (!Double.isFinite(lambda)) throw new IllegalArgumentException("lambda must be finite, got " + lambda);
		final StateDict out = new StateDict();
		final java.util.Map<String, float[]> copies = new java.util.HashMap<>();
		for (final String n : target.names()) {
			final Tensor t = target.get(n);
			out.put(n, t);
		}
		for (final int idx : selected) {
			final FilterIndex.Filter f = filters.filter(idx);
			final ConvLayer l = filters.layers().get(f.layer());
			final float[] w = copies.computeIfAbsent(l.weightName(), k -> target.get(k).data().clone());
			final float[] b = baseline.get(l.weightName()).data();
			final float[] t = target.get(l.weightName()).data();
			final int kk = l.kernel() * l.kernel();
			final int start = (f.out() * l.in() + f.in()) * kk;
			for (int k = start; k < start + kk; k++) {
				w[k] = lambda == 0 ? b[k] : (float) (lambda * t[k] + (1 - lambda) * b[k]);
			}
		}
		for (final java.util.Map.Entry<String, float[]> e : copies.entrySet()) {
			out.put(e.getKey(), new Tensor(target.get(e.getKey()).shape(), e.getValue()));
		}
		return out;
	}

	/**
	 * The |θ − θ̄| comparison (docs/method.md §4): per filter {@code Σ|θ − θ̄| / Σ|θ̄|} over its K×K slice; not specific to a
	 * degradation. A slice whose baseline is all zero scores by its difference alone.
	 */
	public float[] weightDifferenceScores() {
		final float[] s = new float[filters.filterCount()];
		for (int l = 0; l < filters.layers().size(); l++) {
			final ConvLayer c = filters.layers().get(l);
			final float[] b = baseline.get(c.weightName()).data();
			final float[] t = target.get(c.weightName()).data();
			final int kk = c.kernel() * c.kernel();
			for (int f = 0; f < c.filterCount(); f++) {
				double d = 0;
				double n = 0;
				for (int k = f * kk; k < (f + 1) * kk; k++) {
					d += Math.abs(t[k] - (double) b[k]);
					n += Math.abs(b[k]);
				}
				s[filters.offset(l) + f] = (float) (n > 0 ? d / n : d);
			}
		}
		return s;
	}

	/** A seeded random ranking's scores: a uniform random number per filter. */
	public static float[] randomScores(final int filterCount, final long seed) {
		final Random r = new Random(seed);
		final float[] s = new float[filterCount];
		for (int i = 0; i < s.length; i++) s[i] = r.nextFloat();
		return s;
	}
}
