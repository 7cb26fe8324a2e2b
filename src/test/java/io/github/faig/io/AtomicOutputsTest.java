package io.github.faig.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule of every output folder: FAIG replaces only the files it wrote there, and one run writes at a time. */
class AtomicOutputsTest {

	@TempDir
	Path dir;

	private void write(final Path out, final String name, final String content) throws IOException {
		try (AtomicOutputs o = new AtomicOutputs(out.toFile())) {
			o.write(name, f -> Files.writeString(f.toPath(), content));
			o.commit();
		}
	}

	@Test
	void aRerunReplacesItsOwnOutputs() throws IOException {
		write(dir, "a.csv", "one");
		write(dir, "a.csv", "two");
		assertEquals("two", Files.readString(dir.resolve("a.csv")));
		// a second output beside the first keeps the first replaceable
		write(dir, "b.csv", "b");
		write(dir, "a.csv", "three");
		assertEquals("three", Files.readString(dir.resolve("a.csv")));
		assertEquals(List.of(".faig-outputs", "a.csv", "b.csv"), list(dir));
	}

	@Test
	void aUsersFileUnderAnOutputsNameIsRefused() throws IOException {
		Files.writeString(dir.resolve("a.csv"), "notes");
		final IOException e = assertThrows(IOException.class, () -> write(dir, "a.csv", "x"));
		assertTrue(e.getMessage().contains("already holds a.csv, which no FAIG run wrote there"), e.getMessage());
		assertEquals("notes", Files.readString(dir.resolve("a.csv")));
		assertEquals(List.of("a.csv"), list(dir));
	}

	@Test
	void anOutputChangedSinceIsRefused() throws IOException {
		write(dir, "a.csv", "one");
		Files.writeString(dir.resolve("a.csv"), "edited by hand");
		final IOException e = assertThrows(IOException.class, () -> write(dir, "a.csv", "two"));
		assertTrue(e.getMessage().contains("changed since"), e.getMessage());
		assertEquals("edited by hand", Files.readString(dir.resolve("a.csv")));
	}

	@Test
	void linksAndFoldersUnderAnOutputsNameAreRefused() throws IOException {
		final Path elsewhere = Files.writeString(Files.createTempFile("faig-link-target", ".csv"), "theirs");
		try {
			Files.createSymbolicLink(dir.resolve("a.csv"), elsewhere);
			final IOException e = assertThrows(IOException.class, () -> write(dir, "a.csv", "x"));
			assertTrue(e.getMessage().contains("a link named a.csv"), e.getMessage());
			assertTrue(Files.isSymbolicLink(dir.resolve("a.csv")));
			assertEquals("theirs", Files.readString(elsewhere));
			Files.createDirectory(dir.resolve("b.csv"));
			assertTrue(assertThrows(IOException.class, () -> write(dir, "b.csv", "x")).getMessage().contains(
				"a folder named b.csv"));
		}
		finally {
			Files.delete(elsewhere);
		}
	}

	@Test
	void nothingMovesWhenOneTargetIsRefused() throws IOException {
		write(dir, "a.csv", "one");
		try (AtomicOutputs o = new AtomicOutputs(dir.toFile())) {
			o.write("a.csv", f -> Files.writeString(f.toPath(), "two"));
			o.write("b.csv", f -> Files.writeString(f.toPath(), "b"));
			// a user's file appears before the commit
			Files.writeString(dir.resolve("b.csv"), "mine");
			assertThrows(IOException.class, o::commit);
		}
		assertEquals("one", Files.readString(dir.resolve("a.csv")));
		assertEquals("mine", Files.readString(dir.resolve("b.csv")));
		assertEquals(List.of(".faig-outputs", "a.csv", "b.csv"), list(dir));
	}

	@Test
	void oneRunAtATimeAndAStaleLockBlocksNothing() throws IOException {
		try (AtomicOutputs first = new AtomicOutputs(dir.toFile())) {
			final IllegalStateException e = assertThrows(IllegalStateException.class, () -> new AtomicOutputs(dir
				.toFile()));
			assertTrue(e.getMessage().contains("is being written by another run"), e.getMessage());
		}
		// what a killed run leaves: the file, without the operating system's lock
		Files.writeString(dir.resolve(RunLock.IN_FOLDER), "");
		write(dir, "a.csv", "one");
		assertEquals(List.of(".faig-outputs", "a.csv"), list(dir));
	}

	@Test
	void theRootAndHomeFoldersAreRefused() {
		for (final String d : new String[] { "/", System.getProperty("user.home") }) {
			final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AtomicOutputs
				.checkOutputDir(new java.io.File(d)));
			assertTrue(e.getMessage().startsWith("output_dir '" + d + "' is the "), e.getMessage());
		}
	}

	@Test
	void aWriteFailureNamesTheFolderTheOutputAndWhy() throws IOException {
		final IOException e = assertThrows(IOException.class, () -> {
			try (AtomicOutputs o = new AtomicOutputs(dir.toFile())) {
				// a stand-in for a full disk (the tmpfs case runs in the bad-input suite where it can mount one)
				o.write("g8_blur.png", f -> {
					throw new java.nio.file.FileSystemException(f.getPath(), null, "No space left on device");
				});
			}
		});
		assertEquals("output_dir " + dir + ": no space left on device while writing g8_blur.png", e.getMessage());
		assertEquals(List.of(), list(dir));
		// an image writer that names only its (temporary) file
		final IOException f = assertThrows(IOException.class, () -> {
			try (AtomicOutputs o = new AtomicOutputs(dir.toFile())) {
				o.write("g8_x2.tif", t -> {
					throw new IOException("could not write image " + t);
				});
			}
		});
		assertFalse(f.getMessage().contains(".part-faig-"), f.getMessage());
		assertTrue(f.getMessage().startsWith("output_dir " + dir + ": ") && f.getMessage().endsWith(
			"while writing g8_x2.tif"), f.getMessage());
	}

	@Test
	void aFilesystemErrorWithoutReasonStillSaysWhy() {
		final Path tmp = dir.resolve(".part-faig-1-00000000-00000000.png");
		assertEquals("output_dir " + dir + ": permission denied while writing a.png", AtomicOutputs.failure(dir,
			"a.png", new java.nio.file.AccessDeniedException(tmp.toString()), tmp).getMessage());
	}

	private static List<String> list(final Path d) throws IOException {
		try (Stream<Path> s = Files.list(d)) {
			return s.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}
}
