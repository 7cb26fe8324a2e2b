package io.github.faig.nn.io;

import java.io.File;
import java.io.FileFilter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.github.faig.io.UriFile;

/**
 * Finds a model by bundled name or path. A name is looked up, in order, in the folders of the system property
 * {@code faig.models} (path-separated), in Fiji's {@code models/faig/} (the update site installs the sample models
 * there), and in the project's {@code sample-models/} (beside the {@code ./faig} launcher, property
 * {@code faig.home}).
 */
public final class ModelLocator {

	private ModelLocator() {}

	/** The folders searched for bundled names, in order. */
	public static List<File> roots() {
		final List<File> roots = new ArrayList<>();
		final String extra = System.getProperty("faig.models");
		if (extra != null) for (final String p : extra.split(File.pathSeparator)) roots.add(new File(p));
		for (final String prop : new String[] { "imagej.dir", "ij.dir", "fiji.dir" }) {
			final String d = System.getProperty(prop);
			if (d != null) roots.add(new File(d, "models/faig"));
		}
		roots.add(new File(System.getProperty("faig.home", "."), "sample-models"));
		return roots;
	}

	/** Names of the bundled models found in {@link #roots()}. */
	public static List<String> bundledNames() {
		return names(f -> new File(f, ModelPackage.JSON).isFile() || f.getName().toLowerCase(Locale.ROOT).endsWith(
			".zip"));
	}

	/** The names of the bundled filter-set folders. */
	public static List<String> bundledSets() {
		return names(f -> new File(f, "blur_index.txt").isFile());
	}

	/** The names (without {@code .zip}) of the entries of every root that {@code which} accepts, first root first. */
	private static List<String> names(final FileFilter which) {
		final List<String> names = new ArrayList<>();
		for (final File r : roots()) {
			final File[] dirs = r.listFiles(which);
			if (dirs == null) continue;
			Arrays.sort(dirs);
			for (final File d : dirs) {
				final String n = d.getName().replaceAll("\\.zip$", "");
				if (!names.contains(n)) names.add(n);
			}
		}
		return names;
	}

	/**
	 * The package a name or path refers to.
	 *
	 * @param parameter the input's name, for messages
	 */
	public static File resolve(final String nameOrPath, final String parameter) throws IOException {
		final boolean sets = parameter.equals("filter_sets");
		if (nameOrPath == null || nameOrPath.isBlank()) {
			throw new IllegalArgumentException(parameter + " was not given; bundled: " + (sets ? bundledSets()
				: bundledNames()));
		}
		// A bare bundled name always means the bundled package, even where the current folder holds one of that
		// name: the same line must mean the same model wherever it runs. (./name reaches a local folder.)
		final File bundled = bundled(nameOrPath);
		if (bundled != null) return bundled;
		final File f = UriFile.of(nameOrPath, parameter); // a file: URI is a local path
		if (f instanceof UriFile) {
			throw UriFile.refused(parameter, nameOrPath, "a bundled name or a local path",
				"a cluster run reads it on the driver and sends it to the executors");
		}
		if (f.exists()) return f;
		throw new IllegalArgumentException(parameter + " '" + nameOrPath + "' is neither an existing file or folder " +
			"nor a bundled name; bundled: " + (sets ? bundledSets() : bundledNames()));
	}

	/** The bundled package or filter-set folder a bare name (no folder part) refers to, or {@code null}. */
	public static File bundled(final String name) {
		if (name == null || name.isBlank() || new File(name).getParent() != null || name.equals(".") || name.equals(
			"..")) return null;
		for (final File r : roots()) {
			for (final File c : new File[] { new File(r, name), new File(r, name + ".zip") }) {
				if (c.exists()) return c;
			}
		}
		return null;
	}

	/**
	 * How {@code filter_sets.json} refers to a model, so that the reference means the same model wherever it is read:
	 * a bundled or installed package by its bare name, any other package by its absolute path, and a package made in
	 * memory by its own name.
	 */
	public static String reference(final ModelPackage p) {
		final File src = p.source();
		if (src == null) return p.name();
		final String name = src.getName().replaceAll("(?i)\\.zip$", "");
		final File b = bundled(name);
		try {
			if (b != null && b.getCanonicalFile().equals(src.getCanonicalFile())) return name;
		}
		catch (final IOException e) {
			// unresolvable: the path below still names it
		}
		return src.getPath();
	}

	/**
	 * The model a field of a sets folder's {@code filter_sets.json} refers to ({@link #reference}): a bundled or
	 * installed name, an absolute path, or a path relative to the sets' folder. A bare name that is not bundled is
	 * never looked up in the current folder, which may hold another package of that name.
	 *
	 * @param field {@code baseline_model} or {@code target_model}, for messages
	 */
	public static File stored(final String reference, final String field, final File setsFolder) {
		final File b = bundled(reference);
		if (b != null) return b;
		final String where = "filter_sets.json of '" + setsFolder + "' ";
		final String todo = ": give the models explicitly where the command allows it (Calibrate Thresholds' " +
			"baseline_model and target_model), or compute the filter sets again from the models' paths";
		if (reference == null || reference.isBlank()) throw new IllegalArgumentException(where + "names no " + field +
			todo);
		final File given = new File(reference);
		final File f = given.isAbsolute() ? given : new File(setsFolder, reference);
		if (f.exists()) return f;
		throw new IllegalArgumentException(where + "has " + field + " '" + reference + "', which is " + (given
			.isAbsolute() ? "no longer there" : "neither a bundled or installed model nor beside the sets (stored " +
				"names are never looked up in the current folder)") + todo);
	}

	/** The package of a command's model input or, when it is blank, the one {@code filter_sets.json} stores. */
	public static ModelPackage loadOrStored(final String given, final String field, final String reference,
		final File setsFolder) throws IOException
	{
		return given == null || given.isBlank() ? ModelPackage.read(stored(reference, field, setsFolder)) : load(given,
			field);
	}

	/** Reads the package a name or path refers to. */
	public static ModelPackage load(final String nameOrPath, final String parameter) throws IOException {
		return ModelPackage.read(resolve(nameOrPath, parameter));
	}
}
