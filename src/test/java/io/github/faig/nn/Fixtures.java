package io.github.faig.nn;

import java.io.File;
import java.net.URISyntaxException;

import io.github.faig.nn.io.SafeTensors;

/** The PyTorch fixtures made by {@code tools/make_parity_fixtures.py}. */
public final class Fixtures {

	public static final String[] NETWORKS = { "msrresnet_x2", "msrresnet_x3", "msrresnet_x4", "srcnn_x2" };

	private Fixtures() {}

	public static File file(final String name) {
		try {
			return new File(Fixtures.class.getResource("/fixtures/" + name).toURI());
		}
		catch (final URISyntaxException | NullPointerException e) {
			throw new IllegalStateException("missing fixture " + name, e);
		}
	}

	public static StateDict weights(final String net) throws Exception {
		return SafeTensors.read(file(net + "_weights.safetensors"));
	}

	public static StateDict io(final String net) throws Exception {
		return SafeTensors.read(file(net + "_io.safetensors"));
	}
}
