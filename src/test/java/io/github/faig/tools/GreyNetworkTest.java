package io.github.faig.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.faig.nn.Edsr;
import io.github.faig.nn.Engines;
import io.github.faig.nn.NetworkSpec;
import io.github.faig.nn.SrNetwork;
import io.github.faig.nn.io.ModelPackage;

/**
 * {@link GreyNetwork}: the grey network of an RGB one gives, for a grey image, what the RGB network gives for that
 * image as three equal channels followed by luminance (0.299 R + 0.587 G + 0.114 B), computed here independently by
 * running both networks.
 */
class GreyNetworkTest {

	@ParameterizedTest
	@ValueSource(strings = { "MSRResNet", "SRCNNStyle" })
	void greyNetworkIsTheRgbNetworkFollowedByLuminance(final String architecture) {
		final NetworkSpec rgb = new NetworkSpec(architecture, 2, 6, 2);
		final ModelPackage in = new ModelPackage(rgb, "rgb", "target", "", "Apache-2.0", null, SrNetwork.initialWeights(
			rgb, 3));
		final ModelPackage grey = GreyNetwork.convert(in, "grey", "test");
		assertEquals(1, grey.spec().numInCh());
		assertEquals(1, grey.spec().numOutCh());
		assertEquals("rgb", grey.provenance().get("converted_from").getAsString());
		final int h = 9, w = 11;
		final float[] g = new float[h * w];
		final Random r = new Random(1);
		for (int i = 0; i < g.length; i++) g[i] = r.nextFloat();
		try (NDManager m = Engines.newManager()) {
			final NDArray x = m.create(g, new Shape(1, 1, h, w));
			final float[] y3 = new SrNetwork(rgb).load(in.weights(), m).forward(x.repeat(1, 3)).toFloatArray();
			final float[] y1 = new SrNetwork(grey.spec()).load(grey.weights(), m).forward(x).toFloatArray();
			final int n = y1.length;
			assertEquals(4 * h * w, n);
			for (int i = 0; i < n; i++) {
				final double lum = 0.299 * y3[i] + 0.587 * y3[n + i] + 0.114 * y3[2 * n + i];
				assertEquals(lum, y1[i], 1e-5, "pixel " + i);
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "EDSR" })
	void edsrIsRefused(final String architecture) {
		final NetworkSpec rgb = new NetworkSpec(architecture, 2, 4, 1);
		final ModelPackage in = new ModelPackage(rgb, "rgb", "target", "", null, null, SrNetwork.initialWeights(rgb, 3));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> GreyNetwork.convert(in, "g", "t")).getMessage()
			.contains("mean shift"), Edsr.NAME);
	}
}
