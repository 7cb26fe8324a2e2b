package io.github.faig.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.faig.nn.io.CheckpointConverter;

/** The Java forward pass against PyTorch's, on fixtures made once by tools/make_parity_fixtures.py. */
class ParityTest {

	static float maxAbsDiff(final float[] a, final float[] b) {
		assertEquals(a.length, b.length);
		float m = 0;
		for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
		return m;
	}

	@ParameterizedTest
	@ValueSource(strings = { "msrresnet_x2", "msrresnet_x3", "msrresnet_x4", "srcnn_x2" })
	void forwardMatchesPyTorch(final String net) throws Exception {
		final StateDict w = Fixtures.weights(net);
		final StateDict io = Fixtures.io(net);
		final NetworkSpec spec = CheckpointConverter.inferSpec(w);
		Engines.workerThread();
		try (NDManager m = Engines.newManager()) {
			final SrNetwork model = new SrNetwork(spec).load(w, m);
			final Tensor x = io.get("input");
			final Map<String, float[]> taps = new HashMap<>();
			final NDArray y = model.forward(m.create(x.data(), new Shape(x.shape())), (n, a) -> taps.put(n, a
				.toFloatArray()));
			final Tensor expected = io.get("output");
			assertArrayEquals(expected.shape(), y.getShape().getShape());
			final float err = maxAbsDiff(expected.data(), y.toFloatArray());
			assertTrue(err <= 1e-5, net + ": max |java - pytorch| = " + err);
			// Every tap PyTorch recorded matches, so feature taps name the same places.
			int checked = 0;
			for (final String n : io.names()) {
				if (!n.startsWith("tap:")) continue;
				final String tap = n.substring(4);
				assertTrue(taps.containsKey(tap), "no tap " + tap + " in " + taps.keySet());
				assertTrue(maxAbsDiff(io.get(n).data(), taps.get(tap)) <= 1e-5, "tap " + tap);
				checked++;
			}
			assertTrue(checked >= 2);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "msrresnet_x2", "srcnn_x2" })
	void inferredSpecAndFilterCountsMatchTheFixture(final String net) throws Exception {
		final NetworkSpec spec = CheckpointConverter.inferSpec(Fixtures.weights(net));
		if (net.startsWith("msr")) assertEquals(new NetworkSpec("MSRResNet", 2, 8, 2), spec);
		else assertEquals(new NetworkSpec("SRCNNStyle", 2, 4, 4), spec);
		assertEquals(Fixtures.weights(net).parameterCount(), SrNetwork.initialWeights(spec, 0).parameterCount());
	}
}
