package io.github.faig.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The native thread count: as asked, or the cores other programs leave free. */
class ThreadsTest {

	@Test
	void automaticLeavesBusyCoresAlone() {
		assertEquals(2, Engines.automaticThreads(2, 0.1));
		assertEquals(1, Engines.automaticThreads(2, 1.0), "one of two cores busy: one thread");
		assertEquals(1, Engines.automaticThreads(2, 3.5), "never fewer than one");
		assertEquals(13, Engines.automaticThreads(16, 2.6));
		final double busy = Engines.otherBusyCores();
		assertTrue(busy >= 0 && busy <= Runtime.getRuntime().availableProcessors() + 0.5, "busy " + busy);
	}

	@Test
	void anExplicitCountIsSetOnTheEngine() {
		Engines.pytorch();
		try {
			assertEquals(1, Engines.requestThreads(1));
			assertEquals(1, Engines.threads());
			assertTrue(Engines.requestThreads(0) >= 1);
		}
		finally {
			Engines.requestThreads(0);
		}
		assertThrows(IllegalArgumentException.class, () -> Engines.requestThreads(-1));
	}
}
