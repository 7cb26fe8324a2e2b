package io.github.faig.sr;


import ai.djl.ndarray.NDManager;
import io.github.faig.image.FloatImage;
import io.github.faig.nn.Engines;
import io.github.faig.nn.NetworkSpec;
import io.github.faig.nn.SrNetwork;
import io.github.faig.nn.StateDict;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.workflow.Monitor;

/**
 * A model package loaded into native memory, ready to super-resolve images of any size and channel count. It owns
 * that memory: nothing outside hands it a manager or gets its own; close the model to free the weights.
 *
 * <pre>
 * try (SrModel m = SrModel.load(pkg)) {
 *     FloatImage sr = m.superResolve(lr, 256, -1, Monitor.NONE);
 * }
 * </pre>
 */
public final class SrModel implements AutoCloseable {

	private final NetworkSpec spec;
	private final String name;
	private final NDManager manager;
	private final SrNetwork net;

	private SrModel(final NetworkSpec spec, final StateDict weights, final String name) {
		this.spec = spec;
		this.name = name;
		this.manager = Engines.newManager();
		try {
			this.net = new SrNetwork(spec).load(weights, manager);
		}
		catch (final RuntimeException e) {
			manager.close();
			throw e;
		}
	}

	public static SrModel load(final ModelPackage pkg) {
		return new SrModel(pkg.spec(), pkg.weights(), pkg.name());
	}

	/**
	 * Weights that no package holds (a masked or modulated variant) in a network of {@code spec}; {@code name} is for
	 * messages.
	 */
	public static SrModel of(final NetworkSpec spec, final StateDict weights, final String name) {
		return new SrModel(spec, weights, name);
	}

	public int scale() {
		return spec.scale();
	}

	/** The model's name, for messages. */
	public String modelName() {
		return name;
	}

	/** The smallest input side the network sees whole: its receptive field, {@code 2·radius + 1} pixels. */
	public int minInputSize() {
		return net.architecture().receptiveField();
	}

	/** Refuses a crop or tile side, given as {@code parameter}, smaller than {@link #minInputSize()}. */
	public void requireInputSide(final String parameter, final int side) {
		net.architecture().requireReceptiveField(parameter, side, name);
	}

	/**
	 * The super-resolved image, with the input's channels. Grey images go through an RGB network as three equal
	 * channels and come back as the mean of the three output channels; a grey network ({@code num_in_ch = 1}) takes
	 * them as they are, and an RGB image only if its channels are equal ({@link FloatImage#withChannels}).
	 *
	 * @param tileSize LR tile side
	 * @param overlap context around each tile, or -1 for the exact overlap (the receptive radius)
	 * @param monitor told of each tile and asked between tiles ({@link SuperResolver#apply}); {@link Monitor#NONE}
	 */
	public FloatImage superResolve(final FloatImage lr, final int tileSize, final int overlap, final Monitor monitor) {
		if (lr.width() < minInputSize() || lr.height() < minInputSize()) {
			throw new IllegalArgumentException("image of " + lr.width() + "x" + lr.height() + " pixels is smaller than " +
				"the receptive field of " + name + " (" + minInputSize() + "x" + minInputSize() + " pixels)");
		}
		if (lr.channels() != 1 && lr.channels() != 3) {
			throw new IllegalArgumentException("expected a grey or RGB image, got " + lr.channels() + " channels");
		}
		final FloatImage in;
		try {
			in = lr.withChannels(net.spec().numInCh());
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException("model " + name + ": " + e.getMessage()); // which model refuses it
		}
		final SuperResolver sr = new SuperResolver(net, manager);
		final FloatImage out = sr.apply(in, tileSize, overlap < 0 ? sr.exactOverlap() : overlap, monitor);
		if (out.channels() == lr.channels()) return out;
		return lr.channels() == 3 ? out.asRgb() : rgb2grey(out);
	}

	private static FloatImage rgb2grey(final FloatImage rgb) {
		final int n = rgb.width() * rgb.height();
		final FloatImage out = new FloatImage(1, rgb.height(), rgb.width());
		for (int i = 0; i < n; i++) {
			out.data()[i] = (rgb.data()[i] + rgb.data()[n + i] + rgb.data()[2 * n + i]) / 3f;
		}
		return out;
	}

	/** The network, for code that works with tensors (attribution, representations). */
	public SrNetwork network() {
		return net;
	}

	/**
	 * A native scope for tensor work with {@link #network()} (deep representations): a sub-manager of the one that
	 * owns the weights, for core code only. Close it when done (try-with-resources); closing this model frees it too.
	 */
	public NDManager newScope() {
		return manager.newSubManager();
	}

	@Override
	public void close() {
		manager.close();
	}
}
