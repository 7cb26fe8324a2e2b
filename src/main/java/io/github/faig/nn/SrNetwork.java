package io.github.faig.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A super-resolution network: its architecture and its weights as native arrays named as BasicSR names them
 * ({@code conv_first.weight}, {@code features.0.bias}, …), in state-dict order. The weights live in native memory
 * owned by the manager given to {@link #load} or {@link #initialize}; closing that manager frees them.
 */
public final class SrNetwork {

	private final NetworkSpec spec;
	private final Architecture arch;
	/** Every parameter's array by name, in state-dict order; {@code null} until the weights are loaded. */
	private final LinkedHashMap<String, NDArray> params = new LinkedHashMap<>();
	/** The largest pass (native bytes) found to fit so far. */
	private volatile long accepted;

	public SrNetwork(final NetworkSpec spec) {
		this.spec = spec;
		this.arch = spec.build();
		for (final ConvLayer l : arch.layers()) {
			params.put(l.weightName(), null);
			params.put(l.biasName(), null);
		}
	}

	// -- Accessors --

	public NetworkSpec spec() {
		return spec;
	}

	public Architecture architecture() {
		return arch;
	}

	public List<ConvLayer> layers() {
		return arch.layers();
	}

	/** Parameter names in state-dict order. */
	public List<String> parameterNames() {
		return new ArrayList<>(params.keySet());
	}

	/** The array of one parameter (throws for an unknown name). */
	public NDArray param(final String name) {
		if (!params.containsKey(name)) throw new IllegalArgumentException("no parameter named " + name + " in " + spec);
		final NDArray a = params.get(name);
		if (a == null) throw new IllegalStateException("weights of " + spec + " are not loaded");
		return a;
	}

	/** All parameter arrays in state-dict order. */
	public List<NDArray> paramArrays() {
		final List<NDArray> out = new ArrayList<>();
		for (final String n : params.keySet()) out.add(param(n));
		return out;
	}

	// -- Weights --

	/**
	 * Loads weights into {@code manager}'s native memory after checking every name and shape against the
	 * architecture; the error names the first missing, unexpected or mis-shaped tensor.
	 */
	public SrNetwork load(final StateDict sd, final NDManager manager) {
		checkCompatible(spec, sd);
		// once: the arrays belong to the manager of the first load
		if (params.values().iterator().next() != null) throw new IllegalStateException("weights of " + spec +
			" are already loaded");
		for (final Map.Entry<String, NDArray> e : params.entrySet()) {
			final Tensor t = sd.get(e.getKey());
			final NDArray a = manager.create(t.data(), new Shape(t.shape()));
			a.setName(e.getKey());
			e.setValue(a);
		}
		return this;
	}

	/** Throws {@link IllegalArgumentException} naming the first tensor that does not fit {@code spec}. */
	public static void checkCompatible(final NetworkSpec spec, final StateDict sd) {
		for (final ConvLayer l : spec.layers()) {
			check(spec, sd, l.weightName(), l.weightShape());
			check(spec, sd, l.biasName(), l.biasShape());
		}
		final int expected = 2 * spec.layers().size();
		if (sd.size() != expected) {
			for (final String n : sd.names()) {
				boolean known = false;
				for (final ConvLayer l : spec.layers()) {
					known |= n.equals(l.weightName()) || n.equals(l.biasName());
				}
				if (!known) {
					throw new IllegalArgumentException("weights hold tensor '" + n + "', which " + spec + " does not have");
				}
			}
		}
	}

	private static void check(final NetworkSpec spec, final StateDict sd, final String name, final long[] shape) {
		final Tensor t = sd.get(name);
		if (t == null) throw new IllegalArgumentException("weights lack tensor '" + name + "' of " + spec);
		if (!Arrays.equals(t.shape(), shape)) {
			throw new IllegalArgumentException("tensor '" + name + "' has shape " + t.shapeString() + ", but " + spec +
				" needs " + Arrays.toString(shape));
		}
	}

	/**
	 * BasicSR's {@code num_in_ch} read off a state dict: the input channels of the convolution {@code layer} (its
	 * weight {@code (out, in, k, k)}), for {@link ArchitectureProvider#infer}.
	 */
	public static int inChannels(final StateDict sd, final String layer) {
		return (int) convWeight(sd, layer).shape()[1];
	}

	/**
	 * BasicSR's {@code num_out_ch} read off a state dict: the output channels of the convolution {@code layer}; when
	 * that tensor is missing or not a conv weight, {@code num_in_ch} of {@code firstLayer}, and the tensor-by-tensor
	 * check that follows inference names what is wrong with it.
	 */
	public static int outChannels(final StateDict sd, final String layer, final String firstLayer) {
		final Tensor t = sd.get(layer + ".weight");
		return t != null && t.shape().length == 4 ? (int) t.shape()[0] : inChannels(sd, firstLayer);
	}

	/** BasicSR's {@code num_out_ch} read off a state dict: the output channels of the convolution {@code layer}. */
	public static int outChannels(final StateDict sd, final String layer) {
		return (int) convWeight(sd, layer).shape()[0];
	}

	private static Tensor convWeight(final StateDict sd, final String layer) {
		final Tensor t = sd.get(layer + ".weight");
		if (t == null) throw new IllegalArgumentException("weights lack tensor '" + layer + ".weight'");
		if (t.shape().length != 4) {
			throw new IllegalArgumentException(layer + ".weight has shape " + t.shapeString() + ": expected a conv " +
				"weight (out, in, k, k)");
		}
		return t;
	}

	/**
	 * The architecture's initial weights ({@link ArchitectureProvider#initialWeights}), drawn from a seeded Java
	 * generator so they are the same on every run: for MSRResNet and the SRCNN-style net BasicSR's kaiming-normal
	 * start ({@link #kaimingNormal}), for EDSR PyTorch's default one.
	 */
	public SrNetwork initialize(final NDManager manager, final long seed) {
		return load(initialWeights(spec, seed), manager);
	}

	/** The initial weights of {@link #initialize} as a plain state dict. */
	public static StateDict initialWeights(final NetworkSpec spec, final long seed) {
		return spec.provider().initialWeights(spec, seed);
	}

	/**
	 * Kaiming-normal weights (fan-in) times {@code gain / sqrt(fan_in) * scale} and zero biases, every layer of
	 * {@code spec} in order from one generator seeded with {@code seed}: BasicSR's {@code default_init_weights(…,
	 * scale)} with the activation's {@code gain}.
	 */
	public static StateDict kaimingNormal(final NetworkSpec spec, final long seed, final double gain,
		final double scale)
	{
		final Random r = new Random(seed);
		final StateDict sd = new StateDict();
		for (final ConvLayer l : spec.layers()) {
			final int fanIn = l.in() * l.kernel() * l.kernel();
			final double std = gain / Math.sqrt(fanIn) * scale;
			final float[] w = new float[(int) Tensor.numel(l.weightShape())];
			for (int i = 0; i < w.length; i++) w[i] = (float) (std * r.nextGaussian());
			sd.put(l.weightName(), new Tensor(l.weightShape(), w));
			sd.put(l.biasName(), new Tensor(l.biasShape(), new float[l.out()]));
		}
		return sd;
	}

	/** A plain-Java copy of the current weights. */
	public StateDict toStateDict() {
		final StateDict sd = new StateDict();
		for (final String n : params.keySet()) {
			final NDArray a = param(n);
			sd.put(n, new Tensor(a.getShape().getShape(), a.toFloatArray()));
		}
		return sd;
	}

	// -- Forward --

	/**
	 * The network's output for {@code x} of shape {@code (N, 3, H, W)}; refused first, in one line, when the pass
	 * would not fit in native memory ({@link NetworkMemory}).
	 */
	public NDArray forward(final NDArray x) {
		return forward(x, null);
	}

	/** As {@link #forward(NDArray)}, reporting every feature tap on the way. */
	public NDArray forward(final NDArray x, final BiConsumer<String, NDArray> taps) {
		final long[] s = x.getShape().getShape();
		if (s.length == 4) {
			final boolean gradients = x.hasGradient() || !params.isEmpty() && param(params.keySet().iterator().next())
				.hasGradient();
			// once per size: later passes of a size that fitted are not refused because memory this process freed
			// is still counted as in use (allocators keep it)
			final long bytes = NetworkMemory.bytes(arch, s[0], s[2], s[3], gradients);
			if (bytes > accepted) {
				NetworkMemory.check(arch, s[0], s[2], s[3], gradients);
				accepted = bytes;
			}
		}
		return arch.forward(this::param, x, taps);
	}

	@Override
	public String toString() {
		return spec.toString();
	}
}
