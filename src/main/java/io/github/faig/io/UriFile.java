package io.github.faig.io;

import java.io.File;
import java.io.FileFilter;
import java.io.FilenameFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An image input named by a filesystem URI ({@code hdfs://namenode:8020/images}, {@code s3a://bucket/images}) rather
 * than a local path: what a headless line's {@code input_dir='hdfs://…'} becomes, so that a cluster run's executors
 * read their files from the cluster's filesystem. It is a {@link File} so that the commands' {@code File} inputs
 * hold it; {@link File} itself would fold {@code hdfs://nn/x} into the local path {@code hdfs:/nn/x}.
 * <p>
 * The filesystem is read through a {@link UriFileSystem} (the Spark runner's Hadoop one). Answered from it: the
 * tests ({@link #exists()}, {@link #isFile()}, {@link #isDirectory()}, {@link #canRead()}), the listing
 * ({@link #listFiles(FilenameFilter)}) and the names; a file's bytes are read as a {@link #localCopy()}. What would
 * touch the local disk under the URI's text ({@link #toPath()}, writing) is refused, so a URI never turns into a
 * local path by accident.
 * </p>
 */
public final class UriFile extends File {

	private static final long serialVersionUID = 1L;

	/** A URI with a scheme of two or more characters (one letter is a Windows drive: {@code C:/data}). */
	private static final Pattern URI_TEXT = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:/.*", Pattern.DOTALL);

	private final URI uri;
	private transient UriFileSystem fs;
	private transient java.util.Optional<UriFileSystem.Kind> kind;

	private UriFile(final URI uri) {
		// File folds the text into a relative local path (hdfs:/nn/x) that the methods below never touch
		super(uri.toString());
		this.uri = uri;
	}

	/**
	 * The file a path or URI names: a {@link UriFile} for a URI with a scheme other than {@code file}, a local
	 * {@link File} otherwise ({@code file:} URIs included).
	 *
	 * @throws IllegalArgumentException for text that starts as a URI but is not one, naming {@code parameter}
	 */
	public static File of(final String text, final String parameter) {
		if (!URI_TEXT.matcher(text).matches()) return new File(text);
		final URI u;
		try {
			// schemes are case-blind (RFC 3986); Hadoop knows them in lower case
			final int colon = text.indexOf(':');
			u = new URI(text.substring(0, colon).toLowerCase(Locale.ROOT) + text.substring(colon)).normalize();
		}
		catch (final URISyntaxException e) {
			throw new IllegalArgumentException(parameter + " '" + text + "' is not a valid URI (" + e.getReason() +
				" at character " + (e.getIndex() + 1) + "); characters such as spaces are written %20");
		}
		if (u.getScheme().equalsIgnoreCase("file")) {
			try {
				// file://localhost/path is this machine's /path (RFC 8089)
				return new File("localhost".equalsIgnoreCase(u.getAuthority()) ? new URI("file", null, u.getPath(), null)
					: u);
			}
			catch (final URISyntaxException e) {
				throw new IllegalArgumentException(parameter + " '" + text + "' is not a local file URI (" + e
					.getMessage() + "): expected file:///path");
			}
			catch (final IllegalArgumentException e) {
				throw new IllegalArgumentException(parameter + " '" + text + "' is not a local file URI (" + e
					.getMessage() + "): expected file:///path");
			}
		}
		if (u.getRawQuery() != null || u.getRawFragment() != null) {
			throw new IllegalArgumentException(parameter + " '" + text + "' has a " + (u.getRawQuery() != null ? "query (?)"
				: "fragment (#)") + ", which names no file: write ? as %3F and # as %23 in a file name");
		}
		if (u.getPath().equals("/..") || u.getPath().startsWith("/../")) {
			throw new IllegalArgumentException(parameter + " '" + text + "' goes above its filesystem's root (..)");
		}
		// hdfs://nn:8020 is the filesystem's root
		return new UriFile(u.getPath().isEmpty() ? u.resolve("/") : u);
	}

	/**
	 * The refusal of a URI given to {@code parameter}, which takes {@code takes} ("a local path"), with what else
	 * the caller has to say (what does take URIs), or an empty string.
	 */
	public static IllegalArgumentException refused(final String parameter, final String given, final String takes,
		final String more)
	{
		return new IllegalArgumentException(parameter + " '" + given + "' is a filesystem URI, but " + parameter +
			" takes " + takes + (more.isEmpty() ? "" : " (" + more + ")"));
	}

	/** The URI, as given (normalized: {@code a/./b} is {@code a/b}). */
	public URI uri() {
		return uri;
	}

	/** The URI's scheme, lower-case ({@code hdfs}). */
	public String scheme() {
		return uri.getScheme().toLowerCase(Locale.ROOT);
	}

	/** Why nothing here reads this URI (a sentence to follow its name), or {@code null} when something does. */
	public String unreadable() {
		if (fs() != null) return null;
		if (!UriFileSystem.installed()) {
			return scheme() + ":// URIs are read only in runs with the Spark runner (./faig --spark MASTER --run ..., " +
				"or spark-submit with the job jar), which brings Hadoop's filesystems; give a local path here";
		}
		return "no filesystem for " + scheme() + ":// on the class path (Hadoop reads hdfs:// itself; others need " +
			"their Hadoop module on the cluster's class path, such as hadoop-aws for s3a://)";
	}

	private UriFileSystem fs() {
		if (fs == null) fs = UriFileSystem.of(uri);
		return fs;
	}

	/**
	 * The filesystem that reads this URI.
	 *
	 * @throws IllegalArgumentException when none on the class path does
	 */
	private UriFileSystem reader() {
		final UriFileSystem f = fs();
		if (f == null) throw new IllegalArgumentException("'" + uri + "': " + unreadable());
		return f;
	}

	/**
	 * What the URI names, asked once per object: reading a file asks whether it is one and whether it can be read,
	 * listing a folder whether it is one, and each would otherwise be a call to the namenode.
	 */
	private UriFileSystem.Kind kind() {
		if (kind != null) return kind.orElse(null);
		try {
			kind = java.util.Optional.ofNullable(reader().kind(uri));
			return kind.orElse(null);
		}
		catch (final IOException e) {
			throw new UncheckedIOException("'" + uri + "' could not be read: " + e.getMessage(), e);
		}
	}

	// --- names -----------------------------------------------------------------------------------------------------

	/** The URI's text. */
	@Override
	public String getPath() {
		return uri.toString();
	}

	@Override
	public String toString() {
		return uri.toString();
	}

	@Override
	public String getAbsolutePath() {
		return uri.toString();
	}

	@Override
	public File getAbsoluteFile() {
		return this;
	}

	@Override
	public String getCanonicalPath() {
		return uri.toString();
	}

	@Override
	public File getCanonicalFile() {
		return this;
	}

	@Override
	public URI toURI() {
		return uri;
	}

	/** The last segment of the URI's path (decoded). */
	@Override
	public String getName() {
		final String p = uri.getPath();
		final String trimmed = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
		return trimmed.substring(trimmed.lastIndexOf('/') + 1);
	}

	@Override
	public boolean isAbsolute() {
		return true;
	}

	// --- what the filesystem says ----------------------------------------------------------------------------------

	@Override
	public boolean exists() {
		return kind() != null;
	}

	@Override
	public boolean isFile() {
		return kind() == UriFileSystem.Kind.FILE;
	}

	@Override
	public boolean isDirectory() {
		return kind() == UriFileSystem.Kind.FOLDER;
	}

	/** Whether it exists (permissions are the filesystem's to check when the file is read). */
	@Override
	public boolean canRead() {
		return exists();
	}

	@Override
	public boolean isHidden() {
		return getName().startsWith(".");
	}

	/** The regular files directly inside this folder whose names {@code filter} accepts; {@code null} if no folder. */
	@Override
	public File[] listFiles(final FilenameFilter filter) {
		if (!isDirectory()) return null;
		final List<File> out = new ArrayList<>();
		try {
			for (final URI f : reader().files(uri)) {
				final UriFile c = new UriFile(f.normalize());
				if (filter == null || filter.accept(this, c.getName())) out.add(c);
			}
		}
		catch (final IOException e) {
			throw new UncheckedIOException("'" + uri + "' could not be listed: " + e.getMessage(), e);
		}
		return out.toArray(new File[0]);
	}

	@Override
	public File[] listFiles() {
		return listFiles((FilenameFilter) null);
	}

	@Override
	public File[] listFiles(final FileFilter filter) {
		final File[] all = listFiles();
		if (all == null || filter == null) return all;
		return java.util.Arrays.stream(all).filter(filter::accept).toArray(File[]::new);
	}

	@Override
	public String[] list() {
		final File[] all = listFiles();
		return all == null ? null : java.util.Arrays.stream(all).map(File::getName).toArray(String[]::new);
	}

	/** The same URI. */
	@Override
	public boolean equals(final Object o) {
		return o instanceof UriFile && ((UriFile) o).uri.equals(uri);
	}

	@Override
	public int hashCode() {
		return uri.hashCode();
	}

	/**
	 * By decoded path within one filesystem, as local files compare by path: a folder's files sort as the same files
	 * on a local disk would ({@code a b.png} before {@code a-b.png}).
	 */
	@Override
	public int compareTo(final File other) {
		if (!(other instanceof UriFile)) return getPath().compareTo(other.getPath());
		final URI o = ((UriFile) other).uri;
		final int where = (uri.getScheme() + "://" + uri.getAuthority()).compareTo(o.getScheme() + "://" + o
			.getAuthority());
		return where != 0 ? where : uri.getPath().compareTo(o.getPath());
	}

	// --- refused: no local path stands for a URI -------------------------------------------------------------------

	@Override
	public Path toPath() {
		throw new UnsupportedOperationException("'" + uri + "' is a " + scheme() + ":// URI, not a local path");
	}

	@Override
	public boolean delete() {
		return false;
	}

	@Override
	public boolean mkdir() {
		return false;
	}

	@Override
	public boolean mkdirs() {
		return false;
	}

	@Override
	public boolean createNewFile() {
		return false;
	}

	@Override
	public boolean canWrite() {
		return false;
	}

	@Override
	public boolean renameTo(final File dest) {
		return false;
	}

	@Override
	public boolean setLastModified(final long time) {
		return false;
	}

	@Override
	public boolean setReadOnly() {
		return false;
	}

	@Override
	public boolean setWritable(final boolean writable, final boolean ownerOnly) {
		return false;
	}

	@Override
	public boolean setReadable(final boolean readable, final boolean ownerOnly) {
		return false;
	}

	@Override
	public boolean setExecutable(final boolean executable, final boolean ownerOnly) {
		return false;
	}

	/** Unknown here (0); the filesystem's own tools tell. */
	@Override
	public long length() {
		return 0L;
	}

	@Override
	public long lastModified() {
		return 0L;
	}

	/** The folder holding it, as a URI; {@code null} at the root. */
	@Override
	public File getParentFile() {
		final String p = uri.getPath();
		if (p.isEmpty() || p.equals("/")) return null;
		final URI parent = uri.resolve(p.endsWith("/") ? ".." : ".");
		return new UriFile(parent);
	}

	@Override
	public String getParent() {
		final File f = getParentFile();
		return f == null ? null : f.getPath();
	}

	// --- reading ---------------------------------------------------------------------------------------------------

	/** A local copy of a file, under its own name in a fresh temporary folder that {@link #close()} removes. */
	public static final class LocalCopy implements AutoCloseable {

		private final Path file;

		private LocalCopy(final Path file) {
			this.file = file;
		}

		/** The copy (same name as the original). */
		public File file() {
			return file.toFile();
		}

		@Override
		public void close() throws IOException {
			Files.deleteIfExists(file);
			Files.deleteIfExists(file.getParent());
		}
	}

	/** This file's bytes, copied to the local disk (a temporary folder) for reading. */
	public LocalCopy localCopy() throws IOException {
		final Path dir = Files.createTempDirectory("faig-uri");
		final Path to = dir.resolve(OutputPaths.safeFileName(getName()));
		try {
			reader().copy(uri, to);
		}
		catch (final IOException | RuntimeException e) {
			Files.deleteIfExists(to);
			Files.deleteIfExists(dir);
			throw e;
		}
		return new LocalCopy(to);
	}
}
