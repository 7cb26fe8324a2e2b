package io.github.faig.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.faig.TestImages;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.degrade.TrainingMix;
import io.github.faig.image.FloatImage;
import io.github.faig.nn.NetworkSpec;
import io.github.faig.nn.StateDict;
import io.github.faig.workflow.Monitor;

/** Short training runs on generated images. */
class TrainerTest {

	static List<FloatImage> images(final int count, final int size, final long seed) {
		return TestImages.images(count, size, seed);
	}

	private static TrainingConfig config(final int iterations) {
		return new TrainingConfig(new NetworkSpec("MSRResNet", 2, 8, 1), TrainingMix.target(), DegradationParams
			.defaults(), iterations, 4, 12, 2e-3, 1e-5, 0.9, 7);
	}

	@Test
	void aShortRunLowersTheLoss() throws Exception {
		final HrDataset data = HrDataset.of(images(6, 64, 1));
		final List<Double> losses = new ArrayList<>();
		// A plain network starts far from the answer (no image residual), so learning shows within a few steps.
		final TrainingConfig c = new TrainingConfig(new NetworkSpec("SRCNNStyle", 2, 4, 1), TrainingMix.cleanOnly(),
			DegradationParams.defaults(), 60, 4, 12, 2e-3, 1e-5, 0.9, 7);
		new Trainer(c, data).train(null, null, 0, -1, (t, n, loss, lr) -> losses.add(loss),
			Monitor.NONE);
		final double early = losses.subList(0, 10).stream().mapToDouble(d -> d).average().orElseThrow();
		final double late = losses.subList(50, 60).stream().mapToDouble(d -> d).average().orElseThrow();
		assertTrue(late < 0.8 * early, "loss " + early + " -> " + late);
	}

