package io.github.faig.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import io.github.faig.TestImages;
import io.github.faig.degrade.DegradationOptions;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.image.FloatImage;
import io.github.faig.nn.Fixtures;
import io.github.faig.nn.NetworkSpec;
import io.github.faig.nn.io.CheckpointConverter;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.train.TrainOptions.Role;
import io.github.faig.workflow.Monitor;

/** The Train Model workflow on tiny networks and images: what it writes, records, keeps when cancelled, refuses. */
public class TrainModelTest {

	/** Three 40×40 photographs; with {@code manifest}, the first two train and the third validates. */
	public static File photos(final Path dir, final boolean manifest) throws Exception {
		final File d = dir.resolve("photos").toFile();
		assertTrue(d.mkdir());
		final StringBuilder m = new StringBuilder("file\tsha256\tpixel_sha256\twidth\theight\tsplit\n");
		for (int i = 0; i < 3; i++) {
			final FloatImage img = TestImages.images(1, 40, 20 + i).get(0);
			ImageFiles.save(ImagePlusBridge.toImagePlus("p" + i, List.of(img), null, ImagePlusBridge.OutputType.BYTE,
				null), new File(d, "p" + i + ".png"));
			m.append("p" + i + ".png\t-\t-\t40\t40\t" + (i < 2 ? "train" : "validation") + "\n");
		}
		if (manifest) Files.writeString(new File(d, "manifest.tsv").toPath(), m, StandardCharsets.UTF_8);
		return d;
	}

	/** A tiny target run: MSRResNet 4 × 1, three iterations of one 8×8 LR patch. */
	public static TrainOptions tiny(final File in, final File out) {
		return new TrainOptions(in, out, "MSRResNet", 4, 1, 2, Role.TARGET, 0.5, 0.5, null, 3, 1, 8, 2e-4, 0.999,
			new DegradationOptions(2, 21, 0.1, 5), 1000, 16, "CC0-1.0");
	}

