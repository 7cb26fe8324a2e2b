package io.github.faig.io;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Where a command may write. A command writes only directly inside its {@code output_dir}, or to its
 * {@code output_model}; these checks refuse, before any work starts, the paths that would put a user's data at
 * risk: an empty path, the current, home or root folder, an input or a folder holding one, and the bundled or
 * installed models.
 */
public final class OutputPaths {

	private OutputPaths() {}

	/**
	 * A file name safe to use in an output folder: path separators, control and reserved characters become
	 * {@code _}, and a leading dot (hidden files, {@code ..}) too. Never empty.
	 */
	public static String safeFileName(final String name) {
		String s = name == null ? "" : name.replaceAll("[\\p{Cntrl}/\\\\:*?\"<>|]", "_").strip();
		if (s.isEmpty()) return "_";
		if (s.startsWith(".")) s = "_" + s.substring(1);
		if (s.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES) return s;
		// File systems take 255 bytes. A long name keeps its start, its last characters (where the outputs of one
		// input differ: _blur, _x2_model) and its extension; a hash of the whole name replaces the middle, so that
		// two long names that differ anywhere stay two files.
		final int dot = s.lastIndexOf('.');
		final String ext = dot > 0 && s.length() - dot <= 16 ? s.substring(dot) : "";
		final String stem = s.substring(0, s.length() - ext.length());
		final String tail = stem.substring(stem.offsetByCodePoints(stem.length(), -Math.min(KEPT_TAIL, stem
			.codePointCount(0, stem.length()))));
		final String mark = "~" + Hashes.sha256(s.getBytes(StandardCharsets.UTF_8)).substring(0, 12) + "~";
		String head = stem.substring(0, stem.length() - tail.length());
		while (!head.isEmpty() && (head + mark + tail + ext).getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
			head = head.substring(0, head.offsetByCodePoints(head.length(), -1));
		}
		return head + mark + tail + ext;
	}

	/** How many characters of a long name's end a shortened name keeps. */
	private static final int KEPT_TAIL = 48;

