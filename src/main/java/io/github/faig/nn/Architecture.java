package io.github.faig.nn;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;

/**
 * The forward pass of one network architecture, written with DJL operators on parameters looked up by BasicSR
 * name. Implementations are stateless: the weights come from the caller, so the same code serves inference,
 * training and FAIG's interpolated paths.
 */
public interface Architecture {

	/** The hyper-parameters. */
	NetworkSpec spec();

	/** The convolutions in BasicSR order. */
	List<ConvLayer> layers();

	/**
	 * Names of the places whose output {@link #forward} can report (feature taps), shallow to deep: for example
	 * {@code conv_first}, {@code body.0} … {@code body.15} for MSRResNet.
	 */
	List<String> tapNames();

	/** The tap used by default for deep degradation representations (docs/method.md §7). */
	String defaultTap();

	/**
	 * Runs the network.
	 *
	 * @param params the parameter of each BasicSR name
	 * @param x input {@code (N, 3, H, W)} in [0, 1]
	 * @param taps receives (tap name, feature map) for every tap on the way; may be {@code null}
	 * @return output {@code (N, 3, H·scale, W·scale)}
	 */
	NDArray forward(Function<String, NDArray> params, NDArray x, BiConsumer<String, NDArray> taps);

	/**
	 * How far, in input pixels, the output at one place depends on the input: tiles need this much overlap for
	 * their centre to equal the untiled result.
	 */
	int receptiveRadius();

	/** The smallest input side the network sees whole: its receptive field, {@code 2·radius + 1} pixels. */
	default int receptiveField() {
		return 2 * receptiveRadius() + 1;
	}

	/**
	 * Refuses a crop or tile side smaller than the receptive field, in one line: every output pixel of such an input
	 * would depend on the zero padding around it.
	 *
	 * @param parameter the input that gives the side (e.g. {@code crop_size}), for the message
	 * @param model the network's name, for the message
	 */
	default void requireReceptiveField(final String parameter, final int side, final String model) {
		final int f = receptiveField();
		if (side < f) {
			throw new IllegalArgumentException(parameter + "=" + side + " is smaller than the receptive field of " + model +
				" (" + f + "x" + f + " LR pixels): expected " + parameter + " >= " + f);
		}
	}

	// -- Shared operators --

	/** 3×3 (or K×K) convolution, stride 1, zero padding K/2, with bias. */
	static NDArray conv(final NDArray x, final Function<String, NDArray> p, final ConvLayer l) {
		final NDArray w = p.apply(l.weightName());
		final NDArray b = p.apply(l.biasName());
		final long out = w.getShape().get(0);
		final long block = 16; // oneDNN's channel block: multiples of it are computed right
		final long extra = (block - out % block) % block;
		if (extra == 0 || !Engines.recordingGradients()) return conv2d(x, w, b, l.kernel() / 2);
		// PyTorch 2.7.1's oneDNN computes the input gradient of a convolution wrong (off by tens of per cent, or NaN)
		// on some CPUs (seen on AMD Zen 5) when its output channels are not a multiple of 16, as every network's last
		// conv (3 or 1 channels). Zero filters up to the next multiple give the same output and the right gradient;
		// only runs that record gradients pay (docs/method.md §2, "Gradients").
		final Shape ws = w.getShape();
		final NDManager m = x.getManager();
		final NDArray wp = w.concat(m.zeros(new Shape(extra, ws.get(1), ws.get(2), ws.get(3)), w.getDataType()), 0);
		final NDArray bp = b == null ? null : b.concat(m.zeros(new Shape(extra), b.getDataType()), 0);
		return conv2d(x, wp, bp, l.kernel() / 2).get(new NDIndex(":, :{}", out));
	}

	private static NDArray conv2d(final NDArray x, final NDArray w, final NDArray b, final int pad) {
		return Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(pad, pad), new Shape(1, 1), 1).singletonOrThrow();
	}

	/** LeakyReLU with slope 0.1, as BasicSR. */
	static NDArray lrelu(final NDArray x) {
		return Activation.leakyRelu(x, 0.1f);
	}

	/** PyTorch's {@code pixel_shuffle}: {@code out[c, r·h+i, r·w+j] = in[c·r² + r·i + j, h, w]}. */
	static NDArray pixelShuffle(final NDArray x, final int r) {
		final long[] s = x.getShape().getShape();
		final long n = s[0];
		final long c = s[1] / (r * r);
		final long h = s[2];
		final long w = s[3];
		return x.reshape(n, c, r, r, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(n, c, h * r, w * r);
	}

	/** Bilinear upsampling by an integer factor with {@code align_corners = False}. */
	static NDArray bilinearUpsample(final NDArray x, final int r) {
		final long[] s = x.getShape().getShape();
		return x.getNDArrayInternal().interpolation(new long[] { s[2] * r, s[3] * r }, 1, false);
	}
}
