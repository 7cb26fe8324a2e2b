package io.github.faig.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntPredicate;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

import io.github.faig.workflow.ItemTask;
import io.github.faig.workflow.Monitor;
import io.github.faig.workflow.Shared;
import io.github.faig.workflow.Sharding;
import scala.Tuple2;

/**
 * The items of a workflow as Spark tasks: one task per item, results collected on the driver in item order, so the
 * workflow's reduce step runs exactly as in a plain run. Each executor JVM builds the task's state once per job
 * ({@link ExecutorState}) and runs one item at a time on it (the models' single gradient collector). The driver
 * reports tasks done out of total through the workflow's monitor and cancels the job when the monitor asks.
 */
public final class SparkSharding implements Sharding {

	/**
	 * What a test changes in a run, given to the constructor (the test seam; a real run has {@link #NONE}).
	 *
	 * @param failFirstAttempt fault injection: the first attempt of each item this accepts fails, and Spark retries
	 *          it
	 * @param lendDriverState whether executors inside the driver's JVM (local masters) use the state the caller has
	 *          open; off, they build their own as remote executors do, from what the driver broadcast
	 * @param itemsRun told, on the driver, how many items each job had Spark run (a test checks that a run went
	 *          through Spark)
	 */
	record TestSeam(FailFirst failFirstAttempt, boolean lendDriverState, java.util.function.LongConsumer itemsRun) {

		static final TestSeam NONE = new TestSeam(i -> false, true);

		TestSeam(final FailFirst failFirstAttempt, final boolean lendDriverState) {
			this(failFirstAttempt, lendDriverState, n -> {});
		}

		/** This seam, with the items run added to {@code count}. */
		TestSeam counting(final java.util.concurrent.atomic.AtomicLong count) {
			return new TestSeam(failFirstAttempt, lendDriverState, count::addAndGet);
		}
	}

	/** Which items' first attempt fails (sent to the executors with the task). */
	@FunctionalInterface
	interface FailFirst extends IntPredicate, java.io.Serializable {}

	private final TestSeam seam;

	/** Tasks running in this JVM (under a local master, the driver's): a cancelled job waits for them to stop. */
	static final java.util.concurrent.atomic.AtomicInteger RUNNING = new java.util.concurrent.atomic.AtomicInteger();

	/** The longest a cancelled job waits for its tasks in this JVM to stop (each checks at its next step). */
	private static final long STOP_WAIT_MS = 20_000;

	/** Item wall times of the running job (sent back by the executors as accumulator values). */
	private final List<Double> seconds = java.util.Collections.synchronizedList(new ArrayList<>());
	private org.apache.spark.util.CollectionAccumulator<Double> itemSeconds;

	/** The executors' state key of each task this driver has mapped. */
	private final java.util.Map<ItemTask<?, ?, ?>, String> keys = new java.util.WeakHashMap<>();

	private final String master;
	private final String appName;
	private JavaSparkContext jsc;

	/** @param master a Spark master URL; empty: the one the submitting tool configured (spark-submit) */
	public SparkSharding(final String master, final String appName) {
		this(master, appName, TestSeam.NONE);
	}

	/** A sharding whose runs a test changes through {@code seam}. */
	SparkSharding(final String master, final String appName, final TestSeam seam) {
		SparkSettings.checkMaster(master);
		this.master = master;
		this.appName = appName;
		this.seam = seam;
		quietOnShutdown();
	}

	private static boolean quiet;

