package io.github.faig.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The layout MSRResNet and EDSR share: {@code conv_first}, then {@code num_block} residual blocks
 * {@code body.N.conv1}, {@code body.N.conv2}, and pixel-shuffle upsampling convs (one stage for ×2 and ×3, two ×2
 * stages for ×4).
 */
abstract class ResidualNet extends ConvNet {

	private static final Pattern BODY = Pattern.compile("body\\.(\\d+)\\.conv1\\.weight");

	/** The upsampling convs, in order. */
	protected final List<ConvLayer> upconvs = new ArrayList<>();

	/** The pixel-shuffle factor of each upsampling stage. */
	protected final int shuffle;

	/** Adds {@code conv_first} and the residual blocks. */
	ResidualNet(final NetworkSpec spec) {
		super(spec);
		final int f = spec.numFeat();
		layers.add(new ConvLayer("conv_first", spec.numInCh(), f, 3));
		for (int b = 0; b < spec.numBlock(); b++) {
			layers.add(new ConvLayer("body." + b + ".conv1", f, f, 3));
			layers.add(new ConvLayer("body." + b + ".conv2", f, f, 3));
		}
		shuffle = spec.scale() == 4 ? 2 : spec.scale();
	}

	/** Adds the upsampling convs; {@code name} gives the BasicSR name of stage 0, 1. */
	protected final void addUpsampling(final IntFunction<String> name) {
		final int f = spec.numFeat();
		final int stages = spec.scale() == 4 ? 2 : 1;
		for (int u = 0; u < stages; u++) {
			final ConvLayer c = new ConvLayer(name.apply(u), f, f * shuffle * shuffle, 3);
			upconvs.add(c);
			layers.add(c);
		}
	}

	/** {@code conv_first}, {@code body.0} … : the taps up to the end of the residual blocks. */
	protected final List<String> bodyTaps() {
		final List<String> names = new ArrayList<>();
		names.add("conv_first");
		for (int b = 0; b < spec.numBlock(); b++) names.add("body." + b);
		return names;
	}

	@Override
	public String defaultTap() {
		return spec.numBlock() > 0 ? "body." + (spec.numBlock() - 1) : "conv_first";
	}

	/** The number of residual blocks in a state dict: one past the highest {@code body.N.conv1}. */
	static int blocks(final StateDict sd) {
		int blocks = 0;
		for (final String n : sd.names()) {
			final Matcher m = BODY.matcher(n);
			if (m.matches()) blocks = Math.max(blocks, Integer.parseInt(m.group(1)) + 1);
		}
		return blocks;
	}
}
