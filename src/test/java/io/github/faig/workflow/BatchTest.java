package io.github.faig.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The one per-item pattern of the batch runs: order, the JVM's workflow, an item's failure, cancellation. */
class BatchTest {

	/** A workflow: item {@code x} at index {@code i} gives {@code prefix + i + x}; counts the workflows opened. */
	static final class Workflow {

		static final AtomicInteger opened = new AtomicInteger();
		final String prefix;
		final List<String> seen = new ArrayList<>();

		Workflow(final String prefix) {
			this.prefix = prefix;
		}

		String apply(final int index, final String item) {
			if (item.startsWith("bad")) throw new IllegalArgumentException("input '" + item + "' is not an image");
			if (item.equals("huge")) throw new OutOfMemoryError("Java heap space");
			seen.add(item);
			return prefix + index + item;
		}
	}

	private static final List<String> ITEMS = List.of("a", "b", "c", "d");

	/** A batch on {@code here}, which other JVMs open from the shared prefix. */
	private static Batch<Workflow> batch(final Sharding sharding, final Workflow here) {
		return Batch.of(sharding, here, () -> here.prefix, p -> {
			Workflow.opened.incrementAndGet();
			return new Workflow(p);
		});
	}

	private static final Batch.Step<Workflow, String, String> STEP = (w, i, item, m) -> w.apply(i, item);

	@Test
	void theItemsRunInOrderOnTheWorkflowOpenHere() {
		final Workflow here = new Workflow("w");
		Workflow.opened.set(0);
		assertEquals(List.of("w0a", "w1b", "w2c", "w3d"), batch(Sharding.LOCAL, here).map("items", ITEMS, STEP,
			Monitor.NONE));
		assertEquals(ITEMS, here.seen);
		assertEquals(0, Workflow.opened.get(), "the workflow open here is used, not another");
	}

	/**
	 * As on a cluster: the task crosses to another JVM (serialized, its workflow left behind) and opens its own
	 * workflow there, once, from the shared value; the results are the same, in the same order.
	 */
	@Test
	void anotherJvmOpensItsOwnWorkflowOnceFromTheSharedValue() {
		final Workflow here = new Workflow("w");
		Workflow.opened.set(0);
		final Elsewhere elsewhere = new Elsewhere();
		assertEquals(List.of("w0a", "w1b", "w2c", "w3d"), batch(elsewhere, here).map("items", ITEMS, STEP,
			Monitor.NONE));
		assertEquals(1, Workflow.opened.get());
		assertEquals(List.of(), here.seen);
		assertEquals(1, elsewhere.shared.get(), "the shared value is computed once");
		// a batch without a workflow: every JVM's state is null
		assertEquals(List.of("0a", "1b"), Batch.stateless(elsewhere).map("items", List.of("a", "b"), (none, i, item,
			m) -> {
			assertNull(none);
			return i + item;
		}, Monitor.NONE));
	}

	@Test
	void anItemsFailureEndsTheBatchWithItsOwnException() {
		final Workflow here = new Workflow("w");
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> batch(Sharding.LOCAL,
			here).map("items", List.of("a", "bad1", "c"), STEP, Monitor.NONE));
		assertEquals("input 'bad1' is not an image", e.getMessage());
		assertEquals(List.of("a"), here.seen, "the items after it do not run");
	}

	@Test
	void goingOnAnItemsFailureIsItsResultAndTheOthersRun() {
		final Workflow here = new Workflow("w");
		final Batch.Step<Workflow, String, String> goingOn = Batch.goingOn(STEP, (item, why) -> item + " failed: " +
			why);
		assertEquals(List.of("w0a", "bad1 failed: input 'bad1' is not an image", "huge failed: too large for the " +
			"memory available (Java heap space): give a smaller image, or raise FAIG_HEAP", "w3d"), batch(Sharding.LOCAL,
				here).map("items", List.of("a", "bad1", "huge", "d"), goingOn, Monitor.NONE));
		assertEquals(List.of("a", "d"), here.seen);
		// going on never swallows a stop
		final Batch.Step<Workflow, String, String> stopping = Batch.goingOn((w, i, item, m) -> {
			throw new CancellationException();
		}, (item, why) -> why);
		assertThrows(CancellationException.class, () -> batch(Sharding.LOCAL, here).map("items", ITEMS, stopping,
			Monitor.NONE));
	}

	@Test
	void theMonitorStopsTheBatchBetweenItems() {
		final Workflow here = new Workflow("w");
		final AtomicInteger reports = new AtomicInteger();
		final Monitor m = new Monitor() {

			@Override
			public void progress(final String message, final long done, final long total) {
				reports.incrementAndGet();
			}

			@Override
			public boolean isCancelled() {
				return here.seen.size() >= 2;
			}
		};
		final Batch.Step<Workflow, String, String> reporting = (w, i, item, monitor) -> {
			monitor.progress("item " + item, 0, 1);
			return w.apply(i, item);
		};
		assertThrows(CancellationException.class, () -> batch(Sharding.LOCAL, here).map("items", ITEMS, reporting, m));
		assertEquals(List.of("a", "b"), here.seen);
		assertEquals(2, reports.get());
		// and a task made once maps several rounds on the same workflow
		final Workflow again = new Workflow("v");
		final Batch<Workflow> b = batch(Sharding.LOCAL, again);
		final ItemTask<Workflow, String, String> task = b.task(STEP);
		assertEquals(List.of("v0a"), b.map("items", List.of("a"), task, Monitor.NONE));
		assertEquals(List.of("v0b"), b.map("items", List.of("b"), task, Monitor.NONE));
		assertSame(again, task.opened());
	}

	/** A sharding whose items run as in another JVM: the task and the shared values cross as bytes. */
	static final class Elsewhere implements Sharding {

		final AtomicInteger shared = new AtomicInteger();

		@Override
		public <S, I extends Serializable, R extends Serializable> List<R> map(final String what, final List<I> items,
			final ItemTask<S, I, R> task, final Monitor monitor)
		{
			try {
				final ItemTask<S, I, R> there = copy(task);
				assertNull(there.opened(), "the workflow open here stays here");
				final S state = there.open();
				final List<R> out = new ArrayList<>();
				for (int i = 0; i < items.size(); i++) out.add(there.apply(state, i, items.get(i), monitor));
				return out;
			}
			catch (final Exception e) {
				throw Sharding.unchecked(e);
			}
		}

		@Override
		public <T extends Serializable> Shared<T> share(final Callable<T> value) {
			shared.incrementAndGet();
			try {
				final T v = value.call();
				return () -> v;
			}
			catch (final Exception e) {
				throw Sharding.unchecked(e);
			}
		}

		@SuppressWarnings("unchecked")
		private static <T> T copy(final T o) throws IOException, ClassNotFoundException {
			final ByteArrayOutputStream b = new ByteArrayOutputStream();
			try (ObjectOutputStream out = new ObjectOutputStream(b)) {
				out.writeObject(o);
			}
			try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b.toByteArray()))) {
				return (T) in.readObject();
			}
		}
	}
}
