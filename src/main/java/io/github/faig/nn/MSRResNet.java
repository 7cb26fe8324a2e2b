package io.github.faig.nn;

import static io.github.faig.nn.Architecture.bilinearUpsample;
import static io.github.faig.nn.Architecture.conv;
import static io.github.faig.nn.Architecture.lrelu;
import static io.github.faig.nn.Architecture.pixelShuffle;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * BasicSR's MSRResNet (docs/method.md §2):
 *
 * <pre>
 * feat = lrelu(conv_first(x))
 * out  = body(feat)                       num_block × [y = x + conv2(relu(conv1(x)))]
 * out  = lrelu(pixel_shuffle(upconv(out)))  once (×2, ×3) or twice (×4)
 * out  = conv_last(lrelu(conv_hr(out))) + bilinear(x)
 * </pre>
 *
 * Scale 2, 3 or 4; names {@code MSRResNet}, {@code SRResNet}. Initial weights: kaiming-normal scaled by 0.1, as
 * BasicSR's {@code default_init_weights(…, 0.1)} (residual branches and the rest alike).
 */
public final class MSRResNet implements ArchitectureProvider {

	@Override
	public String name() {
		return NetworkSpec.MSRRESNET;
	}

	@Override
	public List<String> aliases() {
		return List.of("SRResNet");
	}

	@Override
	public void check(final NetworkSpec spec) {
		if (spec.scale() != 2 && spec.scale() != 3 && spec.scale() != 4) {
			throw new IllegalArgumentException("MSRResNet supports scale 2, 3 or 4, got " + spec.scale());
		}
	}

	/** RESULTS.md §5: Gauss–Legendre N = 8 keeps 98.9 % of the reference's top-1 % filters for both degradations. */
	@Override
	public QuadratureAdvice quadratureAdvice() {
		return new QuadratureAdvice("gauss-legendre", 8, "RESULTS.md §5, MSRResNet pair");
	}

	@Override
	public Architecture build(final NetworkSpec spec) {
		return new Net(spec);
	}

	@Override
	public StateDict initialWeights(final NetworkSpec spec, final long seed) {
		return SrNetwork.kaimingNormal(spec, seed, Math.sqrt(2.0), 0.1);
	}

	@Override
	public List<String> signature() {
		return List.of("conv_first.weight", "upconv1.weight");
	}

	@Override
	public NetworkSpec infer(final StateDict sd) {
		final int f = (int) sd.get("conv_first.weight").shape()[0];
		final int blocks = ResidualNet.blocks(sd);
		final int scale;
		if (sd.contains("upconv2.weight")) scale = 4;
		else {
			final Tensor up = sd.get("upconv1.weight");
			scale = (int) Math.round(Math.sqrt(up.shape()[0] / (double) f));
			if (scale < 2 || up.shape()[0] != (long) f * scale * scale) {
				throw new IllegalArgumentException("upconv1.weight has " + up.shape()[0] + " output channels: expected " +
					"num_feat x scale² (" + 4 * f + " for x2, " + 9 * f + " for x3, with num_feat " + f + ")");
			}
		}
		return new NetworkSpec(NetworkSpec.MSRRESNET, scale, f, blocks, null, SrNetwork.inChannels(sd, "conv_first"),
			SrNetwork.outChannels(sd, "conv_last", "conv_first"));
	}

	/** The network of one spec. */
	private static final class Net extends ResidualNet {

		Net(final NetworkSpec spec) {
			super(spec);
			final int f = spec.numFeat();
			addUpsampling(u -> "upconv" + (u + 1));
			layers.add(new ConvLayer("conv_hr", f, f, 3));
			layers.add(new ConvLayer("conv_last", f, spec.numOutCh(), 3));
		}

		@Override
		public List<String> tapNames() {
			final List<String> names = bodyTaps();
			for (final ConvLayer u : upconvs) names.add(u.name());
			names.add("conv_hr");
			return names;
		}

		@Override
		public NDArray forward(final Function<String, NDArray> p, final NDArray x,
			final BiConsumer<String, NDArray> taps)
		{
			int i = 0;
			NDArray out = lrelu(conv(x, p, layers.get(i++)));
			if (taps != null) taps.accept("conv_first", out);
			for (int b = 0; b < spec.numBlock(); b++) {
				final NDArray branch = conv(Activation.relu(conv(out, p, layers.get(i++))), p, layers.get(i++));
				out = out.add(branch);
				if (taps != null) taps.accept("body." + b, out);
			}
			for (final ConvLayer up : upconvs) {
				out = lrelu(pixelShuffle(conv(out, p, up), shuffle));
				i++;
				if (taps != null) taps.accept(up.name(), out);
			}
			out = lrelu(conv(out, p, layers.get(i++)));
			if (taps != null) taps.accept("conv_hr", out);
			out = conv(out, p, layers.get(i));
			return out.add(bilinearUpsample(x, spec.scale()));
		}

		@Override
		public int receptiveRadius() {
			// conv_first + 2 per block + upconvs at LR; conv_hr and conv_last at HR add one LR pixel between them.
			return 1 + 2 * spec.numBlock() + upconvs.size() + 1;
		}
	}
}
