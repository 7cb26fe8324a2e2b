package io.github.faig.nn;

import java.util.ArrayList;
import java.util.List;

/** What the network of every architecture holds: its spec and its convolutions in BasicSR order. */
abstract class ConvNet implements Architecture {

	protected final NetworkSpec spec;

	/** Filled by the subclass's constructor, in BasicSR order. */
	protected final List<ConvLayer> layers = new ArrayList<>();

	ConvNet(final NetworkSpec spec) {
		this.spec = spec;
	}

	@Override
	public final NetworkSpec spec() {
		return spec;
	}

	@Override
	public final List<ConvLayer> layers() {
		return List.copyOf(layers);
	}
}
