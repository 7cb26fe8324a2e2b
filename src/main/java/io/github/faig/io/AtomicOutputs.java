package io.github.faig.io;

import java.io.File;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a command's output files all or nothing: each file is written under a temporary name beside its final
 * place, and only {@link #commit()} moves them into place. Closing without committing deletes the temporary
 * files, so a failed or cancelled run leaves nothing half-written.
 *
 * <pre>
 * try (AtomicOutputs out = new AtomicOutputs(dir)) {
 *     writeTiff(imp, out.file("a.tif"));
 *     out.commit();
 * }
 * </pre>
 */
public final class AtomicOutputs implements AutoCloseable {

	/** Writes one file to the given (temporary) path. */
	@FunctionalInterface
	public interface Writer {
		void write(File file) throws IOException;
	}

	private final Path dir;
	private final List<Path[]> pending = new ArrayList<>();
	/** The names written so far, lower-case: a folder run writes thousands, so no scan of {@link #pending}. */
	private final java.util.Set<String> names = new java.util.HashSet<>();
	private final List<Path> committed = new ArrayList<>();
	private boolean done;

	/**
	 * @param dir a writable folder, or a new one whose parent exists (created here, when the outputs are ready to be
	 *          written; named {@code output_dir} in messages)
	 */
	public AtomicOutputs(final File dir) throws IOException {
		checkOutputDir(dir);
		this.dir = dir.toPath().toAbsolutePath().normalize();
		if (!Files.isDirectory(this.dir)) Files.createDirectory(this.dir);
		// what a killed run of this project left here (provably its own: OutputPaths.removeLeftovers)
		OutputPaths.removeLeftovers(this.dir);
	}

	/**
	 * Throws a clear message unless {@code dir} is a writable folder, or a new folder in an existing, writable one
	 * (which {@link #AtomicOutputs(File)} creates: only the output folder itself, never its parents).
	 */
	public static void checkOutputDir(final File dir) {
		if (dir == null) throw new IllegalArgumentException("output_dir was not given");
		if (dir.getPath().startsWith("~")) {
			throw new IllegalArgumentException("output_dir '" + dir + "' starts with ~, which is not expanded here: give " +
				"the full path");
		}
		final File abs = dir.getAbsoluteFile();
		if (!abs.exists()) {
			final File parent = abs.getParentFile();
			if (parent == null || !parent.isDirectory()) {
				throw new IllegalArgumentException("output_dir '" + dir + "' does not exist, nor does the folder that " +
					"would hold it: expected an existing folder, or a new one inside an existing folder");
			}
			if (!parent.canWrite()) throw new IllegalArgumentException("output_dir '" + dir + "' cannot be created " +
				"in " + parent + ", which is not writable");
			return;
		}
		if (!abs.isDirectory()) {
			throw new IllegalArgumentException("output_dir '" + dir + "' is a file: expected a folder");
		}
		if (!abs.canWrite()) {
			throw new IllegalArgumentException("output_dir '" + dir + "' is not writable");
		}
	}

	/**
	 * Writes {@code name} through {@code writer}, to a temporary name for now. The name is made safe first
	 * ({@link OutputPaths#safeFileName(String)}: names built from model names, image titles or slice labels can
	 * hold separators or {@code ..}), so the file always lands directly in the folder.
	 */
	public void write(final String name, final Writer writer) throws IOException {
		final Path target = OutputPaths.inside(dir, OutputPaths.safeFileName(name));
		// one run never writes two outputs under one name (case-blind, for case-insensitive filesystems): the later
		// would silently replace the earlier
		if (!names.add(target.getFileName().toString().toLowerCase(java.util.Locale.ROOT))) {
			throw new IOException("two outputs of this run would both be written as " + target.getFileName() + " in " +
				"output_dir: rename the input (its outputs' names come from it)");
		}
		if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
			throw new IOException("output_dir holds a folder named " + target.getFileName() + " where the file goes");
		}
		// A fresh temporary name (never an existing file's), with the real extension: writers pick the format from it
		final Path tmp = OutputPaths.freshSibling(target, false);
		pending.add(new Path[] { tmp, target });
		writer.write(tmp.toFile());
		if (!Files.isRegularFile(tmp)) {
			throw new IOException("could not write " + target);
		}
	}

	/** Moves every written file into place. */
	public List<Path> commit() throws IOException {
		for (final Path[] p : pending) {
			moveIntoPlace(p[0], p[1]);
			committed.add(p[1]);
		}
		done = true;
		return List.copyOf(committed);
	}

	/**
	 * Moves a finished temporary file over {@code target}: atomically where the filesystem can, else by a plain
	 * replacing move (some network filesystems have no atomic rename).
	 */
	public static void moveIntoPlace(final Path temporary, final Path target) throws IOException {
		try {
			Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (final AtomicMoveNotSupportedException e) {
			Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/** Deletes the temporary files of an uncommitted run. */
	@Override
	public void close() {
		if (done) return;
		for (final Path[] p : pending) {
			try {
				Files.deleteIfExists(p[0]);
			}
			catch (final IOException e) {
				// Best effort: a leftover ".part-faig-" file is harmless, and the next run here removes it.
			}
		}
	}
}
