package io.github.faig.masking;

import java.util.HashMap;
import java.util.Map;

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
		final Map<String, float[]> copies = new HashMap<>();
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
		for (final Map.Entry<String, float[]> e : copies.entrySet()) {
			out.put(e.getKey(), new Tensor(target.get(e.getKey()).shape(), e.getValue()));
		}
		return out;
	}
}
