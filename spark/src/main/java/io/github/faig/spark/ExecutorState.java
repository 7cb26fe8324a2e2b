package io.github.faig.spark;

import java.util.HashMap;
import java.util.Map;

import io.github.faig.workflow.ItemTask;

/**
 * The state of the current job in this JVM (an executor, or the driver under a local master): built once by
 * {@link ItemTask#open()} when the job's first item arrives and kept for its other items, so each JVM loads the
 * models once. A JVM keeps one job's state: the next job's first item closes it.
 */
final class ExecutorState {

	/** A job's state; items synchronize on it to run one at a time. */
	static final class Entry<S> {

		private final S value;
		private final boolean owned;

		Entry(final S value, final boolean owned) {
			this.value = value;
			this.owned = owned;
		}

		S value() {
			return value;
		}
	}

	private static final Map<String, Entry<?>> lent = new HashMap<>();
	private static String job;
	private static Entry<?> current;

	private ExecutorState() {}

	/**
	 * The state of {@code job} in this JVM, opened now if this is the job's first item here.
	 *
	 * @param built told how many seconds the opening took, when this call opened it
	 */
	@SuppressWarnings("unchecked")
	static synchronized <S> Entry<S> of(final String job, final ItemTask<S, ?, ?> task,
		final java.util.function.DoubleConsumer built) throws Exception
	{
		final Entry<?> borrowed = lent.get(job);
		if (borrowed != null) return (Entry<S>) borrowed;
		if (!job.equals(ExecutorState.job)) {
			closeCurrent();
			final long t0 = System.nanoTime();
			current = new Entry<>(task.open(), true);
			ExecutorState.job = job;
			built.accept((System.nanoTime() - t0) / 1e9);
		}
		return (Entry<S>) current;
	}

	/** Lends the driver's open state to executors in the same JVM for {@code job} (it stays the driver's). */
	static synchronized void lend(final String job, final Object state) {
		lent.put(job, new Entry<>(state, false));
	}

	/**
	 * The job is over (called on the driver): forget a lent state, once the item running on it (a cancelled job's
	 * last one) has stopped, so that its owner may close it.
	 */
	static void release(final String job) {
		final Entry<?> e;
		synchronized (ExecutorState.class) {
			e = lent.remove(job);
		}
		if (e != null) {
			synchronized (e) {
				// entered once the item running on it, if any, has returned: nothing else to do
			}
		}
	}

	/**
	 * The driver is done with Spark: close the state executors inside this JVM built (local masters). Remote
	 * executors close theirs at their next job or when they exit.
	 */
	static synchronized void closeAll() {
		try {
			closeCurrent();
		}
		catch (final Exception e) {
			throw new IllegalStateException("closing the executors' models failed", e);
		}
	}

	private static void closeCurrent() throws Exception {
		final Entry<?> e = current;
		current = null;
		job = null;
		if (e != null && e.owned && e.value instanceof AutoCloseable) {
			synchronized (e) { // after the item running on it, if any
				((AutoCloseable) e.value).close();
			}
		}
	}
}
