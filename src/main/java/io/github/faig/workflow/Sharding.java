package io.github.faig.workflow;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

/**
 * How a workflow runs the independent items of a set: {@link #LOCAL} one after another in this JVM (a plain run),
 * or a cluster's executors (the Spark runner, {@code ./faig --spark MASTER}). Either way the results come back in
 * item order and the workflow's reduce step sees exactly what a plain run gives it.
 * <p>
 * A workflow is given the sharding of its run (a command has it from {@code FaigRunService}, where the launcher
 * puts the cluster's for a {@code --spark} line); nothing global holds it.
 * </p>
 */
public interface Sharding extends AutoCloseable {

	/** Runs the items one after another in this JVM, with the progress and cancel of the caller's monitor. */
	Sharding LOCAL = new Sharding() {

		@Override
		public <S, I extends Serializable, R extends Serializable> List<R> map(final String what, final List<I> items,
			final ItemTask<S, I, R> task, final Monitor monitor)
		{
			final S given = task.opened();
			try {
				final S state = given != null ? given : task.open();
				try {
					final List<R> out = new ArrayList<>(items.size());
					for (int i = 0; i < items.size(); i++) {
						monitor.checkCancelled();
						out.add(task.apply(state, i, items.get(i), forItem(monitor, i, items.size(), what)));
					}
					return out;
				}
				finally {
					if (given == null && state instanceof AutoCloseable) ((AutoCloseable) state).close();
				}
			}
			catch (final RuntimeException e) {
				throw e;
			}
			catch (final Exception e) {
				throw unchecked(e);
			}
		}

		@Override
		public <T extends Serializable> Shared<T> share(final Callable<T> value) {
			// read only where no JVM has the caller's state open, which this JVM has: made on demand
			return () -> {
				try {
					return value.call();
				}
				catch (final RuntimeException e) {
					throw e;
				}
				catch (final Exception e) {
					throw unchecked(e);
				}
			};
		}

		@Override
		public String toString() {
			return "local";
		}
	};

	/**
	 * The results of {@code task} on every item, in item order. Item {@code i} is applied with index {@code i}.
	 *
	 * @param what what an item is, for progress messages ("images", "files")
	 * @throws java.util.concurrent.CancellationException when the monitor asked to stop
	 * @throws RuntimeException an item's failure (a checked one wrapped, {@link UncheckedIOException} for I/O)
	 */
	<S, I extends Serializable, R extends Serializable> List<R> map(String what, List<I> items, ItemTask<S, I, R> task,
		Monitor monitor);

	/**
	 * The value {@code value} computes, as every item's task reads it: sent once to each JVM that runs items. A
	 * sharding computes it only if some JVM will need it (the local one never does when the caller's state is open).
	 */
	<T extends Serializable> Shared<T> share(Callable<T> value);

	/** {@code e} as an unchecked exception: I/O as {@link UncheckedIOException}, others wrapped. */
	static RuntimeException unchecked(final Exception e) {
		if (e instanceof RuntimeException) return (RuntimeException) e;
		if (e instanceof IOException) return new UncheckedIOException((IOException) e);
		return new IllegalStateException(e.getMessage(), e);
	}

	/** Releases what the sharding holds (a cluster connection); the local one holds nothing. */
	@Override
	default void close() {}

	/**
	 * {@code monitor} as item {@code index} of {@code count} sees it: the item's own step counts become counts of the
	 * whole run (item {@code index} covers the {@code index}-th equal share), and messages name the item.
	 */
	static Monitor forItem(final Monitor monitor, final int index, final int count, final String what) {
		return new Monitor() {

			@Override
			public void progress(final String message, final long done, final long total) {
				monitor.progress(message + " (" + (index + 1) + "/" + count + " " + what + ")", index * total + done,
					count * total);
			}

			@Override
			public boolean isCancelled() {
				return monitor.isCancelled();
			}
		};
	}

	/**
	 * Makes the sharding of a cluster, found at run time with {@link ServiceLoader} (the Spark runner provides one);
	 * the plugin itself references no cluster library.
	 */
	interface Provider {

		/**
		 * A sharding whose items run on the cluster at {@code master} (a Spark master URL such as
		 * {@code local[2]} or {@code spark://host:7077}; empty: the one the submitting tool configured).
		 *
		 * @param appName how the cluster names the run
		 */
		Sharding open(String master, String appName);
	}

	/** The cluster sharding at {@code master}; IllegalStateException when no cluster runner is on the class path. */
	static Sharding cluster(final String master, final String appName) {
		for (final Provider p : ServiceLoader.load(Provider.class, Sharding.class.getClassLoader())) {
			return p.open(master, appName);
		}
		throw new IllegalStateException("--spark needs the Spark runner on the class path (build it with " +
			"mvn -B install && mvn -B -f spark/pom.xml package -DskipTests, or run through ./faig --spark)");
	}
}
