package io.github.faig.site;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Decides which third-party runtime jars go on the site, against the list of jars Fiji itself ships
 * ({@code update-site/fiji-jars.txt}, or the {@code jars/} folder of a real Fiji.app): a jar is "in Fiji" when
 * Fiji has a jar with the same name after the updater's version stripping ({@code jars/gson.jar}), since that is
 * how the updater tells files apart. A jar Fiji ships is left off the site; every other jar must be listed in
 * {@link #SHIPPED} with the reason it is shipped (or in {@link #NEVER_SHIPPED}), so an unreviewed jar stops the
 * build and nothing reaches users silently. update-site/README.md says where the list comes from and lists the
 * same decisions (a test keeps the two in step).
 */
public final class ShippedJars {

	/** The jars this site ships, by {@code groupId:artifactId}, with the reason. */
	public static final Map<String, String> SHIPPED;

	/** Runtime jars of the build that never go to Fiji, with the reason. */
	public static final Map<String, String> NEVER_SHIPPED = Map.of("org.slf4j:slf4j-simple",
		"the ./faig launcher's log binding; Fiji brings its own (logback), and two bindings make SLF4J warn");

	static {
		final Map<String, String> m = new LinkedHashMap<>();
		final String djl = "Deep Java Library; Fiji does not ship it. Other update sites may ship it too: kept under " +
			"its standard Maven name so that the updater sees one file (jars/%s.jar after version stripping), and " +
			"FAIG refuses to start the engine when two copies are loaded";
		m.put("ai.djl:api", String.format(djl, "api"));
		m.put("ai.djl.pytorch:pytorch-engine", String.format(djl, "pytorch-engine"));
		m.put("ai.djl.pytorch:pytorch-jni", String.format(djl, "pytorch-jni"));
		m.put("net.razorvine:pickle", "reads the authors' .pth checkpoints; Fiji does not ship it");
		m.put("org.apache.commons:commons-csv", "every CSV the commands write; no component that Fiji's pom.xml " +
			"declares was found to pull it in, so it is shipped (standard name: a Fiji that has it sees one file)");
		SHIPPED = Collections.unmodifiableMap(m);
	}

	/** Coordinates of a jar and the decision taken for it. */
	public record Decision(File jar, String groupId, String artifactId, String version, boolean ship, String reason) {

		/** {@code group:artifact:version}; a jar without Maven metadata whose group is unknown says so. */
		public String coordinates() {
			return groupId == null ? artifactId + " " + version + ", no Maven group in the jar" : groupId + ":" +
				artifactId + ":" + version;
		}
	}

	/** Stripped {@code jars/<name>.jar} → the file name Fiji has. */
	private final Map<String, String> fiji;
	private final String source;

	private ShippedJars(final Map<String, String> fiji, final String source) {
		this.fiji = fiji;
		this.source = source;
	}

	/**
	 * The jars Fiji ships: from a list file (one jar file name per line, {@code #} comments; the project's is
	 * {@code update-site/fiji-jars.txt}) or from the {@code jars/} folder of a Fiji.app (its top level, where the
	 * shared libraries are).
	 */
	public static ShippedJars fromFijiJars(final File listOrFiji) throws IOException {
		final List<String> names = new ArrayList<>();
		final String source;
		if (listOrFiji.isDirectory()) {
			final File jars = new File(listOrFiji, "jars");
			final String[] list = jars.list((d, n) -> n.endsWith(".jar"));
			if (list == null || list.length == 0) {
				throw new IOException(listOrFiji + " is no Fiji.app: it has no jars/*.jar");
			}
			names.addAll(Arrays.asList(list));
			source = "the jars of " + listOrFiji;
		}
		else {
			if (!listOrFiji.isFile()) throw new IOException("no list of Fiji's jars at " + listOrFiji);
			int line = 0;
			for (final String l : Files.readAllLines(listOrFiji.toPath())) {
				line++;
				final String s = l.replaceFirst("#.*", "").trim();
				if (s.isEmpty()) continue;
				if (!s.endsWith(".jar") || s.contains("/") || s.contains(" ")) {
					throw new IOException(listOrFiji + ":" + line + ": expected a jar file name, not '" + s + "'");
				}
				names.add(s);
			}
			if (names.isEmpty()) throw new IOException(listOrFiji + " lists no jars");
			source = listOrFiji.getName();
		}
		final Map<String, String> fiji = new TreeMap<>();
		for (final String n : names) fiji.put(SiteDb.key("jars/" + n), n);
		return new ShippedJars(fiji, source);
	}

	/** Where the list of Fiji's jars came from, e.g. {@code fiji-jars.txt}. */
	public String source() {
		return source;
	}

	public int fijiCount() {
		return fiji.size();
	}

	/** The jar Fiji ships under the same stripped name as {@code jarName}, or null. */
	public String inFiji(final String jarName) {
		return fiji.get(SiteDb.key("jars/" + jarName));
	}

	/** Every jar file name of the list. */
	public List<String> fijiJars() {
		return new ArrayList<>(fiji.values());
	}

	/**
	 * The decision for a runtime jar. Throws when the jar is neither in Fiji nor reviewed ({@link #SHIPPED},
	 * {@link #NEVER_SHIPPED}), so a new dependency cannot reach the site, or go missing in Fiji, unnoticed.
	 */
	public Decision decide(final File jar) throws IOException {
		final String[] c = coordinates(jar);
		String reason = null, never = null;
		for (final Map.Entry<String, String> e : SHIPPED.entrySet()) {
			if (matches(e.getKey(), c)) reason = e.getValue();
		}
		for (final Map.Entry<String, String> e : NEVER_SHIPPED.entrySet()) {
			if (matches(e.getKey(), c)) never = e.getValue();
		}
		final String has = inFiji(jar.getName());
		if (reason != null) {
			return new Decision(jar, c[0], c[1], c[2], true, reason + (has == null ? "" : " (Fiji has " + has + ")"));
		}
		if (never != null) return new Decision(jar, c[0], c[1], c[2], false, never);
		if (has != null) {
			return new Decision(jar, c[0], c[1], c[2], false, "in Fiji: " + has + " (" + source + ")" + (has.equals(jar
				.getName()) ? "" : "; this build has " + jar.getName()));
		}
		throw new IOException(jar.getName() + " (" + new Decision(jar, c[0], c[1], c[2], false, "").coordinates() +
			") is neither in Fiji (" + source + ") nor reviewed for the site: add it to ShippedJars.SHIPPED with " +
			"the reason it is shipped, and to the list in update-site/README.md");
	}

	/** Whether {@code groupId:artifactId} names the jar of coordinates {@code c} (a jar without group: by artifact). */
	private static boolean matches(final String ga, final String[] c) {
		if (ga.equals(c[0] + ":" + c[1])) return true;
		if (c[0] == null && ga.endsWith(":" + c[1])) {
			// Jars built without Maven (DJL's) carry no pom.properties: the reviewed entry names the group.
			c[0] = ga.substring(0, ga.indexOf(':'));
			return true;
		}
		return false;
	}

	/**
	 * Decisions for every jar of a folder, sorted by file name. The PyTorch natives are left out: the site ships
	 * them for every platform under {@code jars/<platform>/} (see {@link UpdateSiteBuilder#nativeSiteName}).
	 */
	public List<Decision> decideAll(final File folder) throws IOException {
		final File[] jars = folder.listFiles((d, n) -> n.endsWith(".jar") && !n.startsWith("pytorch-native-"));
		if (jars == null) throw new IOException("no runtime jars in " + folder);
		Arrays.sort(jars);
		final List<Decision> out = new ArrayList<>();
		for (final File j : jars) out.add(decide(j));
		return out;
	}

	/**
	 * {groupId, artifactId, version} of a jar from its {@code META-INF/maven/.../pom.properties}; without one, the
	 * artifactId and version come from the file name and the groupId is null.
	 */
	static String[] coordinates(final File jar) throws IOException {
		final String stripped = SiteDb.key(jar.getName());
		final String artifactFromName = stripped.endsWith(".jar") ? stripped.substring(0, stripped.length() - 4)
			: stripped;
		final String versionFromName = jar.getName().length() > stripped.length() ? jar.getName().substring(
			artifactFromName.length() + 1, jar.getName().length() - 4) : "?";
		String[] best = null;
		try (JarFile j = new JarFile(jar)) {
			for (final JarEntry e : Collections.list(j.entries())) {
				final String n = e.getName();
				if (!n.startsWith("META-INF/maven/") || !n.endsWith("/pom.properties")) continue;
				final Properties p = new Properties();
				try (InputStream in = j.getInputStream(e)) {
					p.load(in);
				}
				final String[] c = { p.getProperty("groupId"), p.getProperty("artifactId"), p.getProperty("version") };
				if (c[1] == null) continue;
				// A jar may carry the pom.properties of shaded libraries: prefer the one named like the file.
				if (best == null || c[1].equals(artifactFromName)) best = c;
			}
		}
		return best != null ? best : new String[] { null, artifactFromName, versionFromName };
	}
}
