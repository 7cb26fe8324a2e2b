package io.github.faig.nn;

import static io.github.faig.nn.Architecture.conv;
import static io.github.faig.nn.Architecture.pixelShuffle;

import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Function;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * EDSR-baseline (Lim et al., CVPR-W 2017) as BasicSR's {@code EDSR} (docs/method.md §2): residual blocks without
 * batch norm, a long skip, and BasicSR's mean shift around the whole network.
 *
 * <pre>
 * x'   = (x − rgb_mean) · img_range
 * feat = conv_first(x')
 * res  = conv_after_body(body(feat)) + feat      num_block × [y = x + res_scale · conv2(relu(conv1(x)))]
 * out  = conv_last(upsample(res))               ×2: conv f→4f, pixel_shuffle(2); ×4: that twice;
 *                                               ×3: conv f→9f, pixel_shuffle(3)
 * y    = out / img_range + rgb_mean
 * </pre>
 *
 * BasicSR's names: {@code conv_first}, {@code body.N.conv1}, {@code body.N.conv2}, {@code conv_after_body},
 * {@code upsample.0} (and {@code upsample.2} at ×4: the pixel shuffles sit at the odd indices of BasicSR's
 * {@code Upsample} Sequential), {@code conv_last}. Options, BasicSR's arguments of the same names and defaults:
 * <ul>
 * <li>{@code res_scale} (1): the residual branch's factor; EDSR-baseline uses 1, the large EDSR 0.1;</li>
 * <li>{@code img_range} (255) and {@code rgb_mean} (0.4488, 0.4371, 0.4040, DIV2K's mean): the mean shift. BasicSR
 * keeps {@code rgb_mean} as a plain attribute, so a checkpoint holds neither; the defaults are what every BasicSR
 * EDSR option file uses.</li>
 * </ul>
 * Input and output are RGB ({@code num_in_ch = num_out_ch = 3}, the default) or grey (1). BasicSR's EDSR keeps its
 * mean as a {@code (1, 3, 1, 1)} tensor, so with {@code num_in_ch = 1} its forward pass broadcasts a grey input to
 * three channels and fails at {@code conv_first}; a grey EDSR here subtracts a mean of 0 instead, the rule BasicSR's
 * SwinIR and HAT follow for inputs that are not RGB, and keeps {@code rgb_mean} at its default (it is not used).
 * Scale 2, 3 or 4. With 64 features and 16 blocks at
 * ×2 it has the paper MSRResNet's filter and parameter counts (151,936 and 1,369,859). Initial weights: PyTorch's
 * default for {@code nn.Conv2d} (weights and biases uniform in ±1/√fan_in), which BasicSR's EDSR keeps.
 */
public final class Edsr implements ArchitectureProvider {

	public static final String NAME = "EDSR";
	public static final String RES_SCALE = "res_scale";
	public static final String IMG_RANGE = "img_range";
	public static final String RGB_MEAN = "rgb_mean";

	/** EDSR-baseline ×2: 64 features, 16 blocks, BasicSR's defaults. */
	public static NetworkSpec baseline() {
		return new NetworkSpec(NAME, 2, 64, 16);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public List<String> aliases() {
		return List.of("EDSR-baseline");
	}

	@Override
	public List<Option> options() {
		return List.of(Option.number(RES_SCALE, 1.0, "factor of each residual branch (EDSR-baseline 1, EDSR 0.1)"),
			Option.number(IMG_RANGE, 255.0, "the input is (x - rgb_mean) * img_range, the output out / img_range + " +
				"rgb_mean"), Option.vector(RGB_MEAN, "mean subtracted from the input and added to the output (R, G, B)",
					0.4488, 0.4371, 0.4040));
	}

	@Override
	public void check(final NetworkSpec spec) {
		if (spec.scale() != 2 && spec.scale() != 3 && spec.scale() != 4) {
			throw new IllegalArgumentException("EDSR supports scale 2, 3 or 4, got " + spec.scale());
		}
		if (!(spec.option(RES_SCALE) > 0)) {
			throw new IllegalArgumentException("EDSR res_scale must be > 0, got " + spec.option(RES_SCALE));
		}
		if (!(spec.option(IMG_RANGE) > 0)) {
			throw new IllegalArgumentException("EDSR img_range must be > 0, got " + spec.option(IMG_RANGE));
		}
		if (spec.grey() && !spec.options().get(RGB_MEAN).equals(options().get(2).defaults())) {
			throw new IllegalArgumentException("EDSR rgb_mean is for RGB networks; a grey EDSR (num_in_ch = 1) " +
				"subtracts 0, as BasicSR's SwinIR does for non-RGB input: expected rgb_mean at its default, got " + spec
					.options().get(RGB_MEAN));
		}
	}

	@Override
	public Architecture build(final NetworkSpec spec) {
		return new Net(spec);
	}

	@Override
	public StateDict initialWeights(final NetworkSpec spec, final long seed) {
		final Random r = new Random(seed);
		final StateDict sd = new StateDict();
		for (final ConvLayer l : spec.layers()) {
			final double bound = 1 / Math.sqrt(l.in() * l.kernel() * l.kernel());
			final float[] w = new float[(int) Tensor.numel(l.weightShape())];
			for (int i = 0; i < w.length; i++) w[i] = (float) (bound * (2 * r.nextDouble() - 1));
			final float[] b = new float[l.out()];
			for (int i = 0; i < b.length; i++) b[i] = (float) (bound * (2 * r.nextDouble() - 1));
			sd.put(l.weightName(), new Tensor(l.weightShape(), w));
			sd.put(l.biasName(), new Tensor(l.biasShape(), b));
		}
		return sd;
	}

	@Override
	public List<String> signature() {
		return List.of("conv_first.weight", "conv_after_body.weight");
	}

	/**
	 * Features, blocks and scale from the tensors. The options are not in a checkpoint: {@code img_range} and
	 * {@code rgb_mean} take BasicSR's defaults, and {@code res_scale} is 0.1 for EDSR's large configuration (256
	 * features, 32 blocks, as in the EDSR paper and BasicSR's EDSR_L option files), else 1.
	 */
	@Override
	public NetworkSpec infer(final StateDict sd) {
		final Tensor first = sd.get("conv_first.weight");
		if (first.shape().length != 4) {
			throw new IllegalArgumentException("conv_first.weight has shape " + first.shapeString() + ": expected a conv " +
				"weight (out, in, 3, 3)");
		}
		final int f = (int) first.shape()[0];
		final int blocks = ResidualNet.blocks(sd);
		final Tensor up = sd.get("upsample.0.weight");
		if (up == null) throw new IllegalArgumentException("EDSR weights lack upsample.0.weight");
		if (sd.contains("upsample.4.weight")) {
			throw new IllegalArgumentException("EDSR weights hold upsample.4.weight, a third upsampling stage (x8): " +
				"FAIG's EDSR supports scale 2, 3 or 4");
		}
		final int scale;
		if (sd.contains("upsample.2.weight")) scale = 4;
		else {
			scale = (int) Math.round(Math.sqrt(up.shape()[0] / (double) f));
			if (scale < 2 || up.shape()[0] != (long) f * scale * scale) {
				throw new IllegalArgumentException("upsample.0.weight has " + up.shape()[0] + " output channels: expected " +
					"num_feat x scale² (" + 4 * f + " for x2 and x4, " + 9 * f + " for x3, with num_feat " + f + ")");
			}
		}
		final NetworkSpec spec = new NetworkSpec(NAME, scale, f, blocks, null, SrNetwork.inChannels(sd, "conv_first"),
			SrNetwork.outChannels(sd, "conv_last", "conv_first"));
		return f == 256 && blocks == 32 ? spec.withOption(RES_SCALE, 0.1) : spec;
	}

	/** The network of one spec. */
	private static final class Net extends ResidualNet {

		private final float resScale;
		private final float imgRange;
		private final float[] mean;

		Net(final NetworkSpec spec) {
			super(spec);
			final int f = spec.numFeat();
			layers.add(new ConvLayer("conv_after_body", f, f, 3));
			addUpsampling(u -> "upsample." + 2 * u);
			layers.add(new ConvLayer("conv_last", f, spec.numOutCh(), 3));
			resScale = (float) spec.option(RES_SCALE);
			imgRange = (float) spec.option(IMG_RANGE);
			// grey: mean 0 (see the class comment)
			final double[] m = spec.grey() ? new double[1] : spec.vector(RGB_MEAN);
			mean = new float[m.length];
			for (int i = 0; i < m.length; i++) mean[i] = (float) m[i];
		}

		@Override
		public List<String> tapNames() {
			final List<String> names = bodyTaps();
			names.add("conv_after_body");
			for (final ConvLayer u : upconvs) names.add(u.name());
			return names;
		}

		@Override
		public NDArray forward(final Function<String, NDArray> p, final NDArray x,
			final BiConsumer<String, NDArray> taps)
		{
			final NDArray m = x.getManager().create(mean, new Shape(1, mean.length, 1, 1));
			int i = 0;
			final NDArray feat = conv(x.sub(m).mul(imgRange), p, layers.get(i++));
			if (taps != null) taps.accept("conv_first", feat);
			NDArray out = feat;
			for (int b = 0; b < spec.numBlock(); b++) {
				NDArray branch = conv(Activation.relu(conv(out, p, layers.get(i++))), p, layers.get(i++));
				// ×1 is exact: skipped
				if (resScale != 1f) branch = branch.mul(resScale);
				out = out.add(branch);
				if (taps != null) taps.accept("body." + b, out);
			}
			out = conv(out, p, layers.get(i++)).add(feat);
			if (taps != null) taps.accept("conv_after_body", out);
			for (final ConvLayer up : upconvs) {
				out = pixelShuffle(conv(out, p, up), shuffle);
				i++;
				if (taps != null) taps.accept(up.name(), out);
			}
			out = conv(out, p, layers.get(i));
			return out.div(imgRange).add(m);
		}

		@Override
		public int receptiveRadius() {
			// conv_first, 2 per block, conv_after_body and the first upsampling conv at LR; a second upsampling conv
			// (x4, at 2x) and conv_last (at HR) each reach at most one LR pixel further.
			return 1 + 2 * spec.numBlock() + 1 + upconvs.size() + 1;
		}
	}
}