	@Test
	void aRunWritesAPackageThatRecordsHowItWasMade(@TempDir final Path dir) throws Exception {
		final File in = photos(dir, true);
		final File out = dir.resolve("mine").toFile();
		final TrainModel.Result r = new TrainModel(tiny(in, out)).run("the line", Monitor.NONE, s -> {});
		assertEquals(2, r.trainingImages(), "the manifest's train split");
		assertEquals(1, r.log().size(), "a log row at the last iteration only (3 < 100)");
		assertEquals(3, r.log().get(0).iteration());
		assertFalse(TrainModel.checkpoint(out).exists(), "the checkpoint is gone once the package is written");
		final ModelPackage p = ModelPackage.read(out);
		assertEquals(new NetworkSpec("MSRResNet", 2, 4, 1), p.spec());
		assertEquals("target", p.role());
		assertEquals("CC0-1.0", p.license());
		final JsonObject prov = p.provenance();
		assertEquals("the line", prov.get("command").getAsString());
		assertEquals(5, prov.get("seed").getAsLong(), "the degradation options' seed seeds the run");
		assertEquals(0.5, prov.get("mix_p_noise").getAsDouble());
		assertEquals(2, prov.get("training_images").getAsInt());
		final String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(
			new File(in, "manifest.tsv").toPath())));
		assertEquals(sha, prov.get("data_manifest_sha256").getAsString());
		assertEquals(1, prov.getAsJsonObject("validation").get("images").getAsInt());
		assertEquals(16, prov.getAsJsonObject("validation").get("crop").getAsInt());
		assertFalse(prov.has("resumed_at_step"));
	}

	@Test
	void aCancelledRunKeepsItsCheckpointAndTheNextRunResumesFromIt(@TempDir final Path dir) throws Exception {
		final File in = photos(dir, false);
		final File out = dir.resolve("mine").toFile();
		final TrainOptions o = tiny(in, out);
		// cancelled once the trainer has reported two finished steps
		final Monitor cancelAfterTwo = new Monitor() {

			private int steps;

			@Override
			public void progress(final String message, final long done, final long total) {
				if (message.startsWith("Training")) steps++;
			}

			@Override
			public boolean isCancelled() {
				return steps >= 2;
			}
		};
		final CancellationException e = assertThrows(CancellationException.class, () -> new TrainModel(o).run(null,
			cancelAfterTwo, s -> {}));
		assertTrue(e.getMessage().contains("after step 2"), e.getMessage());
		assertTrue(TrainModel.checkpoint(out).isFile(), "checkpoint kept");
		assertFalse(out.exists(), "no package from a cancelled run");
		// the resumed run's count starts at its checkpoint: its first counted report is step 2 of 3, not 0
		final List<long[]> counts = new ArrayList<>();
		final TrainModel.Result r = new TrainModel(o).run(null, Monitor.of((message, done, total) -> {
			if (total > 0) counts.add(new long[] { done, total });
		}, () -> false), s -> {});
		assertArrayEquals(new long[] { 2, 3 }, counts.get(0));
		assertArrayEquals(new long[] { 3, 3 }, counts.get(counts.size() - 1));
		assertEquals(2, r.model().provenance().get("resumed_at_step").getAsInt());
		assertFalse(r.model().provenance().has("command"), "no line given, none recorded");
		assertEquals(3, r.trainingImages(), "without a manifest every photograph trains");
	}

	@Test
	void fineTuningKeepsTheInitialShapeAndRefusesAnotherOne(@TempDir final Path dir) throws Exception {
		final File in = photos(dir, false);
		final File init = dir.resolve("init").toFile();
		CheckpointConverter.importModel(Fixtures.file("msrresnet_x2.pth"), null, "params", "init", "baseline", "CC0-1.0")
			.write(init);
		final TrainOptions d = TrainOptions.DEFAULTS;
		final TrainOptions fine = new TrainOptions(in, dir.resolve("fine").toFile(), d.architecture(), d.numFeat(), d
			.numBlock(), d.scale(), Role.TARGET, 0.5, 0.5, init.getPath(), 3, 1, 8, 2e-4, 0.999, d.degradation(), 1000, 16,
			"CC0-1.0");
		assertEquals(new NetworkSpec("MSRResNet", 2, 8, 2), new TrainModel(fine).network(), "the fixture's shape");
		final TrainOptions wider = new TrainOptions(in, dir.resolve("fine").toFile(), d.architecture(), 4, d.numBlock(),
			d.scale(), Role.TARGET, 0.5, 0.5, init.getPath(), 3, 1, 8, 2e-4, 0.999, d.degradation(), 1000, 16, "CC0-1.0");
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainModel(wider));
		assertTrue(e.getMessage().startsWith("num_feat=4 conflicts with init_model"), e.getMessage());
	}

	@Test
	void optionsNameTheInputTheyRefuse(@TempDir final Path dir) throws Exception {
		final TrainOptions d = TrainOptions.DEFAULTS;
		final IllegalArgumentException it = assertThrows(IllegalArgumentException.class, () -> new TrainOptions(null,
			null, d.architecture(), d.numFeat(), d.numBlock(), d.scale(), d.role(), 0.5, 0.5, null, 0, 1, 8, 2e-4, 0.999, d
				.degradation(), 1, 0, null));
		assertTrue(it.getMessage().startsWith("iterations"), it.getMessage());
		assertTrue(assertThrows(IllegalArgumentException.class, () -> Role.of("bogus")).getMessage().contains("role"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new TrainOptions(null, null, d.architecture(), d
			.numFeat(), d.numBlock(), d.scale(), Role.CUSTOM, 1.5, 0.5, null, 1, 1, 8, 2e-4, 0.999, d.degradation(), 1, 0,
			null)).getMessage().contains("p_blur"));
		// the probabilities are the custom role's (a headless line that gives them with another role is refused by
		// the command: BadInputTest)
		assertEquals(0.5, new TrainOptions(null, null, d.architecture(), d.numFeat(), d.numBlock(), d.scale(),
			Role.TARGET, 0.5, 0.25, null, 1, 1, 8, 2e-4, 0.999, d.degradation(), 1, 0, null).mix().pNoise());
		assertEquals(0.25, new TrainOptions(null, null, d.architecture(), d.numFeat(), d.numBlock(), d.scale(),
			Role.CUSTOM, 0.5, 0.25, null, 1, 1, 8, 2e-4, 0.999, d.degradation(), 1, 0, null).mix().pNoise());
		final IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> new TrainModel(d
			.withPaths(dir.resolve("none").toFile(), dir.resolve("m").toFile())));
		assertTrue(missing.getMessage().startsWith("input_dir"), missing.getMessage());
		assertEquals(0.0, d.mix().pBlur(), "the default role is the baseline: clean inputs only");
	}
}
