package io.github.faig.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;

import org.junit.jupiter.api.Test;
import org.scijava.Context;

import io.github.faig.cli.FaigMain;
import io.github.faig.workflow.Sharding;

/** The run mode lives in a context's service: a sharding used for a scope, the launcher flag set by ./faig. */
class FaigRunServiceTest {

	@Test
	void shardingIsTheContextsForItsScope() {
		try (Context a = new Context(FaigRunService.class); Context b = new Context(FaigRunService.class)) {
			final Sharding standIn = new StandIn();
			try (FaigRunService.Scope s = a.service(FaigRunService.class).use(standIn)) {
				assertSame(standIn, a.service(FaigRunService.class).sharding());
				// another context (another Fiji, a test beside) keeps its own
				assertSame(Sharding.LOCAL, b.service(FaigRunService.class).sharding());
			}
			assertSame(Sharding.LOCAL, a.service(FaigRunService.class).sharding());
		}
	}

	@Test
	void theLauncherMarksItsContext() {
		try (Context c = new Context()) {
			assertFalse(c.service(FaigRunService.class).launcher());
			FaigMain.run(c, new PrintStream(PrintStream.nullOutputStream()), new PrintStream(PrintStream
				.nullOutputStream()), "--list");
			assertTrue(c.service(FaigRunService.class).launcher());
		}
	}

	/** A sharding that is only compared, never run. */
	private static final class StandIn implements Sharding {

		@Override
		public <S, I extends java.io.Serializable, R extends java.io.Serializable> java.util.List<R> map(
			final String what, final java.util.List<I> items, final io.github.faig.workflow.ItemTask<S, I, R> task,
			final io.github.faig.workflow.Monitor monitor)
		{
			throw new UnsupportedOperationException();
		}

		@Override
		public <T extends java.io.Serializable> io.github.faig.workflow.Shared<T> share(
			final java.util.concurrent.Callable<T> value)
		{
			throw new UnsupportedOperationException();
		}
	}
}
