package io.github.faig.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.faig.nn.Fixtures;
import io.github.faig.nn.io.CheckpointConverter;
import io.github.faig.train.TrainModelTest;

/** The developer tools' entry point, and the model card on a tiny model and three photographs. */
class DevToolsTest {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();
	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private int run(final String... args) {
		return DevTools.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
			StandardCharsets.UTF_8), args);
	}

	@Test
	void aBadToolOrMissingArgumentsAreRefused() {
		assertEquals(2, run());
		assertEquals(2, run("no-such-tool"));
		assertTrue(err.toString(StandardCharsets.UTF_8).contains("no tool named 'no-such-tool'"));
		assertEquals(2, run("model-card"));
		assertEquals(2, run("build-training-set", "only-one"));
	}

	@Test
	void theModelCardScoresEveryModelAgainstBilinear(@TempDir final Path dir) throws Exception {
		final File photos = TrainModelTest.photos(dir, true);
		final File models = dir.resolve("models").toFile();
		assertTrue(models.mkdir());
		CheckpointConverter.importModel(Fixtures.file("msrresnet_x2.pth"), null, "params", "tiny", "baseline", "CC0-1.0")
			.write(new File(models, "tiny"));
		assertEquals(0, run("model-card", models.getPath(), photos.getPath(), "32"), err.toString(
			StandardCharsets.UTF_8));
		final String table = out.toString(StandardCharsets.UTF_8);
		assertTrue(table.startsWith("Validation split: 1 photographs"), table);
		assertTrue(table.contains("| bilinear (floor) |"), table);
		assertTrue(table.contains("| tiny |"), table);
	}
}
