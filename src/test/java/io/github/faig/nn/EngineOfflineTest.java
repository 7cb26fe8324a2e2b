package io.github.faig.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** The PyTorch engine loads from the bundled native jar with downloads forbidden. */
class EngineOfflineTest {

	@Test
	void pytorchEngineLoadsOffline() {
		assertEquals("true", System.getProperty("ai.djl.offline"), "tests must run with ai.djl.offline=true");
		final Engine engine = Engine.getEngine("PyTorch");
		assertEquals("PyTorch", engine.getEngineName());
		assertEquals("2.7.1", engine.getVersion());
		try (NDManager m = engine.newBaseManager()) {
			final NDArray a = m.create(new float[] { 1, 2, 3, 4 }, new Shape(2, 2));
			assertEquals(10f, a.sum().getFloat(), 0f);
			assertEquals(54f, a.matMul(a).sum().getFloat(), 1e-6f); // [[7,10],[15,22]]
		}
	}
}
