package io.github.faig.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

/**
 * Module names of the jars that Fiji's launcher puts on the Java module path. Fiji (Java 9 and newer) starts the JVM
 * with {@code --module-path=<Fiji.app>/jars/<platform>}, so every jar there becomes an automatic module. A jar
 * whose module name is invalid (DJL's natives: {@code Automatic-Module-Name: ai.djl.pytorch_native_cpu_linux-x86_64}
 * has a hyphen, and the name derived from the file holds the keyword {@code native}) stops the JVM before Fiji or
 * its updater runs ("Error occurred during initialization of boot layer ... Invalid module name"). The site checks
 * such jars with the JDK's own {@link ModuleFinder} and rewrites only the manifest's {@code Automatic-Module-Name}.
 */
public final class ModuleNames {

	/** The manifest attribute that names an automatic module. */
	public static final String ATTRIBUTE = "Automatic-Module-Name";

	/** Java's reserved words and literals: none may be a part of a module name. */
	private static final Set<String> RESERVED = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
		"catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
		"finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
		"native", "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
		"super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while",
		"true", "false", "null", "_");

	private static final Pattern MODULE_PATH_FOLDER = Pattern.compile("jars/[^/]+/[^/]+\\.jar");

	private ModuleNames() {}

	/**
	 * Whether a site path lands in a folder Fiji's launcher puts on the module path: a jar in a subfolder of
	 * {@code jars/} (Fiji uses {@code jars/<platform>/}; other subfolders are checked too, which costs nothing).
	 */
	public static boolean onModulePath(final String fijiPath) {
		return MODULE_PATH_FOLDER.matcher(fijiPath).matches();
	}

	/**
	 * Null when the JDK accepts {@code jar} as a module (as the JVM does at start-up for Fiji's module path), else
	 * the JDK's reason, e.g. "ai.djl.pytorch_native_cpu_linux-x86_64: Invalid module name: '-' is not a Java
	 * identifier".
	 */
	public static String problem(final Path jar) {
		try {
			ModuleFinder.of(jar).findAll();
			return null;
		}
		catch (final FindException e) {
			// "Unable to derive module descriptor for <jar>" wraps the reason.
			final Throwable cause = e.getCause() != null ? e.getCause() : e;
			return cause.getMessage() != null ? cause.getMessage() : cause.toString();
		}
	}

	/** The name of the module {@code jar} gives the JDK (it must have no {@link #problem}). */
	public static String name(final Path jar) {
		return ModuleFinder.of(jar).findAll().iterator().next().descriptor().name();
	}

	/**
	 * A valid module name close to {@code proposed}: every character that cannot be part of a Java identifier
	 * becomes {@code _}, and a part that is a reserved word or starts with a digit gets a leading {@code _}.
	 */
	public static String validName(final String proposed) {
		final StringBuilder out = new StringBuilder();
		for (final String part : proposed.split("\\.", -1)) {
			if (part.isEmpty()) continue; // "a..b" or a leading dot: the empty part goes
			final StringBuilder p = new StringBuilder();
			for (int i = 0; i < part.length(); i++) {
				final char c = part.charAt(i);
				p.append(i == 0 ? Character.isJavaIdentifierStart(c) || Character.isDigit(c) ? c : '_'
					: Character.isJavaIdentifierPart(c) ? c : '_');
			}
			String s = p.toString();
			if (RESERVED.contains(s) || Character.isDigit(s.charAt(0))) s = "_" + s;
			if (out.length() > 0) out.append('.');
			out.append(s);
		}
		if (out.length() == 0) throw new IllegalArgumentException("no module name can be made from '" + proposed + "'");
		return out.toString();
	}

	/**
	 * The module name to give {@code jar}: its {@code Automatic-Module-Name} made valid, or, without one, the name
	 * the JDK would derive from the file name, made valid.
	 */
	public static String proposedName(final Path jar) throws IOException {
		try (JarFile j = new JarFile(jar.toFile())) {
			final Manifest m = j.getManifest();
			final String given = m == null ? null : m.getMainAttributes().getValue(ATTRIBUTE);
			if (given != null && !given.isBlank()) return validName(given.trim());
		}
		// The JDK's derivation: the file name without .jar and without a trailing -<version>.
		String base = jar.getFileName().toString().replaceFirst("(?i)\\.jar$", "");
		base = base.replaceFirst("-(\\d+(\\.|$)).*$", "");
		return validName(base.replaceAll("[^A-Za-z0-9]+", ".").toLowerCase(Locale.ROOT));
	}

	/**
	 * Writes {@code out}: {@code in} with its manifest's {@code Automatic-Module-Name} set to {@code name}, every
	 * other entry copied as it is stored (the JDK's zip file system copies unchanged entries without inflating or
	 * recompressing them, so a 100 MB native takes a second). The same {@code in} and {@code name} always give the
	 * same bytes: the manifest entry keeps the input manifest's time, so a rebuild of the site sees the same file.
	 */
	public static void rewrite(final Path in, final Path out, final String name) throws IOException {
		final Path tmp = out.resolveSibling(".part-" + out.getFileName());
		Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
		boolean done = false;
		try {
			try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + tmp.toUri()), Map.of())) {
				final Path mf = zip.getPath("/" + JarFile.MANIFEST_NAME);
				final Manifest manifest = new Manifest();
				// A fixed time: the input manifest's, or the zip epoch where the jar has none.
				FileTime time = FileTime.fromMillis(315532800000L); // 1980-01-01, the first DOS date
				if (Files.exists(mf)) {
					try (InputStream s = Files.newInputStream(mf)) {
						manifest.read(s);
					}
					time = Files.getLastModifiedTime(mf);
				}
				else Files.createDirectories(mf.getParent());
				final Attributes a = manifest.getMainAttributes();
				if (a.getValue(Attributes.Name.MANIFEST_VERSION) == null) a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
				a.put(new Attributes.Name(ATTRIBUTE), name);
				try (OutputStream o = Files.newOutputStream(mf)) {
					manifest.write(o);
				}
				Files.getFileAttributeView(mf, BasicFileAttributeView.class).setTimes(time, time, time);
			}
			final String left = problem(tmp);
			if (left != null) throw new IOException(in + " with module name " + name + " is still refused: " + left);
			Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			done = true;
		}
		finally {
			if (!done) Files.deleteIfExists(tmp);
		}
	}
}
