package io.github.faig.io;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a command's output files all or nothing: each file is written under a temporary name beside its final
 * place, and only {@link #commit()} moves them into place. Closing without committing deletes the temporary
 * files, so a failed or cancelled run leaves nothing half-written.
 * <p>
 * It never replaces a file it cannot prove is an earlier output of FAIG: {@value #RECORD} in the folder lists the
 * name, size and SHA-256 of every file FAIG wrote there, and a target that exists and is not such a file (a user's
 * file, one changed since, a link, a folder) makes the run refuse before anything is moved into place. While it is
 * open it holds the folder's {@link RunLock}, so two runs never write into one folder at once.
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

	/** The hidden list, in each output folder, of the files FAIG wrote there: SHA-256, size and name a line. */
	public static final String RECORD = ".faig-outputs";

	/** One written file as the record keeps it. */
	private record Entry(String sha256, long size) {}

	private final Path dir;
	private final List<Path[]> pending = new ArrayList<>();
	/** The record of {@link #pending}'s files, by final name. */
	private final Map<String, Entry> written = new HashMap<>();
	/** The names written so far, lower-case: a folder run writes thousands, so no scan of {@link #pending}. */
	private final java.util.Set<String> names = new java.util.HashSet<>();
	private final List<Path> committed = new ArrayList<>();
	private final RunLock lock;
	/** The record as it was when this run took the folder: name to the entries it accepts. */
	private final Map<String, List<Entry>> record;
	private boolean done;

	/**
	 * @param dir a writable folder, or a new one whose parent exists (created here, when the outputs are ready to be
	 *          written; named {@code output_dir} in messages)
	 * @throws IllegalStateException when another run is writing into {@code dir}
	 */
	public AtomicOutputs(final File dir) throws IOException {
		checkOutputDir(dir);
		this.dir = dir.toPath().toAbsolutePath().normalize();
		if (!Files.isDirectory(this.dir)) {
			try {
				Files.createDirectory(this.dir);
			}
			catch (final java.nio.file.FileAlreadyExistsException e) {
				// another run made it meanwhile: its lock, below, decides
				if (!Files.isDirectory(this.dir)) throw failure(this.dir, null, e, null);
			}
			catch (final IOException e) {
				throw failure(this.dir, null, e, null);
			}
		}
		lock = RunLock.inFolder(this.dir.toFile(), "output_dir");
		try {
			// what a killed run of this project left here (provably its own: OutputPaths.removeLeftovers)
			OutputPaths.removeLeftovers(this.dir);
			record = readRecord(this.dir);
		}
		catch (final IOException | RuntimeException e) {
			try {
				lock.close();
			}
			catch (final IOException x) {
				e.addSuppressed(x);
			}
			throw e;
		}
	}

	/**
	 * Throws a clear message unless {@code dir} is a writable folder, or a new folder in an existing, writable one
	 * (which {@link #AtomicOutputs(File)} creates: only the output folder itself, never its parents), and neither the
	 * root nor the home folder.
	 */
	public static void checkOutputDir(final File dir) {
		if (dir == null) throw new IllegalArgumentException("output_dir was not given");
		if (dir.getPath().startsWith("~")) {
			throw new IllegalArgumentException("output_dir '" + dir + "' starts with ~, which is not expanded here: give " +
				"the full path");
		}
		OutputPaths.checkNotRootOrHome(dir, "output_dir", "expected a folder for this run's outputs");
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
	 * Writes a result table as {@code stem.csv}, and under the stem with each other format's extension when
	 * {@link TableFormat#ALL} has more (see {@link #write(String, Writer)}).
	 */
	public void table(final String stem, final Rows rows) throws IOException {
		table(stem, rows, TableFormat.ALL);
	}

	/** Writes a result table in each of {@code formats}, as {@code stem.<extension>}. */
	public void table(final String stem, final Rows rows, final List<TableFormat> formats) throws IOException {
		for (final TableFormat f : formats) write(stem + "." + f.extension(), file -> f.write(file, rows));
	}

	/**
	 * The writers of a result table in each format of {@link TableFormat#ALL}, by file name, for a run that
	 * collects its files before it writes them (a folder run's per-file outputs).
	 */
	public static Map<String, Writer> tableWriters(final String stem, final Rows rows) {
		final Map<String, Writer> out = new java.util.LinkedHashMap<>();
		for (final TableFormat f : TableFormat.ALL) out.put(stem + "." + f.extension(), file -> f.write(file, rows));
		return out;
	}

	/**
	 * Writes {@code name} through {@code writer}, to a temporary name for now. The name is made safe first
	 * ({@link OutputPaths#safeFileName(String)}: names built from model names, image titles or slice labels can
	 * hold separators or {@code ..}), so the file always lands directly in the folder. A target that this run may not
	 * replace is refused here, before the work of writing it.
	 */
	public void write(final String name, final Writer writer) throws IOException {
		final Path target = OutputPaths.inside(dir, OutputPaths.safeFileName(name));
		final String fileName = target.getFileName().toString();
		// one run never writes two outputs under one name (case-blind, for case-insensitive filesystems): the later
		// would silently replace the earlier
		if (!names.add(fileName.toLowerCase(java.util.Locale.ROOT))) {
			throw new IOException("two outputs of this run would both be written as " + fileName + " in " +
				"output_dir: rename the input (its outputs' names come from it)");
		}
		checkReplaceable(target);
		// A fresh temporary name (never an existing file's), with the real extension: writers pick the format from it
		final Path tmp;
		try {
			tmp = OutputPaths.freshSibling(target, false);
		}
		catch (final IOException e) {
			throw failure(dir, fileName, e, null);
		}
		pending.add(new Path[] { tmp, target });
		try {
			writer.write(tmp.toFile());
			if (!Files.isRegularFile(tmp)) throw new IOException("could not write " + tmp);
			written.put(fileName, new Entry(Hashes.sha256(tmp), Files.size(tmp)));
		}
		catch (final IOException | java.io.UncheckedIOException e) {
			// the space it took is free again for the message's check
			Files.deleteIfExists(tmp);
			throw failure(dir, fileName, e instanceof java.io.UncheckedIOException u ? u.getCause() : (IOException) e,
				tmp);
		}
	}

	/**
	 * Moves every written file into place, once every target is checked again (a file may have appeared meanwhile).
	 * The record is written first with both the old and the new contents of each name, and again with only the new
	 * once they are in place: a run stopped half-way leaves a record that still proves every file its own.
	 */
	public List<Path> commit() throws IOException {
		for (final Path[] p : pending) checkReplaceable(p[1]);
		final Map<String, List<Entry>> next = new TreeMap<>();
		for (final Map.Entry<String, List<Entry>> e : record.entrySet()) {
			if (Files.isRegularFile(dir.resolve(e.getKey()), LinkOption.NOFOLLOW_LINKS)) next.put(e.getKey(), e.getValue());
		}
		final Map<String, List<Entry>> both = new TreeMap<>(next);
		for (final Map.Entry<String, Entry> e : written.entrySet()) {
			final List<Entry> l = new ArrayList<>(both.getOrDefault(e.getKey(), List.of()));
			l.add(e.getValue());
			both.put(e.getKey(), l);
			next.put(e.getKey(), List.of(e.getValue()));
		}
		writeRecord(both);
		for (final Path[] p : pending) {
			try {
				moveIntoPlace(p[0], p[1]);
			}
			catch (final IOException e) {
				throw failure(dir, p[1].getFileName().toString(), e, p[0]);
			}
			committed.add(p[1]);
		}
		writeRecord(next);
		done = true;
		return List.copyOf(committed);
	}

	/**
	 * Refuses {@code target} unless it is absent or a plain file whose size and SHA-256 the record holds: a user's
	 * file, a link or a folder under an output's name stays as it is.
	 */
	private void checkReplaceable(final Path target) throws IOException {
		checkReplaceable(dir, target, record, verified);
	}

	/**
	 * Refuses, before a run does its work, any of {@code names} that {@code dir} already holds and may not replace (as
	 * {@link #write(String, Writer)} would when it writes them): a long run learns at its start, not at its end, that
	 * its output folder holds a file of someone else's under one of its output names. A folder that does not exist
	 * yet passes.
	 *
	 * @param dir the run's {@code output_dir}
	 * @param names the names every run writes there, whatever its inputs
	 */
	public static void checkReplaceable(final File dir, final java.util.Collection<String> names) throws IOException {
		final Path d = dir.toPath().toAbsolutePath().normalize();
		if (names.isEmpty() || !Files.isDirectory(d)) return;
		final Map<String, List<Entry>> record = readRecord(d);
		final Map<String, Object> verified = new HashMap<>();
		for (final String n : names) checkReplaceable(d, OutputPaths.inside(d, OutputPaths.safeFileName(n)), record,
			verified);
	}

	/** The names {@link #table(String, Rows)} writes a table under. */
	public static List<String> tableNames(final String stem) {
		return TableFormat.ALL.stream().map(f -> stem + "." + f.extension()).toList();
	}

	private static void checkReplaceable(final Path dir, final Path target, final Map<String, List<Entry>> record,
		final Map<String, Object> verified) throws IOException
	{
		if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) return;
		final String name = target.getFileName().toString();
		final String what = Files.isSymbolicLink(target) ? "a link named " + name : Files.isDirectory(target,
			LinkOption.NOFOLLOW_LINKS) ? "a folder named " + name : Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) &&
				isOwn(name, target, record, verified) ? null : name;
		if (what == null) return;
		throw new IOException("output_dir " + dir + " already holds " + what + ", which no FAIG run wrote there (or " +
			"which was changed since): move it or choose another output_dir (nothing was changed)");
	}

	private static boolean isOwn(final String name, final Path file, final Map<String, List<Entry>> record,
		final Map<String, Object> verified) throws IOException
	{
		final List<Entry> accepted = record.get(name);
		if (accepted == null) return false;
		final long size = Files.size(file);
		if (accepted.stream().noneMatch(e -> e.size() == size)) return false;
		// checked at write(), again at commit(): hashed once unless it changed in between
		final Object stamp = List.of(size, Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS), Files
			.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
			.fileKey() == null ? "" : Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class,
				LinkOption.NOFOLLOW_LINKS).fileKey());
		if (stamp.equals(verified.get(name))) return true;
		final String sha = Hashes.sha256(file);
		final boolean own = accepted.stream().anyMatch(e -> e.size() == size && e.sha256().equals(sha));
		if (own) verified.put(name, stamp);
		return own;
	}

	/** The existing files already proven this run's to replace, with their size, time and file key then. */
	private final Map<String, Object> verified = new HashMap<>();

	/** The record of {@code dir}; empty when there is none. */
	private static Map<String, List<Entry>> readRecord(final Path dir) throws IOException {
		final Path f = dir.resolve(RECORD);
		final Map<String, List<Entry>> out = new HashMap<>();
		if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) return out;
		if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
			throw new IOException("output_dir " + dir + " holds " + RECORD + ", FAIG's list of its outputs there, but as " +
				"a link or folder: move it or choose another output_dir");
		}
		for (final String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
			final String[] c = line.split("\t", 3);
			if (line.isBlank() || line.startsWith("#")) continue;
			try {
				if (c.length != 3 || !c[0].matches("[0-9a-f]{64}")) throw new NumberFormatException();
				out.computeIfAbsent(c[2], k -> new ArrayList<>()).add(new Entry(c[0], Long.parseLong(c[1])));
			}
			catch (final NumberFormatException e) {
				throw new IOException("output_dir " + dir + " holds " + RECORD + ", FAIG's list of its outputs there, but " +
					"it is damaged (line '" + line + "'): move it or choose another output_dir");
			}
		}
		return out;
	}

	/** Writes the record through a temporary sibling, so it is never half-written. */
	private void writeRecord(final Map<String, List<Entry>> entries) throws IOException {
		final StringBuilder b = new StringBuilder("# files FAIG wrote in this folder (SHA-256, bytes, name): a later " +
			"run replaces only these\n");
		for (final Map.Entry<String, List<Entry>> e : entries.entrySet()) {
			for (final Entry x : e.getValue()) b.append(x.sha256()).append('\t').append(x.size()).append('\t').append(e
				.getKey()).append('\n');
		}
		final Path target = dir.resolve(RECORD);
		if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
			throw new IOException("output_dir " + dir + " holds " + RECORD + " as a link or folder: move it");
		}
		Path tmp = null;
		try {
			tmp = OutputPaths.freshSibling(target, false);
			Files.writeString(tmp, b, StandardCharsets.UTF_8);
			moveIntoPlace(tmp, target);
		}
		catch (final IOException e) {
			if (tmp != null) Files.deleteIfExists(tmp);
			throw failure(dir, RECORD + " (its list of FAIG's outputs)", e, tmp);
		}
	}

	/**
	 * A write failure in one line: the folder (given as {@code output_dir}), why, and the file's final name
	 * ({@code name}, null for the folder itself), never the temporary name {@code temporary}. When the writer gave no
	 * reason but its file (an image writer's "could not write"), a disk left nearly full is said to be the cause.
	 */
	public static IOException failure(final Path folder, final String name, final IOException e, final Path temporary) {
		return failure("output_dir", folder, name, e, temporary);
	}

	/** As {@link #failure(Path, String, IOException, Path)}, for the folder given as {@code parameter}. */
	public static IOException failure(final String parameter, final Path folder, final String name,
		final IOException e, final Path temporary)
	{
		String reason = null;
		for (Throwable t = e; t != null && reason == null; t = t.getCause()) {
			if (t instanceof java.nio.file.FileSystemException f) reason = f.getReason() != null ? f.getReason() : f
				instanceof java.nio.file.AccessDeniedException ? "permission denied" : f instanceof
					java.nio.file.NoSuchFileException ? "no such file or folder (removed meanwhile?)" : f instanceof
						java.nio.file.FileAlreadyExistsException ? "a file of that name appeared meanwhile" : f.getClass()
							.getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2");
			else if (t.getMessage() != null && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("no space"))
				reason = "No space left on device";
		}
		if (reason == null) {
			reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
			if (temporary != null) reason = reason.replace(temporary.toString(), String.valueOf(name));
			// the writer named only its file: the usual cause is a full disk
			try {
				final long free = Files.getFileStore(folder).getUsableSpace();
				if (free < (16L << 20)) reason = "no space left on device (" + free / 1024 + " kB free; " + reason + ")";
			}
			catch (final IOException | RuntimeException x) {
				// no better reason
			}
		}
		else if (e instanceof java.nio.file.FileSystemException f && f.getFile() != null && !f.getFile().contains(
			".part-faig-") && (name == null || !f.getFile().endsWith(name)) && !f.getFile().equals(folder
				.toString()))
		{
			reason = reason + " (" + f.getFile() + ")";
		}
		reason = reason.isEmpty() ? reason : Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
		return new IOException(parameter + " " + folder + ": " + reason + (name == null ? "" : " while writing " + name),
			e);
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

	/** Deletes the temporary files of an uncommitted run, and releases the folder. */
	@Override
	public void close() {
		try {
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
		finally {
			try {
				lock.close();
			}
			catch (final IOException e) {
				// the operating system releases the lock with the process anyway; a stale lock file never blocks
			}
		}
	}
}
