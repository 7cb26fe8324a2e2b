package io.github.faig.workflow;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

/**
 * The one way a workflow runs its items (images, files, labelled inputs) through the run's {@link Sharding}: the
 * workflow is open in this JVM (its models loaded) and its items run on it there; any other JVM that gets items opens
 * its own copy once, from a value this JVM shares ({@link Sharding#share}: a packed model, the files of a filter-set
 * folder). Results come back in item order, so a workflow's reduce step is the same, plain or on a cluster.
 * <p>
 * A workflow says how it is opened from the shared value and what one item is ({@link Step}). Both are sent to the
 * other JVMs: write them as lambdas that capture serializable values only (options, never the workflow itself).
 * </p>
 *
 * @param <S> the workflow (or whatever state the items of one JVM share)
 */
public final class Batch<S> {

	/** How another JVM opens the workflow from the value this one shared. */
	@FunctionalInterface
	public interface Open<T, S> extends Serializable {

		S open(T shared) throws Exception;
	}

	/** What one item is: its result from the JVM's workflow, the item's position in the set and the item. */
	@FunctionalInterface
	public interface Step<S, I, R> extends Serializable {

		/** @param monitor reports steps inside the item and tells when to stop */
		R apply(S workflow, int index, I item, Monitor monitor) throws Exception;
	}

	/** The result of an item whose own failure does not stop the batch, made from the item and why it failed. */
	@FunctionalInterface
	public interface Failed<I, R> extends Serializable {

		R of(I item, String reason);
	}

	private final Sharding sharding;
	private final S here;
	private final Opener<?, S> opener;

	private Batch(final Sharding sharding, final S here, final Opener<?, S> opener) {
		this.sharding = sharding;
		this.here = here;
		this.opener = opener;
	}

	/**
	 * The items of workflow {@code here} through {@code sharding}; another JVM opens its own with {@code open} from
	 * what {@code shared} gives (computed only where some JVM needs it).
	 */
	public static <S, T extends Serializable> Batch<S> of(final Sharding sharding, final S here,
		final Callable<T> shared, final Open<T, S> open)
	{
		return new Batch<>(sharding, here, new Opener<>(sharding.share(shared), open));
	}

	/** Items that need no workflow (each item's step has all it needs): the state is {@code null} in every JVM. */
	public static Batch<Void> stateless(final Sharding sharding) {
		return new Batch<>(sharding, null, new Opener<Void, Void>(null, t -> null));
	}

	/**
	 * The results of {@code step} on every item, in item order.
	 *
	 * @param what what an item is, for progress messages ("images", "files")
	 * @throws CancellationException when the monitor asked to stop
	 * @throws RuntimeException the first item's failure, as the sharding reports it (an item's own
	 *           {@link IllegalArgumentException} unchanged)
	 */
	public <I extends Serializable, R extends Serializable> List<R> map(final String what, final List<? extends I> items,
		final Step<S, I, R> step, final Monitor monitor)
	{
		return map(what, items, task(step), monitor);
	}

	/**
	 * As {@link #map(String, List, Step, Monitor)} with a task made once by {@link #task}: a batch that maps its items
	 * in several rounds keeps the other JVMs' workflows from one round to the next.
	 */
	public <I extends Serializable, R extends Serializable> List<R> map(final String what, final List<? extends I> items,
		final ItemTask<S, I, R> task, final Monitor monitor)
	{
		return sharding.map(what, new ArrayList<I>(items), task, monitor);
	}

	/** {@code step} as the task the sharding runs on this batch's workflow. */
	public <I, R> ItemTask<S, I, R> task(final Step<S, I, R> step) {
		return new Task<>(here, opener, step);
	}

	/**
	 * {@code step}, with an item's own failure (an unreadable file, values out of range, an image too large for
	 * memory) made its result by {@code failed} instead of ending the batch: a folder goes on past a bad file and
	 * lists it. Cancellation still stops the batch, and a checked exception (the output's own I/O) still ends it.
	 */
	public static <S, I, R> Step<S, I, R> goingOn(final Step<S, I, R> step, final Failed<I, R> failed) {
		return (workflow, index, item, monitor) -> {
			try {
				return step.apply(workflow, index, item, monitor);
			}
			catch (final CancellationException e) {
				throw e;
			}
			catch (final RuntimeException e) {
				return failed.of(item, String.valueOf(e.getMessage()));
			}
			catch (final OutOfMemoryError e) {
				// what the item took is free again once this returns
				return failed.of(item, "too large for the memory available (" + e.getMessage() + "): give a smaller " +
					"image, or raise FAIG_HEAP");
			}
		};
	}

	/** The shared value and how a JVM opens the workflow from it. */
	private static final class Opener<T, S> implements Serializable {

		private static final long serialVersionUID = 1L;
		private final Shared<T> shared;
		private final Open<T, S> open;

		Opener(final Shared<T> shared, final Open<T, S> open) {
			this.shared = shared;
			this.open = open;
		}

		S open() throws Exception {
			return open.open(shared == null ? null : shared.get());
		}
	}

	/** One step on the JVM's workflow: the one open here, or one opened there. */
	private static final class Task<S, I, R> implements ItemTask<S, I, R> {

		private static final long serialVersionUID = 1L;
		private final transient S here;
		private final Opener<?, S> opener;
		private final Step<S, I, R> step;

		Task(final S here, final Opener<?, S> opener, final Step<S, I, R> step) {
			this.here = here;
			this.opener = opener;
			this.step = step;
		}

		@Override
		public S open() throws Exception {
			return opener.open();
		}

		@Override
		public S opened() {
			return here;
		}

		@Override
		public R apply(final S workflow, final int index, final I item, final Monitor monitor) throws Exception {
			return step.apply(workflow, index, item, monitor);
		}
	}
}
