package io.github.faig.nn;

import static io.github.faig.nn.Architecture.bilinearUpsample;
import static io.github.faig.nn.Architecture.conv;
import static io.github.faig.nn.Architecture.lrelu;
import static io.github.faig.nn.Architecture.pixelShuffle;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

import ai.djl.ndarray.NDArray;

/**
 * BasicSR's MSRResNet (docs/method.md §2):
 *
 * <pre>
 * feat = lrelu(conv_first(x))
 * out  = body(feat)                       num_block × [y = x + conv2(relu(conv1(x)))]
 * out  = lrelu(pixel_shuffle(upconv(out)))  once (×2, ×3) or twice (×4)
 * out  = conv_last(lrelu(conv_hr(out))) + bilinear(x)
 * </pre>
 */
final class MSRResNet implements Architecture {

	private final NetworkSpec spec;
	private final List<ConvLayer> layers = new ArrayList<>();
	private final List<ConvLayer> upconvs = new ArrayList<>();
	private final int shuffle;

	MSRResNet(final NetworkSpec spec) {
		this.spec = spec;
		final int f = spec.numFeat();
		layers.add(new ConvLayer("conv_first", 3, f, 3));
		for (int b = 0; b < spec.numBlock(); b++) {
			layers.add(new ConvLayer("body." + b + ".conv1", f, f, 3));
			layers.add(new ConvLayer("body." + b + ".conv2", f, f, 3));
		}
		shuffle = spec.scale() == 4 ? 2 : spec.scale();
		final int ups = spec.scale() == 4 ? 2 : 1;
		for (int u = 1; u <= ups; u++) {
			final ConvLayer up = new ConvLayer("upconv" + u, f, f * shuffle * shuffle, 3);
			upconvs.add(up);
			layers.add(up);
		}
		layers.add(new ConvLayer("conv_hr", f, f, 3));
		layers.add(new ConvLayer("conv_last", f, 3, 3));
	}

	@Override
	public NetworkSpec spec() {
		return spec;
	}

	@Override
	public List<ConvLayer> layers() {
		return List.copyOf(layers);
	}

	@Override
	public List<String> tapNames() {
		final List<String> names = new ArrayList<>();
		names.add("conv_first");
		for (int b = 0; b < spec.numBlock(); b++) names.add("body." + b);
		for (final ConvLayer u : upconvs) names.add(u.name());
		names.add("conv_hr");
		return names;
	}

	@Override
	public String defaultTap() {
		return spec.numBlock() > 0 ? "body." + (spec.numBlock() - 1) : "conv_first";
	}

	@Override
	public NDArray forward(final Function<String, NDArray> p, final NDArray x,
		final BiConsumer<String, NDArray> taps)
	{
		int i = 0;
		NDArray out = lrelu(conv(x, p, layers.get(i++)));
		if (taps != null) taps.accept("conv_first", out);
		for (int b = 0; b < spec.numBlock(); b++) {
			final NDArray branch = conv(ai.djl.nn.Activation.relu(conv(out, p, layers.get(i++))), p, layers.get(i++));
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
