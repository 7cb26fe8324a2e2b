package io.github.faig.nn;

/**
 * One convolution of a network: its BasicSR name (weights {@code name.weight} of shape
 * {@code (out, in, k, k)} and {@code name.bias} of shape {@code (out)}), channels and kernel size. Its filters are
 * the {@code out × in} slices {@code W[o, i]} (docs/method.md §3).
 */
public record ConvLayer(String name, int in, int out, int kernel) {

	public String weightName() {
		return name + ".weight";
	}

	public String biasName() {
		return name + ".bias";
	}

	public long[] weightShape() {
		return new long[] { out, in, kernel, kernel };
	}

	public long[] biasShape() {
		return new long[] { out };
	}

	/** Number of filters (K×K slices). */
	public int filterCount() {
		return out * in;
	}
}
