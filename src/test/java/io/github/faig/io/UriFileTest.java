package io.github.faig.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Filesystem URIs as image inputs: kept whole (a {@link File} would fold {@code hdfs://nn/x} into {@code hdfs:/nn/x}),
 * never taken for a local path, and refused with the reason where nothing reads them (this project has no Hadoop;
 * the Spark suite reads a real HDFS through them).
 */
class UriFileTest {

	@Test
	void aUriStaysWholeAndPathsStayFiles(@TempDir final Path dir) {
		final File f = UriFile.of("hdfs://namenode:8020/data/images", "input_dir");
		assertInstanceOf(UriFile.class, f);
		assertEquals("hdfs://namenode:8020/data/images", f.getPath());
		assertEquals("hdfs://namenode:8020/data/images", f.toString());
		assertEquals(URI.create("hdfs://namenode:8020/data/images"), f.toURI());
		assertEquals("images", f.getName());
		assertEquals("hdfs://namenode:8020/data/", f.getParent());
		assertEquals("x y.png", UriFile.of("s3a://bucket/a/x%20y.png", "input_file").getName());
		assertEquals("hdfs", ((UriFile) UriFile.of("HDFS:///data", "input_dir")).scheme());
		assertEquals("hdfs://nn:8020/", UriFile.of("hdfs://nn:8020", "input_dir").getPath());
		// local paths, Windows drives and file: URIs are local files
		assertEquals(new File("relative/images"), UriFile.of("relative/images", "input_dir"));
		assertEquals(new File("C:/data"), UriFile.of("C:/data", "input_dir"));
		assertEquals(dir.toFile(), UriFile.of(dir.toUri().toString(), "input_dir"));
		assertFalse(UriFile.of(dir.toUri().toString(), "input_dir") instanceof UriFile);
		assertEquals(dir.toFile(), UriFile.of("file://localhost" + dir.toUri().getPath(), "input_dir"));
	}

	@Test
	void malformedUrisAreRefusedNamingTheInput() {
		final IllegalArgumentException space = assertThrows(IllegalArgumentException.class, () -> UriFile.of(
			"hdfs://nn/my images", "input_dir"));
		assertTrue(space.getMessage().startsWith("input_dir 'hdfs://nn/my images' is not a valid URI"), space
			.getMessage());
		assertTrue(space.getMessage().contains("%20"), space.getMessage());
		for (final String t : new String[] { "hdfs://nn/a#b.png", "hdfs://nn/a?b.png", "hdfs://nn/../x" }) {
			final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UriFile.of(t,
				"input_dir"));
			assertTrue(e.getMessage().startsWith("input_dir '" + t + "'"), e.getMessage());
		}
		final IllegalArgumentException host = assertThrows(IllegalArgumentException.class, () -> UriFile.of(
			"file://server/share/x", "input_file"));
		assertTrue(host.getMessage().startsWith("input_file 'file://server/share/x' is not a local file URI"), host
			.getMessage());
	}

	@Test
	void nothingLocalStandsForAUri(@TempDir final Path dir) throws Exception {
		// a local folder named as the URI's text would be folded into ("hdfs:/nn/x")
		final Path decoy = Files.createDirectories(dir.resolve("hdfs:").resolve("nn").resolve("x"));
		final File f = UriFile.of("hdfs://nn/x", "input_dir");
		assertThrows(UnsupportedOperationException.class, f::toPath);
		assertFalse(f.delete());
		assertFalse(f.mkdirs());
		assertFalse(f.renameTo(dir.resolve("moved").toFile()));
		assertFalse(f.canWrite());
		assertTrue(Files.isDirectory(decoy));
		// with no filesystem for it, asking what it is says why, naming it
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, f::isDirectory);
		assertTrue(e.getMessage().startsWith("'hdfs://nn/x': hdfs:// URIs are read only in runs with the Spark runner"),
			e.getMessage());
		assertFalse(((UriFile) f).unreadable() == null);
	}

	@Test
	void aUriSurvivesSerializationAndSortsByDecodedName() throws Exception {
		final File f = UriFile.of("hdfs://nn:8020/data/a%20b.png", "input_dir");
		final ByteArrayOutputStream b = new ByteArrayOutputStream();
		try (ObjectOutputStream o = new ObjectOutputStream(b)) {
			o.writeObject(f);
		}
		final Object back;
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b.toByteArray()))) {
			back = in.readObject();
		}
		assertEquals(f, back);
		assertEquals("hdfs://nn:8020/data/a%20b.png", back.toString());
		assertEquals("a b.png", ((File) back).getName());
		// as a local folder sorts them: "a b" before "a!b" before "a-b" (by character, not by %-escape)
		final File[] files = { UriFile.of("hdfs://nn:8020/data/a-b.png", "x"), UriFile.of("hdfs://nn:8020/data/a!b.png",
			"x"), f };
		Arrays.sort(files);
		assertEquals("[a b.png, a!b.png, a-b.png]", Arrays.toString(Arrays.stream(files).map(File::getName).toArray()));
		assertEquals(f, UriFile.of("hdfs://nn:8020/data/./a%20b.png", "x"));
	}
}
