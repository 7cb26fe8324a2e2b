package io.github.faig.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading image files: an unreadable one gives the project's one-line message and nothing else. */
class ImageFilesTest {

	@Test
	void anUnreadableFileGivesOneLineAndImageJPrintsNothing(@TempDir final Path dir) throws Exception {
		// what ImageJ itself reports on stdout for each: "Unsupported format or file not found", "FileInfo parameter
		// error" (a TIFF header of a 0x0 image), "I/O error reading PNG header"
		final byte[][] contents = { new byte[0], { 'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0 }, { (byte) 0x89, 'P', 'N', 'G',
			13, 10, 26, 10, 0, 0 } };
		final PrintStream out = System.out;
		final ByteArrayOutputStream printed = new ByteArrayOutputStream();
		System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
		try {
			for (final String ext : new String[] { "tif", "png", "jpg" }) {
				for (int i = 0; i < contents.length; i++) {
					final File f = dir.resolve("bad" + i + "." + ext).toFile();
					Files.write(f.toPath(), contents[i]);
					final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageFiles
						.open(f, "input_file"));
					assertEquals("input_file '" + f + "' could not be read as an image (expected " + ImageFiles.IMAGE_KINDS +
						")", e.getMessage());
				}
			}
			System.out.println("after");
		}
		finally {
			System.setOut(out);
		}
		assertEquals("after" + System.lineSeparator(), printed.toString(StandardCharsets.UTF_8));
	}

	@Test
	void otherThreadsPrintWhileAFileIsRead() throws Exception {
		final PrintStream out = System.out;
		final ByteArrayOutputStream printed = new ByteArrayOutputStream();
		System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
		try {
			final String r = ImageFiles.withoutOwnReport(() -> {
				System.out.println("held back");
				final Thread other = new Thread(() -> System.out.println("from another thread"));
				other.start();
				try {
					other.join();
				}
				catch (final InterruptedException e) {
					throw new IllegalStateException(e);
				}
				return "read";
			});
			assertEquals("read", r);
		}
		finally {
			System.setOut(out);
		}
		final String s = printed.toString(StandardCharsets.UTF_8);
		assertTrue(s.contains("from another thread"), s);
		assertTrue(!s.contains("held back"), s);
	}
}
