package io.github.faig.nn;

import static io.github.faig.nn.Architecture.conv;
import static io.github.faig.nn.Architecture.lrelu;
import static io.github.faig.nn.Architecture.pixelShuffle;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.djl.ndarray.NDArray;

/**
 * The paper's SRCNN-style network (docs/method.md §2): a plain stack without skips or BN, as a PyTorch
 * {@code nn.Sequential} named {@code features}. For width w and m middle convs (paper: 64 and 4):
 *
 * <pre>
 * conv 3→w, lrelu, conv w→2w, lrelu, m × [conv 2w→2w, lrelu],
 * conv 2w→2w·r², pixel_shuffle(r), lrelu, conv 2w→2w, lrelu, conv 2w→3
 * </pre>
 *
 * The convs sit at the Sequential's indices 0, 2, 4, …, then the upsampling conv, (shuffle, lrelu), and the last
 * two convs two apart, which gives the reference names {@code features.{0,2,4,6,8,10,12,15,17}}.
 * <p>
 * Scale 2 or 3; names {@code SRCNNStyle}, {@code SRCNN}. Initial weights: kaiming-normal with the LeakyReLU(0.1)
 * gain, unscaled (no residual paths to keep small).
 * </p>
 */
public final class SrcnnStyle implements ArchitectureProvider {

	private static final Pattern FEATURES = Pattern.compile("features\\.(\\d+)\\.weight");

	@Override
	public String name() {
		return NetworkSpec.SRCNN_STYLE;
	}

	@Override
	public List<String> aliases() {
		return List.of("SRCNN");
	}

	@Override
	public void check(final NetworkSpec spec) {
		if (spec.scale() != 2 && spec.scale() != 3) {
			throw new IllegalArgumentException("SRCNNStyle supports scale 2 or 3, got " + spec.scale());
		}
	}

	/**
	 * RESULTS.md §7.3: Gauss–Legendre N = 16 keeps 98.7 % (blur) and 98.5 % (noise) of the reference's top-1 %
	 * filters.
	 */
	@Override
	public QuadratureAdvice quadratureAdvice() {
		return new QuadratureAdvice("gauss-legendre", 16, "RESULTS.md §7, SRCNN-style pair");
	}

	@Override
	public Architecture build(final NetworkSpec spec) {
		return new Net(spec);
	}

	@Override
	public StateDict initialWeights(final NetworkSpec spec, final long seed) {
		return SrNetwork.kaimingNormal(spec, seed, Math.sqrt(2.0 / (1 + 0.1 * 0.1)), 1.0);
	}

	@Override
	public List<String> signature() {
		return List.of("features.0.weight");
	}

	@Override
	public NetworkSpec infer(final StateDict sd) {
		final TreeSet<Integer> idx = new TreeSet<>();
		for (final String n : sd.names()) {
			final Matcher m = FEATURES.matcher(n);
			if (m.matches()) idx.add(Integer.parseInt(m.group(1)));
		}
		final int w = (int) sd.get("features.0.weight").shape()[0];
		final int convs = idx.size();
		if (convs < 5) {
			throw new IllegalArgumentException("SRCNN-style weights hold " + convs + " convolution(s) " + idx + ": " +
				"expected at least 5 (features.N.weight); the state dict is incomplete");
		}
		final Integer[] order = idx.toArray(new Integer[0]);
		final Tensor up = sd.get("features." + order[convs - 3] + ".weight");
		final int scale = (int) Math.round(Math.sqrt(up.shape()[0] / (2.0 * w)));
		return new NetworkSpec(NetworkSpec.SRCNN_STYLE, scale, w, convs - 5, null, SrNetwork.inChannels(sd,
			"features.0"), SrNetwork.outChannels(sd, "features." + order[convs - 1], "features.0"));
	}

	/** The network of one spec. */
	private static final class Net extends ConvNet {

		private final int upIndex;

		Net(final NetworkSpec spec) {
			super(spec);
			final int w = spec.numFeat();
			final int w2 = 2 * w;
			final int r = spec.scale();
			int idx = 0;
			layers.add(new ConvLayer("features." + idx, spec.numInCh(), w, 3));
			idx += 2;
			layers.add(new ConvLayer("features." + idx, w, w2, 3));
			idx += 2;
			for (int m = 0; m < spec.numBlock(); m++) {
				layers.add(new ConvLayer("features." + idx, w2, w2, 3));
				idx += 2;
			}
			upIndex = layers.size();
			layers.add(new ConvLayer("features." + idx, w2, w2 * r * r, 3));
			idx += 3; // conv, pixel shuffle, lrelu
			layers.add(new ConvLayer("features." + idx, w2, w2, 3));
			idx += 2;
			layers.add(new ConvLayer("features." + idx, w2, spec.numOutCh(), 3));
		}

		@Override
		public List<String> tapNames() {
			final List<String> names = new ArrayList<>();
			for (int i = 0; i < layers.size() - 1; i++) names.add(layers.get(i).name());
			return names;
		}

		@Override
		public String defaultTap() {
			// The last conv before the upsampling conv.
			return layers.get(upIndex - 1).name();
		}

		@Override
		public NDArray forward(final Function<String, NDArray> p, final NDArray x,
			final BiConsumer<String, NDArray> taps)
		{
			NDArray out = x;
			for (int i = 0; i < layers.size(); i++) {
				final ConvLayer l = layers.get(i);
				out = conv(out, p, l);
				if (i == upIndex) out = pixelShuffle(out, spec.scale());
				if (i < layers.size() - 1) {
					out = lrelu(out);
					if (taps != null) taps.accept(l.name(), out);
				}
			}
			return out;
		}

		@Override
		public int receptiveRadius() {
			// Every conv before the shuffle adds one LR pixel; the two after it one LR pixel together.
			return upIndex + 1 + 1;
		}
	}
}
