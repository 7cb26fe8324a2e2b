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
					// a TIFF header (whatever the name: readers go by the content) whose page directory lies past the end
					assertEquals("input_file '" + f + "' " + (i == 1 ? "is a damaged TIFF: page 1's " +
						"directory runs past the end of the file" : "could not be read as an image (expected " + ImageFiles
							.IMAGE_KINDS + ")"), e.getMessage());
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

	/**
	 * A palette PNG (or GIF) is read as the image it shows, not as its palette's indices: colours as RGB, a grey
	 * palette as 8-bit grey values. The expected values are the palette's own, written here with Java's encoder.
	 */
	@Test
	void paletteImagesAreReadAsTheirColours(@TempDir final Path dir) throws Exception {
		final byte[] r = { 10, (byte) 200, 30, 0 };
		final byte[] g = { 20, 100, (byte) 250, 0 };
		final byte[] b = { 30, 50, 5, (byte) 255 };
		final byte[] grey = { (byte) 240, 7, (byte) 128, 60 };
		for (final String kind : new String[] { "png", "gif" }) {
			final java.awt.image.BufferedImage colour = indexed(new java.awt.image.IndexColorModel(2, 4, r, g, b));
			final File cf = dir.resolve("colour." + kind).toFile();
			javax.imageio.ImageIO.write(colour, kind, cf);
			final ij.ImagePlus c = ImageFiles.open(cf, "input_file");
			assertEquals(24, c.getBitDepth(), kind);
			for (int i = 0; i < 4; i++) {
				final int expected = (r[i] & 0xff) << 16 | (g[i] & 0xff) << 8 | b[i] & 0xff;
				assertEquals(expected, c.getProcessor().getPixel(i, 0) & 0xffffff, kind + " pixel " + i);
			}
			final java.awt.image.BufferedImage greys = indexed(new java.awt.image.IndexColorModel(2, 4, grey, grey,
				grey));
			final File gf = dir.resolve("grey." + kind).toFile();
			javax.imageio.ImageIO.write(greys, kind, gf);
			final ij.ImagePlus gi = ImageFiles.open(gf, "input_file");
			assertEquals(8, gi.getBitDepth(), kind);
			for (int i = 0; i < 4; i++) assertEquals(grey[i] & 0xff, gi.getProcessor().get(i, 0), kind + " pixel " + i);
		}
		// a TIFF keeps its values: there a lookup table is a display setting of ImageJ's
		final ij.process.ByteProcessor bp = new ij.process.ByteProcessor(4, 1);
		for (int i = 0; i < 4; i++) bp.set(i, 0, i);
		bp.setLut(ij.process.LUT.createLutFromColor(java.awt.Color.red));
		final File tf = dir.resolve("lut.tif").toFile();
		ImageFiles.save(new ij.ImagePlus("lut", bp), tf);
		final ij.ImagePlus t = ImageFiles.open(tf, "input_file");
		assertEquals(8, t.getBitDepth());
		for (int i = 0; i < 4; i++) assertEquals(i, t.getProcessor().get(i, 0));
	}

	/** A 4 x 1 image whose pixels are the indices 0..3 of {@code cm}. */
	private static java.awt.image.BufferedImage indexed(final java.awt.image.IndexColorModel cm) {
		final java.awt.image.BufferedImage bi = new java.awt.image.BufferedImage(4, 1,
			java.awt.image.BufferedImage.TYPE_BYTE_BINARY, cm);
		for (int i = 0; i < 4; i++) bi.getRaster().setSample(i, 0, 0, i);
		return bi;
	}
}
