package io.github.faig.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.faig.workflow.Batch;
import io.github.faig.workflow.ItemTask;
import io.github.faig.workflow.Monitor;
import io.github.faig.workflow.Shared;
import io.github.faig.workflow.Sharding;

/** The Spark sharding against the local one, on tasks whose answers are known; faults, cancel, progress. */
class SparkShardingTest {

	/** local[2,2]: two task threads, and a failed task is tried twice in all. */
	private static SparkSharding spark;

	static final AtomicInteger opened = new AtomicInteger();
	static final AtomicInteger closed = new AtomicInteger();
	static final AtomicInteger attempts = new AtomicInteger();

	/** Per-JVM state: counts its opening and closing. */
	static final class State implements AutoCloseable {

		final AtomicInteger busy = new AtomicInteger();
		final int offset;

		State() {
			this(0);
		}

		State(final int offset) {
			this.offset = offset;
			opened.incrementAndGet();
		}

		@Override
		public void close() {
			closed.incrementAndGet();
		}
	}

	/** item i, index k -> offset + k * 1000 + i; checks that no two items use the state at once. */
	static final class Task implements ItemTask<State, Integer, Integer> {

		private static final long serialVersionUID = 1L;
		private final Shared<Integer> offset;

		Task(final Shared<Integer> offset) {
			this.offset = offset;
		}

		@Override
		public State open() {
			return new State();
		}

		@Override
		public Integer apply(final State s, final int index, final Integer item, final Monitor m) throws Exception {
			attempts.incrementAndGet();
			if (s.busy.incrementAndGet() != 1) throw new IllegalStateException("two items at once on one state");
			Thread.sleep(20);
			s.busy.decrementAndGet();
			if (item == Integer.MIN_VALUE) throw new OutOfMemoryError("Java heap space (test)");
			if (item < 0) throw new IllegalArgumentException("item " + index + " is negative: " + item);
			return offset.get() + index * 1000 + item;
		}
	}

	/** The items whose first attempt fails (read by the shared sharding's test seam, in this JVM's executors). */
	private static volatile java.util.function.IntPredicate failing = i -> false;

	@BeforeAll
	static void start() {
		spark = new SparkSharding("local[2,2]", "SparkShardingTest", new SparkSharding.TestSeam(i -> failing.test(i),
			true));
	}

	@AfterAll
	static void stop() {
		spark.close();
	}

	private static List<Integer> items(final int n) {
		final List<Integer> items = new ArrayList<>();
		for (int i = 0; i < n; i++) items.add(7 * i + 3);
		return items;
	}

	@Test
	void sameResultsInItemOrderAsTheLocalRunAndOneStatePerJob() throws Exception {
		final List<Integer> items = items(9);
		final List<Integer> local = Sharding.LOCAL.map("items", items, new Task(Sharding.LOCAL.share(() -> 5)),
			Monitor.NONE);
		opened.set(0);
		closed.set(0);
		final List<String> progress = new ArrayList<>();
		final Monitor m = new Monitor() {

			@Override
			public void progress(final String message, final long done, final long total) {
				progress.add(done + "/" + total);
			}

			@Override
			public boolean isCancelled() {
				return false;
			}
		};
		final Task task = new Task(spark.share(() -> 5));
		assertEquals(local, spark.map("items", items, task, m));
		assertEquals(5 + 8 * 1000 + 59, local.get(8));
		// local[2]: the executors are this JVM, which built the task's state once; a second round keeps it
		assertEquals(local.subList(0, 3), spark.map("items", items.subList(0, 3), task, Monitor.NONE));
		assertEquals(1, opened.get());
		assertEquals(0, closed.get());
		ExecutorState.closeAll(); // as closing the sharding does
		assertEquals(1, closed.get());
		assertTrue(progress.stream().allMatch(p -> p.endsWith("/9")), progress.toString());
	}

	@Test
	void aTaskThatFailsIsRetriedAndTheResultIsUnchanged() throws Exception {
		final List<Integer> items = items(4);
		final List<Integer> expected = Sharding.LOCAL.map("items", items, new Task(() -> 0), Monitor.NONE);
		attempts.set(0);
		failing = i -> i == 2;
		try {
			assertEquals(expected, spark.map("items", items, new Task(spark.share(() -> 0)), Monitor.NONE));
		}
		finally {
			failing = i -> false;
		}
		// the hook throws before the item runs: four items, each applied once
		assertEquals(4, attempts.get());
	}

	@Test
	void anInvalidItemsMessageReachesTheCaller() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spark.map("items", List.of(
			1, -4), new Task(spark.share(() -> 0)), Monitor.NONE));
		assertEquals("item 1 is negative: -4", e.getMessage());
	}

	/**
	 * An item that runs out of memory fails its job like any other failure, in one line: Spark's own handler would end
	 * the JVM (exit 52) for an uncaught out-of-memory error, here the test's JVM.
	 */
	@Test
	void anItemOutOfMemoryIsAFailureNotTheEndOfTheJvm() {
		final RuntimeException e = assertThrows(RuntimeException.class, () -> spark.map("items", List.of(1,
			Integer.MIN_VALUE), new Task(spark.share(() -> 0)), Monitor.NONE));
		assertTrue(e.getMessage().contains("item 2") && e.getMessage().contains("needs more memory"), e.getMessage());
		assertEquals(1, e.getMessage().lines().count(), e.getMessage());
		// and the context still runs jobs
		assertEquals(List.of(1003), spark.map("items", List.of(3), new Task(spark.share(() -> 1000)), Monitor.NONE));
	}

	@Test
	void cancellingStopsTheJob() {
		final AtomicBoolean stop = new AtomicBoolean();
		final Monitor m = new Monitor() {

			@Override
			public void progress(final String message, final long done, final long total) {
				if (done >= 1) stop.set(true);
			}

			@Override
			public boolean isCancelled() {
				return stop.get();
			}
		};
		final long t0 = System.nanoTime();
		assertThrows(CancellationException.class, () -> spark.map("items", items(400), new Task(spark.share(() -> 0)), m));
		// 400 items of 20 ms on one state would take 8 s
		assertTrue((System.nanoTime() - t0) / 1e9 < 6, "cancel took " + (System.nanoTime() - t0) / 1e9 + " s");
	}

	/**
	 * The workflows' one pattern ({@link Batch}) on Spark: the step and the opener cross to the executors, which open
	 * their own state from the broadcast value (no state is open here to lend them); the results are the local ones.
	 */
	@Test
	void aBatchGivesTheLocalResultsWithTheExecutorsOpeningTheirOwnState() {
		final List<Integer> items = items(5);
		final Batch.Step<State, Integer, Integer> step = (s, i, item, m) -> s.offset + 1000 * i + item;
		final List<Integer> local = Batch.of(Sharding.LOCAL, (State) null, () -> 7, State::new).map("items", items,
			step, Monitor.NONE);
		assertEquals(7 + 4000 + 31, local.get(4));
		opened.set(0);
		assertEquals(local, Batch.of(spark, (State) null, () -> 7, State::new).map("items", items, step, Monitor.NONE));
		assertEquals(1, opened.get(), "one state for the job in the executors' JVM");
	}

	/** ./faig --spark MASTER finds this sharding through its provider (META-INF/services). */
	@Test
	void theLaunchersClusterShardingIsSpark() {
		try (Sharding s = Sharding.cluster("local[1]", "SparkShardingTest")) {
			assertTrue(s instanceof SparkSharding, s.toString());
		}
	}
}
