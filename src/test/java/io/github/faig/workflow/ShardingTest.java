package io.github.faig.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.github.faig.nn.io.ModelLocator;
import io.github.faig.nn.io.ModelPair;
import io.github.faig.nn.io.PackedPair;

class ShardingTest {

	/** State that counts how often it is opened and closed. */
	static final class Counted implements AutoCloseable {

		static final AtomicInteger opened = new AtomicInteger();
		static final AtomicInteger closed = new AtomicInteger();

		@Override
		public void close() {
			closed.incrementAndGet();
		}
	}

	/** item -> "index:item", state opened once. */
	static final class Label implements ItemTask<Counted, String, String> {

		private static final long serialVersionUID = 1L;
		private final transient Counted given;

		Label(final Counted given) {
			this.given = given;
		}

		@Override
		public Counted open() {
			Counted.opened.incrementAndGet();
			return new Counted();
		}

		@Override
		public Counted opened() {
			return given;
		}

		@Override
		public String apply(final Counted state, final int index, final String item, final Monitor monitor) {
			return index + ":" + item;
		}
	}

	/** A task without state that applies {@code f}. */
	static ItemTask<Object, Integer, Integer> stateless(final java.util.function.BiFunction<Integer, Monitor, Integer> f) {
		return new ItemTask<>() {

			private static final long serialVersionUID = 1L;

			@Override
			public Object open() {
				return "state";
			}

			@Override
			public Integer apply(final Object s, final int index, final Integer item, final Monitor monitor) {
				return f.apply(item, monitor);
			}
		};
	}

	@Test
	void localRunsEveryItemInOrderWithOneStateThatItCloses() throws Exception {
		Counted.opened.set(0);
		Counted.closed.set(0);
		final List<String> r = Sharding.LOCAL.map("items", List.of("a", "b", "c"), new Label(null), Monitor.NONE);
		assertEquals(List.of("0:a", "1:b", "2:c"), r);
		assertEquals(1, Counted.opened.get());
		assertEquals(1, Counted.closed.get());
	}

	@Test
	void localUsesTheCallersOpenStateAndLeavesItOpen() throws Exception {
		Counted.opened.set(0);
		Counted.closed.set(0);
		final List<String> r = Sharding.LOCAL.map("items", List.of("x"), new Label(new Counted()), Monitor.NONE);
		assertEquals(List.of("0:x"), r);
		assertEquals(0, Counted.opened.get());
		assertEquals(0, Counted.closed.get());
	}

	@Test
	void localStopsBeforeTheNextItemWhenCancelled() {
		final List<Integer> seen = new ArrayList<>();
		final boolean[] stop = { false };
		final Monitor m = new Monitor() {

			@Override
			public void progress(final String message, final long done, final long total) {}

			@Override
			public boolean isCancelled() {
				return stop[0];
			}
		};
		final ItemTask<Object, Integer, Integer> task = stateless((item, monitor) -> {
			seen.add(item);
			stop[0] = true;
			return item;
		});
		assertThrows(CancellationException.class, () -> Sharding.LOCAL.map("items", List.of(1, 2, 3), task, m));
		assertEquals(List.of(1), seen);
	}

	@Test
	void localReportsAnItemsStepsAsStepsOfTheWholeRun() throws Exception {
		final List<String> seen = new ArrayList<>();
		final Monitor m = Monitor.of((message, done, total) -> seen.add(message + " " + done + "/" + total), () -> false);
		final ItemTask<Object, Integer, Integer> task = stateless((item, monitor) -> {
			for (int k = 0; k < 2; k++) monitor.progress("step", k, 2);
			return item;
		});
		Sharding.LOCAL.map("images", List.of(5, 6), task, m);
		assertEquals(List.of("step (1/2 images) 0/4", "step (1/2 images) 1/4", "step (2/2 images) 2/4",
			"step (2/2 images) 3/4"), seen);
	}

	@Test
	void installedShardingIsCurrentUntilItsScopeCloses() {
		assertSame(Sharding.LOCAL, Sharding.current());
		final Sharding other = new Sharding() {

			@Override
			public <S, I extends java.io.Serializable, R extends java.io.Serializable> List<R> map(final String what,
				final List<I> items, final ItemTask<S, I, R> task, final Monitor monitor)
			{
				throw new UnsupportedOperationException();
			}

			@Override
			public <T extends java.io.Serializable> Shared<T> share(final java.util.concurrent.Callable<T> value) {
				throw new UnsupportedOperationException();
			}
		};
		try (Sharding.Scope s = Sharding.install(other)) {
			assertSame(other, Sharding.current());
		}
		assertSame(Sharding.LOCAL, Sharding.current());
	}

	@Test
	void noClusterRunnerOnThePluginsClassPath() {
		final IllegalStateException e = assertThrows(IllegalStateException.class, () -> Sharding.cluster("local[2]",
			"test"));
		assertTrue(e.getMessage().contains("--spark"), e.getMessage());
	}

	@Test
	void shippedFilesAreCopiedWithTheirNamesAndBytes() throws Exception {
		final java.io.File folder = ModelLocator.resolve("filter-sets-srcnn-x2", "filter_sets");
		final java.io.File file = new java.io.File(ModelLocator.resolve("srcnn-x2-target", "target_model"), "model.json");
		final ShippedFiles s = ShippedFiles.of(folder, file);
		final List<java.io.File> copies = s.copies();
		assertEquals(folder.getName(), copies.get(0).getName());
		assertEquals("model.json", copies.get(1).getName());
		assertArrayEquals(java.nio.file.Files.readAllBytes(file.toPath()), java.nio.file.Files.readAllBytes(copies.get(1)
			.toPath()));
		final String[] names = folder.list();
		java.util.Arrays.sort(names);
		final String[] copied = copies.get(0).list();
		java.util.Arrays.sort(copied);
		assertArrayEquals(names, copied);
		for (final String n : names) {
			assertArrayEquals(java.nio.file.Files.readAllBytes(new java.io.File(folder, n).toPath()), java.nio.file.Files
				.readAllBytes(new java.io.File(copies.get(0), n).toPath()), n);
		}
		assertSame(copies, s.copies(), "written once per JVM");
	}

	@Test
	void packedPairUnpacksToTheSameWeights() throws Exception {
		final ModelPair pair = ModelPair.load("srcnn-x2-baseline", "srcnn-x2-target");
		final ModelPair back = PackedPair.of(pair).unpack();
		assertEquals(pair.target().spec(), back.target().spec());
		assertEquals(pair.baseline().name(), back.baseline().name());
		for (final String n : pair.target().weights().names()) {
			assertArrayEquals(pair.target().weights().get(n).data(), back.target().weights().get(n).data(), n);
			assertArrayEquals(pair.baseline().weights().get(n).data(), back.baseline().weights().get(n).data(), n);
		}
	}
}
