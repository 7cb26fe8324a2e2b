package io.github.faig.workflow;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a termination signal (Ctrl-C, {@code kill}) from ending the JVM while PyTorch is inside a call: the native
 * library crashes when it is torn down mid-step. While the guard is open, a signal runs {@code onSignal} (which asks
 * the work to stop at its next step) and then holds the shutdown until the guard is closed, or at most
 * {@code waitSeconds}.
 *
 * <pre>
 * try (TerminationGuard g = TerminationGuard.install("name", () -&gt; stop.set(true), 60)) {
 * 	... work that polls stop between steps ...
 * }
 * </pre>
 */
public final class TerminationGuard implements AutoCloseable {

	private final CountDownLatch closed = new CountDownLatch(1);
	private final Thread hook;

	private TerminationGuard(final String name, final Runnable onSignal, final long waitSeconds) {
		hook = new Thread(() -> {
			onSignal.run();
			try {
				closed.await(waitSeconds, TimeUnit.SECONDS);
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}, name);
	}

	/** Opens a guard; close it when the work has ended (and reported what it must). */
	public static TerminationGuard install(final String name, final Runnable onSignal, final long waitSeconds) {
		final TerminationGuard g = new TerminationGuard(name, onSignal, waitSeconds);
		Runtime.getRuntime().addShutdownHook(g.hook);
		return g;
	}

	/** Releases a shutdown that is waiting for the work, or removes the hook if none is under way. */
	@Override
	public void close() {
		closed.countDown();
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (final IllegalStateException e) {
			// already shutting down: the hook is running and has just been released
		}
	}
}
