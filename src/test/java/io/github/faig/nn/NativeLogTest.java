package io.github.faig.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import io.github.faig.cli.FaigMain;

/** libtorch's own warnings are quiet unless TORCH_CPP_LOG_LEVEL asks for them. */
class NativeLogTest {

	@Test
	void theVariableReadsAsPyTorchReadsIt() {
		assertEquals(2, NativeLog.level(null));
		assertEquals(0, NativeLog.level("INFO"));
		assertEquals(1, NativeLog.level("warning"));
		assertEquals(1, NativeLog.level(" 1 "));
		assertEquals(2, NativeLog.level("ERROR"));
		assertEquals(3, NativeLog.level("3"));
		assertEquals(2, NativeLog.level("loud"));
		assertTrue(NativeLog.known(null) && NativeLog.known("") && NativeLog.known("error") && NativeLog.known("0"));
		assertFalse(NativeLog.known("banana") || NativeLog.known("4") || NativeLog.known("-1"));
	}

	@Test
	@EnabledOnOs({ OS.LINUX, OS.MAC })
	void theEngineLoadsWithTheLevelApplied() {
		Engines.pytorch();
		assertEquals(NativeLog.level(System.getenv(NativeLog.ENV)), NativeLog.current());
	}

	/**
	 * A filter discovery in a fresh JVM writes no NNPACK warning to standard error; with TORCH_CPP_LOG_LEVEL=WARNING it
	 * does, on a CPU NNPACK does not know (this project's build machine: 20 such lines before the level was applied).
	 */
	@Test
	@EnabledOnOs(OS.LINUX)
	void nnpackWarningsAreQuietUnlessAskedFor() throws Exception {
		final String quiet = probe(null);
		final String loud = probe("WARNING");
		assertTrue(quiet.contains("probe done") && loud.contains("probe done"), quiet + "\n---\n" + loud);
		assertFalse(quiet.contains("NNPACK"), quiet);
		// where NNPACK initialises, there is nothing to silence: the quiet run is then all there is to check
		if (loud.contains("Could not initialize NNPACK")) assertFalse(quiet.lines().anyMatch(l -> l.matches(
			"^\\[W\\d{4} .*")), "no libtorch warning: " + quiet);
	}

	/** Standard output and error of {@link Probe} in a child JVM, with the variable set to {@code level} (or unset). */
	private static String probe(final String level) throws IOException, InterruptedException {
		final ProcessBuilder pb = new ProcessBuilder(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
			.toString(), "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), Probe.class.getName()))
				.redirectErrorStream(true);
		pb.environment().remove(NativeLog.ENV);
		if (level != null) pb.environment().put(NativeLog.ENV, level);
		final Process p = pb.start();
		final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe ended");
		assertEquals(0, p.exitValue(), out);
		return out;
	}

	/**
	 * A small filter discovery from the command line in a fresh JVM (a 64×64 photograph-like image, the SRCNN-style
	 * pair, 4 path steps): the run in which libtorch tries NNPACK for its batched convolutions.
	 */
	public static final class Probe {

		public static void main(final String[] args) throws IOException {
			final Path dir = Files.createTempDirectory("faig-native-log-");
			final BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
			final Random r = new Random(1);
			for (int y = 0; y < 64; y++)
				for (int x = 0; x < 64; x++) {
					final int v = (int) (127 + 60 * Math.sin(x / 5.0) * Math.cos(y / 7.0) + r.nextInt(20));
					img.setRGB(x, y, v << 16 | (255 - v) << 8 | v / 2);
				}
			Files.createDirectories(dir.resolve("gt"));
			ImageIO.write(img, "png", dir.resolve("gt/a.png").toFile());
			final int rc = FaigMain.run(System.out, System.err, "--run", "FAIG Compute Filters",
				"baseline_model='srcnn-x2-baseline',target_model='srcnn-x2-target',input_dir='" + dir.resolve("gt") +
					"',steps=4,crop_size=32,crops=1,threads=1,output_dir='" + dir.resolve("out") + "'");
			System.out.println(rc == 0 ? "probe done" : "probe failed: " + rc);
			System.exit(rc);
		}
	}
}
