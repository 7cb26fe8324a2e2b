package io.github.faig.attribution;

import java.util.ArrayList;
import java.util.List;

import io.github.faig.nn.ConvLayer;
import io.github.faig.nn.NetworkSpec;

/**
 * The reference's numbering of filters (docs/method.md §3): every K×K slice {@code W[o, i]} of every conv weight, layer by
 * layer in state-dict order, {@code index = offset(layer) + o · in_channels + i}. Biases are not filters.
 */
public final class FilterIndex {

	/** Where one filter lives. */
	public record Filter(int index, int layer, String layerName, int out, int in) {}

	private final List<ConvLayer> layers;
	private final int[] offsets;
	private final int count;

	public FilterIndex(final List<ConvLayer> layers) {
		this.layers = List.copyOf(layers);
		this.offsets = new int[layers.size()];
		int n = 0;
		for (int l = 0; l < layers.size(); l++) {
			offsets[l] = n;
			n += layers.get(l).filterCount();
		}
		this.count = n;
	}

	public static FilterIndex of(final NetworkSpec spec) {
		return new FilterIndex(spec.layers());
	}

	public int filterCount() {
		return count;
	}

	public List<ConvLayer> layers() {
		return layers;
	}

	/** Index of the first filter of layer {@code l}. */
	public int offset(final int l) {
		return offsets[l];
	}

	public int index(final int layer, final int out, final int in) {
		final ConvLayer c = layers.get(layer);
		if (out < 0 || out >= c.out() || in < 0 || in >= c.in()) {
			throw new IndexOutOfBoundsException("filter [" + out + ", " + in + "] outside " + c);
		}
		return offsets[layer] + out * c.in() + in;
	}

	/** The filter with a given index. */
	public Filter filter(final int index) {
		if (index < 0 || index >= count) {
			throw new IndexOutOfBoundsException("filter index " + index + " outside 0.." + (count - 1));
		}
		int l = java.util.Arrays.binarySearch(offsets, index);
		if (l < 0) l = -l - 2;
		while (l + 1 < offsets.length && offsets[l + 1] == index) l++;
		final ConvLayer c = layers.get(l);
		final int r = index - offsets[l];
		return new Filter(index, l, c.name(), r / c.in(), r % c.in());
	}

	/** Layer names in order. */
	public List<String> layerNames() {
		final List<String> out = new ArrayList<>();
		for (final ConvLayer c : layers) out.add(c.name());
		return out;
	}
}
