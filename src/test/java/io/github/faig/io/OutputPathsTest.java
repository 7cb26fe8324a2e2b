package io.github.faig.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output names: safe and short enough for any filesystem, without two outputs ever taking one name. */
class OutputPathsTest {

	@Test
	void shortNamesOnlyLoseUnsafeCharacters() {
		assertEquals("a_b_c.png", OutputPaths.safeFileName("a/b:c.png"));
		assertEquals("_hidden.tif", OutputPaths.safeFileName(".hidden.tif"));
		final String fits = "x".repeat(OutputPaths.MAX_NAME_BYTES - 4) + ".png";
		assertEquals(fits, OutputPaths.safeFileName(fits));
	}

	@Test
	void longNamesKeepTheirEndsAndStayDistinct() {
		// the outputs of one long input name differ only at the end: each keeps its own name
		final String stem = "L".repeat(235);
		final Set<String> names = new HashSet<>();
		for (final String variant : List.of("_clean.png", "_blur.png", "_noise.png", "_blur_noise.png", "_degraded.tif",
			"_parameters.csv", "_x2_msrresnet-x2-target.png"))
		{
			final String n = OutputPaths.safeFileName(stem + variant);
			assertTrue(n.getBytes(StandardCharsets.UTF_8).length <= OutputPaths.MAX_NAME_BYTES, n);
			assertTrue(n.endsWith(variant), n + " keeps " + variant);
			assertTrue(n.startsWith("LLLL"), n);
			assertEquals(n, OutputPaths.safeFileName(stem + variant), "the same name every time");
			names.add(n);
		}
		assertEquals(7, names.size(), names.toString());
		// two long names that differ only in the middle stay two names
		final String a = "m".repeat(150) + "A" + "m".repeat(150) + ".png";
		final String b = "m".repeat(150) + "B" + "m".repeat(150) + ".png";
		assertNotEquals(OutputPaths.safeFileName(a), OutputPaths.safeFileName(b));
		// multi-byte characters are never cut in half
		final String wide = OutputPaths.safeFileName("\u00fc\uD83D\uDE00".repeat(120) + "_blur.png");
		assertTrue(wide.getBytes(StandardCharsets.UTF_8).length <= OutputPaths.MAX_NAME_BYTES, wide);
		assertTrue(wide.endsWith("_blur.png"), wide);
		assertFalse(wide.contains("\uFFFD"), wide);
		assertEquals(wide, new String(wide.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
	}

	@Test
	void oneRunNeverWritesTwoOutputsUnderOneName(@TempDir final Path dir) throws IOException {
		try (AtomicOutputs out = new AtomicOutputs(dir.toFile())) {
			out.write("a.png", f -> Files.writeString(f.toPath(), "first"));
			final IOException e = assertThrows(IOException.class, () -> out.write("A.PNG", f -> Files.writeString(f
				.toPath(), "second")));
			assertTrue(e.getMessage().contains("A.PNG"), e.getMessage());
			out.commit();
		}
		assertEquals("first", Files.readString(dir.resolve("a.png")));
	}

	/**
	 * What a killed run left (temporary files and package folders under this project's names, of a process that has
	 * ended) goes with the next run in the folder; a live run's temporaries, look-alikes of other names, a folder
	 * holding a folder (a package set aside) and the user's files stay.
	 */
	@Test
	void leftoversOfEndedRunsAreRemovedAndNothingElse(@TempDir final Path dir) throws Exception {
		final Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
			"-version").redirectErrorStream(true).start();
		p.getInputStream().readAllBytes();
		p.waitFor();
		final long dead = p.pid();
		final Path live = OutputPaths.freshSibling(dir.resolve("a.tif"), false);
		final String mine = live.getFileName().toString();
		final String me = "-" + ProcessHandle.current().pid() + "-";
		assertTrue(mine.startsWith(".part-faig" + me) && mine.endsWith(".tif"), mine);
		final Path leftFile = Files.writeString(dir.resolve(mine.replace(me, "-" + dead + "-")), "half written");
		final Path leftPkg = OutputPaths.freshSibling(dir.resolve("model"), true);
		Files.writeString(leftPkg.resolve("model.json"), "{}");
		final Path leftPkgDead = Files.move(leftPkg, dir.resolve(leftPkg.getFileName().toString().replace(me, "-" +
			dead + "-")));
		final Path aside = OutputPaths.freshSibling(dir.resolve("model"), true);
		Files.createDirectories(aside.resolve("package"));
		final Path asideDead = Files.move(aside, dir.resolve(aside.getFileName().toString().replace(me, "-" + dead +
			"-")));
		final Path otherHost = Files.writeString(dir.resolve(mine.replace(me, "-" + dead + "-").replaceFirst(
			"-[0-9a-f]{8}-", "-00000000-")), "x");
		final Path oldStyle = Files.writeString(dir.resolve(".part-1234abcd.tif"), "x");
		final Path user = Files.writeString(dir.resolve("notes.txt"), "mine");
		assertEquals(2, OutputPaths.removeLeftovers(dir));
		assertFalse(Files.exists(leftFile));
		assertFalse(Files.exists(leftPkgDead));
		for (final Path kept : new Path[] { live, asideDead, otherHost, oldStyle, user }) {
			assertTrue(Files.exists(kept), kept.toString());
		}
	}

	/** A second run into an output that another holds is refused in one line; once the first ends, it may. */
	@Test
	void aRunLockRefusesASecondRun(@TempDir final Path dir) throws Exception {
		final java.io.File target = dir.resolve("m").toFile();
		try (RunLock first = RunLock.acquire(target, "output_model")) {
			final IllegalStateException e = assertThrows(IllegalStateException.class, () -> RunLock.acquire(target,
				"output_model"));
			assertTrue(e.getMessage().contains("output_model '" + target + "' is being written by another run"), e
				.getMessage());
		}
		assertFalse(Files.exists(RunLock.lockFile(target)), "the lock file goes with the run");
		try (RunLock again = RunLock.acquire(target, "output_model")) {
			assertTrue(Files.exists(RunLock.lockFile(target)));
		}
	}
}
