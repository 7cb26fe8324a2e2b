package io.github.faig.workflow;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Files and folders (model packages, filter sets) copied into bytes on the driver of a sharded run, so that every
 * JVM that runs items gets them once ({@link Sharding#share}) and reads its own copy: executors need not see the
 * driver's paths. A folder is copied with everything under it.
 */
public final class ShippedFiles implements Serializable {

	private static final long serialVersionUID = 1L;

	/** Per path given: its name and its files (relative path, bytes); a plain file has one entry, "". */
	private final List<String> names = new ArrayList<>();
	private final List<Map<String, byte[]>> contents = new ArrayList<>();
	private transient List<File> copies;

	private ShippedFiles() {}

	/** The bytes of {@code paths} (each a file or a folder), read now. */
	public static ShippedFiles of(final File... paths) throws IOException {
		final ShippedFiles s = new ShippedFiles();
		for (final File p : paths) {
			final Map<String, byte[]> files = new LinkedHashMap<>();
			final Path root = p.toPath();
			if (Files.isDirectory(root)) {
				try (Stream<Path> walk = Files.walk(root)) {
					for (final Path f : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
						files.put(root.relativize(f).toString(), Files.readAllBytes(f));
					}
				}
			}
			else files.put("", Files.readAllBytes(root));
			s.names.add(p.getName());
			s.contents.add(files);
		}
		return s;
	}

	/**
	 * This JVM's copies of the paths, in the order given, under a fresh temporary folder (written on the first call,
	 * removed when the JVM exits); each keeps its name.
	 */
	public synchronized List<File> copies() {
		if (copies != null) return copies;
		try {
			final Path dir = Files.createTempDirectory("faig-shipped");
			dir.toFile().deleteOnExit();
			final List<File> out = new ArrayList<>();
			for (int i = 0; i < names.size(); i++) {
				final Path top = dir.resolve(i + "").resolve(names.get(i));
				Files.createDirectories(top.getParent());
				top.getParent().toFile().deleteOnExit();
				if (contents.get(i).containsKey("")) {
					write(top, contents.get(i).get(""));
				}
				else {
					Files.createDirectories(top);
					top.toFile().deleteOnExit();
					for (final Map.Entry<String, byte[]> e : contents.get(i).entrySet()) write(top.resolve(e.getKey()), e
						.getValue());
				}
				out.add(top.toFile());
			}
			copies = List.copyOf(out);
			return copies;
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void write(final Path f, final byte[] b) throws IOException {
		Files.createDirectories(f.getParent());
		f.getParent().toFile().deleteOnExit();
		Files.write(f, b);
		f.toFile().deleteOnExit(); // registered last: removed first
	}

	/** Bytes in all. */
	public long size() {
		return contents.stream().flatMap(m -> m.values().stream()).mapToLong(b -> b.length).sum();
	}
}
