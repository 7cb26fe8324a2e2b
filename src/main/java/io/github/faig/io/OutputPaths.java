package io.github.faig.io;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
		final String s = name == null ? "" : name.replaceAll("[\\p{Cntrl}/\\\\:*?\"<>|]", "_").strip();
		if (s.isEmpty()) return "_";
		return s.startsWith(".") ? "_" + s.substring(1) : s;
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
		final List<File> protectedRoots, final java.util.function.Predicate<File> replaceable)
	{
		if (target == null || target.getPath().isBlank()) throw new IllegalArgumentException(parameter +
			" was not given: expected the path of a new model package (folder or .zip)");
		final File t = canonical(target);
		for (final String special : new String[] { ".", System.getProperty("user.home", "/") }) {
			if (t.equals(canonical(new File(special))) || t.getParentFile() == null) {
				throw new IllegalArgumentException(parameter + " '" + target + "' is the current, home or root folder: " +
					"expected the path of a new model package");
			}
		}
		for (final Map.Entry<String, File> e : inputs.entrySet()) {
			if (e.getValue() == null || e.getValue().getPath().isBlank()) continue;
			final File in = canonical(e.getValue());
			if (in.equals(t) || isUnder(in, t)) {
				throw new IllegalArgumentException(parameter + " '" + target + "' is " + (in.equals(t) ? "" :
					"a folder holding ") + "the input " + e.getKey() + " '" + e.getValue() + "': expected a new path");
			}
		}
		for (final File r : protectedRoots) {
			final File root = canonical(r);
			if (t.equals(root) || isUnder(t, root)) {
				throw new IllegalArgumentException(parameter + " '" + target + "' lies in the bundled or installed " +
					"models folder " + r + ": expected a path of your own");
			}
		}
		if (t.exists() && !replaceable.test(t)) {
			throw new IllegalArgumentException(parameter + " '" + target + "' already exists and is not a model " +
				"package written by FAIG Train Model or FAIG Import Model: choose a new path (nothing was changed)");
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
