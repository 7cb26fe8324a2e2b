package io.github.faig.workflow;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * How a workflow reports progress and learns that its caller wants it to stop: one type for every workflow, whoever
 * calls it (a Fiji command, the demo, a benchmark, a test, a Spark task).
 * <p>
 * A workflow calls {@link #progress} at each step boundary (an input, a FAIG path step, an SR tile, a training
 * iteration) and {@link #checkCancelled()} at the same places; it leaves nothing half-written when it stops. The
 * engines below the workflows ({@code FaigEngine}, {@code SuperResolver}, {@code SrModel}, {@code Trainer},
 * {@code DegradationPredictor}, ...) take one too, {@link #NONE} where nobody watches; a workflow hands them
 * {@link #reporting} its own wording.
 * </p>
 */
public interface Monitor {

	/** A monitor that shows nothing and never cancels. */
	Monitor NONE = new Monitor() {

		@Override
		public void progress(final String message, final long done, final long total) {}

		@Override
		public boolean isCancelled() {
			return false;
		}
	};

	/** Where a monitor's progress goes: {@link #progress}'s arguments. */
	@FunctionalInterface
	interface Report {

		void progress(String message, long done, long total);
	}

	/** A monitor that reports to {@code report} and is cancelled when {@code cancelled} says so. */
	static Monitor of(final Report report, final BooleanSupplier cancelled) {
		return new Monitor() {

			@Override
			public void progress(final String message, final long done, final long total) {
				report.progress(message, done, total);
			}

			@Override
			public boolean isCancelled() {
				return cancelled.getAsBoolean();
			}
		};
	}

	/**
	 * Step {@code done} of {@code total} is reached (an estimate of {@code total} is fine: the count only informs).
	 *
	 * @param message what is being done, for a status line
	 */
	void progress(String message, long done, long total);

	/** Whether the caller asked the work to stop. */
	boolean isCancelled();

	/** Stops the work here if the caller asked: throws {@link CancellationException}. */
	default void checkCancelled() {
		if (isCancelled() || Thread.currentThread().isInterrupted()) throw new CancellationException();
	}

	/**
	 * This monitor's cancellation, with progress going to {@code report} instead: how a workflow words an engine's
	 * steps (its tiles, path steps, iterations) its own way, or counts them into a larger whole.
	 */
	default Monitor reporting(final Report report) {
		return of(report, this::isCancelled);
	}

	/** This monitor's cancellation alone: for an engine whose steps the workflow does not show. */
	default Monitor silent() {
		return reporting((message, done, total) -> {});
	}
}