	@Test
	void resumingGivesTheSameWeightsAsAnUninterruptedRun(@TempDir final Path dir) throws Exception {
		final HrDataset data = HrDataset.of(images(4, 48, 2));
		final Trainer.Result straight = new Trainer(config(8), data).train(null, null, 0, -1,
			Trainer.Listener.NONE, Monitor.NONE);
		final File ckpt = dir.resolve("ckpt.safetensors").toFile();
		new Trainer(config(8), data).train(null, ckpt, 2, 5, Trainer.Listener.NONE, Monitor.NONE);
		assertTrue(ckpt.isFile());
		final Trainer.Result resumed = new Trainer(config(8), data).train(null, ckpt, 2, -1,
			Trainer.Listener.NONE, Monitor.NONE);
		assertSame(straight.weights(), resumed.weights());
		assertSame(straight.ema(), resumed.ema());
		assertEquals(0, straight.resumedAt());
		assertEquals(5, resumed.resumedAt(), "the step the checkpoint was written after");
		// A checkpoint of another run is refused.
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trainer(config(9),
			data).train(null, ckpt, 2, -1, Trainer.Listener.NONE, Monitor.NONE));
		assertTrue(e.getMessage().contains("another training run"));
		assertTrue(e.getMessage().contains("iterations: 8 in the checkpoint, 9 now"), e.getMessage());
	}

	/**
	 * A damaged checkpoint is refused before any step, naming the file and what is wrong: NaN weights, a missing
	 * tensor, one of another shape, a step count that is not a number or is negative, metadata of the wrong kind,
	 * bytes that are not safetensors.
	 */
	@Test
	void aDamagedCheckpointIsRefusedAtTheStart(@TempDir final Path dir) throws Exception {
		final HrDataset data = HrDataset.of(images(4, 48, 2));
		final File ckpt = dir.resolve("ckpt.safetensors").toFile();
		new Trainer(config(8), data).train(null, ckpt, 2, 3, Trainer.Listener.NONE, Monitor.NONE);
		final StateDict good = io.github.faig.nn.io.SafeTensors.read(ckpt);
		final java.util.Map<String, String> meta = io.github.faig.nn.io.SafeTensors.metadata(ckpt);
		final String first = good.names().iterator().next();
		final List<Object[]> cases = new ArrayList<>();
		final StateDict nan = copy(good);
		nan.get("ema/conv_first.weight").data()[3] = Float.NaN;
		cases.add(new Object[] { nan, meta, "ema/conv_first.weight holds NaN" });
		final StateDict missing = new StateDict();
		for (final String n : good.names()) if (!n.equals(first)) missing.put(n, good.get(n));
		cases.add(new Object[] { missing, meta, "lacks " + first });
		final StateDict shape = copy(good);
		shape.put(first, new io.github.faig.nn.Tensor(new long[] { 1 }, new float[1]));
		cases.add(new Object[] { shape, meta, first + " has shape [1]" });
		for (final String[] it : new String[][] { { "abc", "is 'abc', not a whole number" }, { "-4",
			"-4 is out of range, expected 1 to 8" }, { "99", "99 is out of range, expected 1 to 8" }, { "99999999999",
				"99999999999 is out of range, expected 1 to 8" }, { "999999999999999999999999",
					"999999999999999999999999 is out of range, expected 1 to 8" } })
		{
			final java.util.Map<String, String> m = new java.util.LinkedHashMap<>(meta);
			m.put("iteration", it[0]);
			cases.add(new Object[] { good, m, "step count " + it[1] });
		}
		for (final Object[] c : cases) {
			@SuppressWarnings("unchecked")
			final java.util.Map<String, String> m = (java.util.Map<String, String>) c[1];
			io.github.faig.nn.io.SafeTensors.write((StateDict) c[0], m, ckpt);
			final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trainer(config(8),
				data).train(null, ckpt, 2, -1, Trainer.Listener.NONE, Monitor.NONE));
			assertTrue(e.getMessage().contains("checkpoint " + ckpt + " is damaged"), e.getMessage());
			assertTrue(e.getMessage().contains((String) c[2]), c[2] + " in: " + e.getMessage());
			assertEquals(1, e.getMessage().lines().count());
		}
		// metadata of the wrong kind, and bytes that are not a safetensors file at all
		final String header = "{\"__metadata__\":{\"iteration\":{\"a\":1}}}";
		final java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + header.length()).order(java.nio.ByteOrder
			.LITTLE_ENDIAN);
		b.putLong(header.length()).put(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		java.nio.file.Files.write(ckpt.toPath(), b.array());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trainer(config(8), data)
			.train(null, ckpt, 2, -1, Trainer.Listener.NONE, Monitor.NONE));
		assertTrue(e.getMessage().contains("is damaged") && e.getMessage().contains("iteration"), e.getMessage());
		java.nio.file.Files.writeString(ckpt.toPath(), "not a checkpoint");
		e = assertThrows(IllegalArgumentException.class, () -> new Trainer(config(8), data).train(null, ckpt, 2, -1,
			Trainer.Listener.NONE, Monitor.NONE));
		assertTrue(e.getMessage().contains("checkpoint " + ckpt + " is damaged"), e.getMessage());
	}

	private static StateDict copy(final StateDict sd) {
		final StateDict out = new StateDict();
		for (final String n : sd.names()) {
			out.put(n, new io.github.faig.nn.Tensor(sd.get(n).shape(), sd.get(n).data().clone()));
		}
		return out;
	}

	@Test
	void aCancelledRunKeepsItsStepsAndResumesToTheSameWeights(@TempDir final Path dir) throws Exception {
		final HrDataset data = HrDataset.of(images(4, 48, 3));
		final Trainer.Result straight = new Trainer(config(8), data).train(null, null, 0, -1,
			Trainer.Listener.NONE, Monitor.NONE);
		final File ckpt = dir.resolve("ckpt.safetensors").toFile();
		final int[] done = { 0 };
		// cancelled after step 3, between checkpoints (every 100): the work so far must still be saved
		final CancellationException e = assertThrows(CancellationException.class, () -> new Trainer(config(8), data)
			.train(null, ckpt, 100, -1, (t, n, loss, lr) -> done[0] = t, Monitor.of(
				(message, d, n) -> {}, () -> done[0] >= 3)));
		assertTrue(e.getMessage().contains("after step 3"), e.getMessage());
		assertTrue(ckpt.isFile(), "checkpoint written on cancel");
		final Trainer.Result resumed = new Trainer(config(8), data).train(null, ckpt, 100, -1,
			Trainer.Listener.NONE, Monitor.NONE);
		assertSame(straight.weights(), resumed.weights());
		assertSame(straight.ema(), resumed.ema());
	}

	private static void assertSame(final StateDict a, final StateDict b) {
		assertEquals(a.names(), b.names());
		for (final String n : a.names()) assertArrayEquals(a.get(n).data(), b.get(n).data(), 0f, n);
	}

	@Test
	void augmentationKeepsTheCropInPlace() {
		final FloatImage img = new FloatImage(3, 7, 9);
		for (int i = 0; i < img.data().length; i++) img.data()[i] = i;
		final FloatImage crop = img.crop(2, 3, 4, 4);
		for (int aug = 0; aug < 8; aug++) {
			final FloatImage a = HrDataset.augment(img, aug);
			final int[] off = HrDataset.augmentedOffset(2, 3, 7, 9, 4, aug);
			final FloatImage b = HrDataset.augment(crop, aug);
			assertArrayEquals(b.data(), a.crop(off[0], off[1], 4, 4).data(), 0f, "aug " + aug);
		}
	}

	@Test
	void cosineScheduleEnds() {
		final TrainingConfig c = config(100);
		assertEquals(2e-3, c.learningRateAt(0), 1e-12);
		assertEquals(1e-5 + 0.5 * (2e-3 - 1e-5), c.learningRateAt(50), 1e-12);
		assertEquals(1e-5, c.learningRateAt(100), 1e-12);
	}
}