	/**
	 * Once the JVM shuts down (Ctrl-C, kill), Spark's and Hadoop's loggers go quiet: a context that was starting
	 * cannot add its shutdown hooks any more and reports that, with stack traces, where the command's own line
	 * ("stopped by a termination signal") says all there is to say. Hadoop's hook manager is made now, not during
	 * the shutdown.
	 */
	private static synchronized void quietOnShutdown() {
		if (quiet) return;
		quiet = true;
		org.apache.hadoop.util.ShutdownHookManager.get();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.spark",
				org.apache.logging.log4j.Level.OFF);
			org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.hadoop",
				org.apache.logging.log4j.Level.OFF);
		}, "faig-spark-quiet"));
	}

	/**
	 * The context, started on first use (a command that stops at validation never starts Spark). Not once the JVM is
	 * shutting down (Ctrl-C before the first job): then the run is stopped instead.
	 */
	synchronized JavaSparkContext context() {
		if (jsc == null) {
			if (shuttingDown()) throw new CancellationException("stopped before Spark started");
			SparkSettings.checkReachable(master, 5000);
			try {
				jsc = new JavaSparkContext(SparkSettings.conf(new SparkConf(), master, appName));
			}
			catch (final RuntimeException | ExceptionInInitializerError e) {
				if (shuttingDown()) {
					final CancellationException c = new CancellationException("stopped while Spark was starting");
					c.initCause(e);
					throw c;
				}
				// one line for whatever Spark says (a master that refused the application, a bad setting)
				final Throwable cause = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
				throw new IllegalStateException("Spark could not start with master " + (master.isEmpty() ? "(submitted)"
					: master) + ": " + String.valueOf(cause.getMessage()).lines().findFirst().orElse(""), e);
			}
			itemSeconds = jsc.sc().collectionAccumulator("faig item seconds");
			jsc.sc().addSparkListener(tasks);
			holdSparkShutdown();
		}
		return jsc;
	}

	/** Whether the JVM is running its shutdown hooks (a signal came): no hook can be added then. */
	static boolean shuttingDown() {
		final Thread probe = new Thread(() -> {});
		try {
			Runtime.getRuntime().addShutdownHook(probe);
			Runtime.getRuntime().removeShutdownHook(probe);
			return false;
		}
		catch (final IllegalStateException e) {
			return true;
		}
	}

	/**
	 * Spark stops its context from a hook of Hadoop's shutdown hook manager (priority 40); this one, registered once,
	 * runs before it and gives a job being cancelled its time to end (Ctrl-C): Spark then stops with no task in
	 * flight, without its own error reports.
	 */
	private static synchronized void holdSparkShutdown() {
		if (shutdownHeld) return;
		try {
			org.apache.hadoop.util.ShutdownHookManager.get().addShutdownHook(() -> {
				final long end = System.nanoTime() + STOP_WAIT_MS * 1_000_000;
				while (MAPPING.get() > 0 && System.nanoTime() < end) {
					try {
						Thread.sleep(50);
					}
					catch (final InterruptedException e) {
						return;
					}
				}
			}, 45);
			shutdownHeld = true;
		}
		catch (final IllegalStateException e) {
			// already shutting down: the job's own cancel path waits instead
		}
	}

	private static boolean shutdownHeld;

	/** Tasks started and ended, as this context's scheduler saw them (a cancelled job's end when their executors say so). */
	private final TaskCounts tasks = new TaskCounts();

	/** Counts the scheduler's task starts and ends. */
	static final class TaskCounts extends org.apache.spark.scheduler.SparkListener {

		private final java.util.concurrent.atomic.AtomicLong started = new java.util.concurrent.atomic.AtomicLong();
		private final java.util.concurrent.atomic.AtomicLong ended = new java.util.concurrent.atomic.AtomicLong();

		@Override
		public void onTaskStart(final org.apache.spark.scheduler.SparkListenerTaskStart start) {
			started.incrementAndGet();
		}

		@Override
		public void onTaskEnd(final org.apache.spark.scheduler.SparkListenerTaskEnd end) {
			ended.incrementAndGet();
		}

		/** Whether every task that started has ended. */
		boolean idle() {
			return ended.get() >= started.get();
		}
	}

	@Override
	public <T extends Serializable> Shared<T> share(final java.util.concurrent.Callable<T> value) {
		final T v;
		try {
			v = value.call();
		}
		catch (final Exception e) {
			throw Sharding.unchecked(e);
		}
		return new BroadcastValue<>(context().broadcast(v));
	}

	@Override
	public <S, I extends Serializable, R extends Serializable> List<R> map(final String what, final List<I> items,
		final ItemTask<S, I, R> task, final Monitor monitor)
	{
		if (items.isEmpty()) return new ArrayList<>();
		monitor.checkCancelled();
		final JavaSparkContext sc = context();
		// one key per task: a workflow that maps the same task in several rounds (chunks of a large folder) keeps
		// its executors' state
		final String job;
		synchronized (keys) {
			job = keys.computeIfAbsent(task, t -> UUID.randomUUID().toString());
		}
		final S here = task.opened();
		if (here != null && seam.lendDriverState()) ExecutorState.lend(job, here); // executors inside this JVM (local masters) use it
		final List<Tuple2<Integer, I>> indexed = new ArrayList<>(items.size());
		for (int i = 0; i < items.size(); i++) indexed.add(new Tuple2<>(i, items.get(i)));
		sc.setJobGroup(job, appName + ": " + items.size() + " " + what, false);
		MAPPING.incrementAndGet();
		try {
			final JavaFutureAction<List<Tuple2<Integer, R>>> f = sc.parallelize(indexed, items.size()).mapPartitions(
				new Apply<>(job, task, itemSeconds, seam.failFirstAttempt())).collectAsync();
			final long t0 = System.nanoTime();
			itemSeconds.reset();
			final List<Tuple2<Integer, R>> got = new ArrayList<>(await(sc, f, what, items.size(), monitor, tasks));
			seconds.addAll(itemSeconds.value());
			seam.itemsRun().accept(got.size());
			report(what, items.size(), (System.nanoTime() - t0) / 1e9, got);
			got.sort(Comparator.comparing(Tuple2::_1));
			final List<R> out = new ArrayList<>(got.size());
			for (final Tuple2<Integer, R> t : got) out.add(t._2());
			return out;
		}
		finally {
			sc.clearJobGroup();
			ExecutorState.release(job);
			MAPPING.decrementAndGet();
		}
	}

	/** Item wall times, measured on the executors: the figures a projection to more executors needs. */
	private <R> void report(final String what, final int n, final double wall, final List<Tuple2<Integer, R>> got) {
		final double[] t = seconds.stream().mapToDouble(Double::doubleValue).toArray();
		seconds.clear();
		final java.util.DoubleSummaryStatistics st = java.util.Arrays.stream(t).filter(x -> x >= 0)
			.summaryStatistics();
		final java.util.DoubleSummaryStatistics open = java.util.Arrays.stream(t).filter(x -> x < 0).map(x -> -x)
			.summaryStatistics();
		// executors that build their own state (models) say how long that took; under a local master they use the
		// driver's
		final String built = open.getCount() == 0 ? "" : String.format(java.util.Locale.ROOT,
			"; executor setup %d times, mean %.2f s", open.getCount(), open.getAverage());
		System.err.println(String.format(java.util.Locale.ROOT, "faig: spark: %d %s as %d tasks in %.1f s; item " +
			"time mean %.2f s, min %.2f s, max %.2f s, sum %.1f s%s", n, what, got.size(), wall, st.getAverage(), st
				.getMin(), st.getMax(), st.getSum(), built));
	}

	/** Waits for the job, reporting tasks done of total, and cancels it when the monitor asks. */
	private static <T> T await(final JavaSparkContext sc, final JavaFutureAction<T> f, final String what,
		final int total, final Monitor monitor, final TaskCounts tasks)
	{
		long reported = -1;
		while (true) {
			if (monitor.isCancelled() || Thread.currentThread().isInterrupted()) {
				f.cancel(false);
				awaitStopped(tasks);
				throw new CancellationException();
			}
			try {
				return f.get(250, TimeUnit.MILLISECONDS);
			}
			catch (final InterruptedException e) {
				f.cancel(false);
				awaitStopped(tasks);
				Thread.currentThread().interrupt();
				throw new CancellationException("interrupted");
			}
			catch (final TimeoutException e) {
				final long done = tasksDone(sc, f);
				if (done != reported) {
					monitor.progress("Spark: " + done + "/" + total + " tasks done (" + what + ")", done, total);
					reported = done;
				}
			}
			catch (final ExecutionException e) {
				if (monitor.isCancelled() || sc.sc().isStopped()) {
					final CancellationException c = new CancellationException("the Spark job was stopped");
					c.initCause(e.getCause());
					throw c;
				}
				throw failure(e.getCause());
			}
		}
	}

	/**
	 * Waits until the tasks running in this JVM (a local master's) have seen the cancel and stopped, so that
	 * stopping Spark next (the driver's exit, or Spark's own shutdown hook after Ctrl-C) finds none in flight.
	 */
	static void awaitStopped(final TaskCounts tasks) {
		final long end = System.nanoTime() + STOP_WAIT_MS * 1_000_000;
		synchronized (RUNNING) {
			while (RUNNING.get() > 0) {
				final long left = (end - System.nanoTime()) / 1_000_000;
				if (left <= 0) return;
				try {
					RUNNING.wait(left);
				}
				catch (final InterruptedException e) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
		// and until the scheduler has heard of their end (a status update that arrived after Spark stopped would be
		// reported as an error)
		while (!tasks.idle() && System.nanoTime() < end) {
			try {
				Thread.sleep(20);
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/** While a job runs, Spark's stop on Ctrl-C (its shutdown hook) waits for its tasks in this JVM to stop. */
	private static final java.util.concurrent.atomic.AtomicInteger MAPPING = new java.util.concurrent.atomic.AtomicInteger();


	private static long tasksDone(final JavaSparkContext sc, final JavaFutureAction<?> f) {
		long done = 0;
		for (final int id : f.jobIds()) {
			final SparkJobInfo job = sc.statusTracker().getJobInfo(id);
			if (job == null) continue;
			for (final int s : job.stageIds()) {
				final SparkStageInfo stage = sc.statusTracker().getStageInfo(s);
				if (stage != null) done += stage.numCompletedTasks();
			}
		}
		return done;
	}

	/** The item's own exception where Spark kept it (an invalid input's message reaches the user unchanged). */
	private static RuntimeException failure(final Throwable t) {
		Throwable c = t;
		while (c != null) {
			if (c instanceof IllegalArgumentException || c instanceof CancellationException) return (RuntimeException) c;
			c = c.getCause();
		}
		// any other failure of an item: its own message, in one line (Spark's wraps it in a job-abort text with the
		// executor's stack trace)
		Throwable inner = t;
		while (inner.getCause() != null && inner.getCause() != inner) inner = inner.getCause();
		if (inner != t && inner.getMessage() != null) {
			return new IllegalStateException(inner.getMessage().lines().findFirst().orElse(""), t);
		}
		return t instanceof Exception ? Sharding.unchecked((Exception) t) : new IllegalStateException(t);
	}

	@Override
	public synchronized void close() {
		try {
			ExecutorState.closeAll(); // what executors inside this JVM (local masters) built
		}
		finally {
			if (jsc != null) jsc.stop();
			jsc = null;
		}
	}

	@Override
	public String toString() {
		return "spark " + (master.isEmpty() ? "(submitted)" : master);
	}

	/** Runs the items of one partition on this JVM's state for the job. */
	static final class Apply<S, I, R> implements FlatMapFunction<Iterator<Tuple2<Integer, I>>, Tuple2<Integer, R>> {

		private static final long serialVersionUID = 1L;
		private final String job;
		private final ItemTask<S, I, R> task;
		private final org.apache.spark.util.CollectionAccumulator<Double> seconds;
		private final FailFirst failFirstAttempt;

		Apply(final String job, final ItemTask<S, I, R> task,
			final org.apache.spark.util.CollectionAccumulator<Double> seconds, final FailFirst failFirstAttempt)
		{
			this.job = job;
			this.task = task;
			this.seconds = seconds;
			this.failFirstAttempt = failFirstAttempt;
		}

		@Override
		public Iterator<Tuple2<Integer, R>> call(final Iterator<Tuple2<Integer, I>> items) throws Exception {
			final TaskContext tc = TaskContext.get();
			final Monitor m = new Monitor() {

				@Override
				public void progress(final String message, final long done, final long total) {}

				@Override
				public boolean isCancelled() {
					return tc != null && tc.isInterrupted();
				}
			};
			final List<Tuple2<Integer, R>> out = new ArrayList<>();
			RUNNING.incrementAndGet();
			try {
				return run(items, tc, m, out);
			}
			finally {
				synchronized (RUNNING) {
					RUNNING.decrementAndGet();
					RUNNING.notifyAll();
				}
			}
		}

		private Iterator<Tuple2<Integer, R>> run(final Iterator<Tuple2<Integer, I>> items, final TaskContext tc,
			final Monitor m, final List<Tuple2<Integer, R>> out) throws Exception
		{
			// negative: building the JVM's state (models), not an item
			final ExecutorState.Entry<S> state = ExecutorState.of(job, task, t -> seconds.add(-t));
			while (items.hasNext()) {
				final Tuple2<Integer, I> it = items.next();
				if (tc != null && tc.attemptNumber() == 0 && failFirstAttempt.test(it._1())) {
					throw new IllegalStateException("injected failure of item " + it._1() + " (test hook)");
				}
				// one item at a time per JVM on its state: the models' single gradient collector
				synchronized (state) {
					m.checkCancelled();
					final long t0 = System.nanoTime();
					try {
						out.add(new Tuple2<>(it._1(), task.apply(state.value(), it._1(), it._2(), m)));
					}
					catch (final OutOfMemoryError e) {
						// a task failure like any other, not an uncaught error: Spark would end the whole JVM (exit
						// 52) for it; what the item took is free again once it is dropped
						throw new IllegalStateException("item " + (it._1() + 1) + " (" + it._2() + ") needs more memory " +
							"than the executor's Java heap has (" + e.getMessage() + "); give a smaller input, or " +
							"more memory (FAIG_HEAP, spark.executor.memory)");
					}
					seconds.add((System.nanoTime() - t0) / 1e9);
				}
			}
			return out.iterator();
		}
	}

	/** A broadcast variable as the workflows' {@link Shared}. */
	static final class BroadcastValue<T> implements Shared<T> {

		private static final long serialVersionUID = 1L;
		private final Broadcast<T> b;

		BroadcastValue(final Broadcast<T> b) {
			this.b = b;
		}

		@Override
		public T get() {
			return b.value();
		}
	}
}