	/** The longest file name written, in UTF-8 bytes: 255 less room for a temporary prefix. */
	static final int MAX_NAME_BYTES = 230;

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * Creates a new, empty file (or folder) beside {@code target} under a name no other file has, which starts with
	 * {@code .part-faig-}, says which process on which host made it, and keeps {@code target}'s extension (writers
	 * pick the format from it): {@code .part-faig-<pid>-<host>-<random><ext>}. Unlike {@link Files#createTempFile},
	 * the permissions are the user's defaults, so colleagues can read the results. What a killed run leaves under such
	 * a name, {@link #removeLeftovers} removes.
	 */
	public static Path freshSibling(final Path target, final boolean folder) throws IOException {
		final String name = target.getFileName().toString();
		final int dot = name.lastIndexOf('.');
		final String ext = folder || dot <= 0 || name.length() - dot > 16 ? "" : name.substring(dot);
		for (int attempt = 0;; attempt++) {
			final Path p = target.resolveSibling(String.format(Locale.ROOT, "%s%d-%s-%08x%s", PART, PID, HOST,
				RANDOM.nextInt(), ext));
			try {
				return folder ? Files.createDirectory(p) : Files.createFile(p);
			}
			catch (final FileAlreadyExistsException e) {
				if (attempt > 100) throw e;
			}
		}
	}

	/** The start of every temporary name. */
	private static final String PART = ".part-faig-";

	/** A temporary name of {@link #freshSibling}: the process id, the host's mark, the random part, the extension. */
	private static final Pattern LEFTOVER = Pattern.compile("\\.part-faig-(\\d{1,19})-([0-9a-f]{8})-[0-9a-f]{8}" +
		"(\\.[^/]{1,15})?");

	private static final long PID = ProcessHandle.current().pid();

	/** This host's mark in temporary names: the start of its name's SHA-256 (a process id means nothing elsewhere). */
	private static final String HOST = Hashes.sha256(hostName().getBytes(StandardCharsets.UTF_8)).substring(0, 8);

	private static String hostName() {
		try {
			return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
		}
		catch (final IOException | RuntimeException e) {
			final String env = System.getenv("COMPUTERNAME") != null ? System.getenv("COMPUTERNAME") : System.getenv(
				"HOSTNAME");
			return env != null ? env : "unknown-host";
		}
	}

	/**
	 * Removes from {@code dir} the temporary files (and package folders) of FAIG runs on this host that ended
	 * without cleaning up (killed, machine off): only names {@link #freshSibling} makes, of a process that no longer
	 * runs. A folder is removed only when it holds nothing but files. Anything else stays, whatever its name.
	 *
	 * @return how many were removed
	 */
	public static int removeLeftovers(final Path dir) {
		int removed = 0;
		final File[] entries = dir.toFile().listFiles((d, n) -> n.startsWith(PART));
		if (entries == null) return 0;
		for (final File f : entries) {
			final java.util.regex.Matcher m = LEFTOVER.matcher(f.getName());
			if (!m.matches() || !m.group(2).equals(HOST)) continue;
			final long pid;
			try {
				pid = Long.parseLong(m.group(1));
			}
			catch (final NumberFormatException e) {
				continue;
			}
			if (pid == PID || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
			try {
				final Path p = f.toPath();
				if (Files.isSymbolicLink(p)) continue;
				if (Files.isDirectory(p)) {
					final File[] inside = f.listFiles();
					if (inside == null) continue;
					boolean plain = true;
					for (final File i : inside) plain &= Files.isRegularFile(i.toPath(), java.nio.file.LinkOption.NOFOLLOW_LINKS);
					if (!plain) continue;
					for (final File i : inside) Files.delete(i.toPath());
				}
				Files.delete(p);
				removed++;
			}
			catch (final IOException e) {
				// another run removing the same leftover, or no permission: it stays, harmless
			}
		}
		return removed;
	}

	/** {@code dir/name}, checked to lie directly inside {@code dir}. */
	public static Path inside(final Path dir, final String name) throws IOException {
		final Path d = dir.toAbsolutePath().normalize();
		final Path p = d.resolve(name).normalize();
		if (!d.equals(p.getParent())) {
			throw new IOException("refusing to write '" + name + "': it would land outside output_dir " + d);
		}
		return p;
	}

	/**
	 * Checks that {@code target}, given as {@code parameter}, may receive a new model package: not empty, not the
	 * current, home or root folder, not an input nor a folder holding one ({@code inputs}: parameter name → path, null
	 * entries ignored), not inside the folders of bundled or installed models ({@code protectedRoots}), and either
	 * new or a package this project wrote ({@code replaceable}).
	 */
	public static void checkNewModel(final File target, final String parameter, final Map<String, File> inputs,
		final List<File> protectedRoots, final Function<File, String> replaceProblem)
	{
		if (target == null || target.getPath().isBlank()) throw new IllegalArgumentException(parameter +
			" was not given: expected the path of a new model package (folder or .zip)");
		if (target.getPath().startsWith("~")) {
			throw new IllegalArgumentException(parameter + " '" + target + "' starts with ~, which is not expanded here: " +
				"give the full path");
		}
		if (target.getParent() == null && !target.getPath().equals(".") && !target.getPath().equals("..")) {
			for (final File r : protectedRoots) {
				if (new File(r, target.getPath()).exists() || new File(r, target.getPath() + ".zip").exists()) {
					throw new IllegalArgumentException(parameter + " '" + target + "' is the name of a bundled model, " +
						"which that name will keep meaning: choose another name");
				}
			}
		}
		final File t = canonical(target);
		if (t.equals(canonical(new File(".")))) {
			throw new IllegalArgumentException(parameter + " '" + target + "' is the current, home or root folder: " +
				"expected the path of a new model package");
		}
		checkNotRootOrHome(target, parameter, "expected the path of a new model package");
		for (final Map.Entry<String, File> e : inputs.entrySet()) {
			if (e.getValue() == null || e.getValue().getPath().isBlank()) continue;
			// where the input's path leads, and where it is itself: a link lies in its folder, wherever it points
			for (final File in : new File[] { canonical(e.getValue()), located(e.getValue()) }) {
				if (in.equals(t) || isUnder(in, t)) {
					throw new IllegalArgumentException(parameter + " '" + target + "' is " + (in.equals(t) ? "" :
						"a folder holding ") + "the input " + e.getKey() + " '" + e.getValue() + "': expected a new path");
				}
			}
		}
		for (final File r : protectedRoots) {
			final File root = canonical(r);
			if (t.equals(root) || isUnder(t, root)) {
				throw new IllegalArgumentException(parameter + " '" + target + "' lies in the bundled or installed " +
					"models folder " + r + ": expected a path of your own");
			}
		}
		final File parent = target.getAbsoluteFile().getParentFile();
		if (parent == null || !parent.isDirectory()) {
			throw new IllegalArgumentException(parameter + " '" + target + "': the folder that would hold it, " + parent +
				", does not exist or is not a folder; create it first");
		}
		if (!parent.canWrite()) {
			throw new IllegalArgumentException(parameter + " '" + target + "': its folder " + parent + " is not writable");
		}
		final String problem = target.exists() || Files.isSymbolicLink(target.toPath()) ? replaceProblem
			.apply(target) : null;
		if (problem != null) {
			throw new IllegalArgumentException(parameter + " '" + target + "' already exists and is not a model " +
				"package written by FAIG Train Model or FAIG Import Model (" + problem + "): choose a new path (nothing " +
				"was changed)");
		}
	}

	/**
	 * Refuses an {@code output_dir} that is one of the input folders: a command never reads back its own outputs
	 * (plots and images written there would become inputs of the next run).
	 */
	public static void checkDistinct(final File outputDir, final Map<String, File> inputDirs) {
		if (outputDir == null) return;
		final File o = canonical(outputDir);
		for (final Map.Entry<String, File> e : inputDirs.entrySet()) {
			if (e.getValue() != null && canonical(e.getValue()).equals(o)) {
				throw new IllegalArgumentException("output_dir '" + outputDir + "' is also " + e.getKey() +
					": expected a separate folder, so the outputs are never read back as inputs");
			}
		}
	}

	/**
	 * Refuses an output folder that is one of the model folders {@code roots} (bundled, installed) or lies inside one:
	 * a command's outputs never land in a model package or among the shipped filter sets.
	 */
	public static void checkOutsideModels(final File outputDir, final String parameter, final List<File> roots) {
		checkOutsideModels(outputDir, parameter, roots, "expected a folder of your own");
	}

	/** As {@link #checkOutsideModels(File, String, List)}, with what to do instead as the message's end. */
	public static void checkOutsideModels(final File outputDir, final String parameter, final List<File> roots,
		final String remedy)
	{
		if (outputDir == null || outputDir.getPath().isBlank()) return;
		final File o = canonical(outputDir);
		for (final File root : roots) {
			final File r = canonical(root);
			if (o.equals(r) || isUnder(o, r)) {
				throw new IllegalArgumentException(parameter + " '" + outputDir + "' lies among the bundled or installed " +
					"models and filter sets (" + root + "), which commands never change: " + remedy);
			}
		}
	}

	/**
	 * Refuses an output folder that is a model package (a folder with {@code model.json}) or lies inside one: files
	 * written there would make the package hold something else, and its owner could no longer replace it.
	 */
	public static void checkNotInModelPackage(final File outputDir, final String parameter) {
		if (outputDir == null || outputDir.getPath().isBlank()) return;
		for (File d = canonical(outputDir); d != null; d = d.getParentFile()) {
			if (new File(d, "model.json").isFile()) {
				throw new IllegalArgumentException(parameter + " '" + outputDir + "' is " + (d.equals(canonical(outputDir))
					? "" : "inside ") + "the model package " + d + ": expected a folder of your own");
			}
		}
	}

	/**
	 * Refuses the root folder and the home folder as an output ({@code parameter}): a command never writes its files
	 * among everything else a user keeps there. {@code expected} ends the message.
	 */
	public static void checkNotRootOrHome(final File target, final String parameter, final String expected) {
		if (target == null || target.getPath().isBlank()) return;
		final File t = canonical(target);
		if (t.getParentFile() == null || t.equals(canonical(new File(System.getProperty("user.home", "/"))))) {
			throw new IllegalArgumentException(parameter + " '" + target + "' is the " + (t.getParentFile() == null ?
				"root" : "home") + " folder: " + expected);
		}
	}

	/**
	 * Where {@code f} itself lies: its folder resolved, its own name kept (a link's location, not its target's).
	 */
	private static File located(final File f) {
		final File abs = f.getAbsoluteFile();
		final File parent = abs.getParentFile();
		return parent == null ? abs : new File(canonical(parent), abs.getName());
	}

	/** Whether {@code f} lies strictly inside the folder {@code dir} (both canonical). */
	public static boolean isUnder(final File f, final File dir) {
		for (File p = f.getParentFile(); p != null; p = p.getParentFile()) if (p.equals(dir)) return true;
		return false;
	}

	private static File canonical(final File f) {
		try {
			return f.getCanonicalFile();
		}
		catch (final IOException e) {
			return f.getAbsoluteFile();
		}
	}
}
