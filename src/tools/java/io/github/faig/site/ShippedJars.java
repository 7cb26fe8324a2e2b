package io.github.faig.site;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Decides which third-party runtime jars go on the site. There is no offline copy of the list of jars Fiji ships,
 * so the artifacts that {@code pom-scijava} (this project's parent) manages stand in for it: a managed artifact is
 * taken to be in Fiji and is left off the site. Every other jar must be listed in {@link #SHIPPED} with the reason
 * it is shipped; an unreviewed jar stops the build, so nothing is shipped silently. The same list is written in
 * {@code update-site/README.md} (a test keeps the two in step).
 */
public final class ShippedJars {

	/** The jars this site ships, by {@code groupId:artifactId}, with the reason. */
	public static final Map<String, String> SHIPPED;

	static {
		final Map<String, String> m = new LinkedHashMap<>();
		final String djl = "Deep Java Library; not managed by pom-scijava, so not in Fiji itself. Other update sites " +
			"may ship it too: kept under its standard Maven name so that the updater sees one file (jars/" +
			"%s.jar after version stripping), and FAIG refuses to start the engine when two copies are loaded";
		m.put("ai.djl:api", String.format(djl, "api"));
		m.put("ai.djl.pytorch:pytorch-engine", String.format(djl, "pytorch-engine"));
		m.put("ai.djl.pytorch:pytorch-jni", String.format(djl, "pytorch-jni"));
		m.put("net.razorvine:pickle", "reads the authors' .pth checkpoints; not managed by pom-scijava");
		final String ejml = "PCA of deep degradation representations; pom-scijava manages only the umbrella " +
			"org.ejml:ejml-all (0.41, the same version), not this module, so a Fiji without another site that " +
			"ships it lacks it. Standard name: an identical copy from another site is the same file to the updater";
		m.put("org.ejml:ejml-core", ejml);
		m.put("org.ejml:ejml-ddense", ejml);
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

	/** {@code groupId:artifactId} → version managed by the parent POM. */
	private final Map<String, String> managed;
	private final String source;

	private ShippedJars(final Map<String, String> managed, final String source) {
		this.managed = managed;
		this.source = source;
	}

	/** The artifacts managed in {@code pom}'s {@code <dependencyManagement>} (versions with properties resolved). */
	public static ShippedJars fromManagedPom(final File pom) throws IOException {
		final Document doc;
		try (InputStream in = Files.newInputStream(pom.toPath())) {
			doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
		}
		catch (final Exception e) {
			throw new IOException("cannot read the managed-artifacts POM " + pom + ": " + e.getMessage(), e);
		}
		final Element root = doc.getDocumentElement();
		final Map<String, String> props = new HashMap<>();
		final Element properties = child(root, "properties");
		if (properties != null) {
			for (Node n = properties.getFirstChild(); n != null; n = n.getNextSibling()) {
				if (n instanceof Element e) props.put(e.getTagName(), e.getTextContent().trim());
			}
		}
		final Map<String, String> managed = new LinkedHashMap<>();
		final Element dm = child(root, "dependencyManagement");
		final Element deps = dm == null ? null : child(dm, "dependencies");
		if (deps == null) throw new IOException(pom + " has no <dependencyManagement>: not a managed-artifacts POM");
		final NodeList list = deps.getElementsByTagName("dependency");
		for (int i = 0; i < list.getLength(); i++) {
			final Element d = (Element) list.item(i);
			final Element g = child(d, "groupId"), a = child(d, "artifactId"), v = child(d, "version");
			if (g == null || a == null) continue;
			managed.put(g.getTextContent().trim() + ":" + a.getTextContent().trim(), v == null ? "?" : resolve(v
				.getTextContent().trim(), props));
		}
		final Element artifact = child(root, "artifactId"), version = child(root, "version");
		return new ShippedJars(managed, (artifact == null ? pom.getName() : artifact.getTextContent().trim()) +
			(version == null ? "" : " " + version.getTextContent().trim()));
	}

	private static Element child(final Element parent, final String name) {
		for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (n instanceof Element e && e.getTagName().equals(name)) return e;
		}
		return null;
	}

	private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)\\}");

	private static String resolve(String value, final Map<String, String> props) {
		for (int depth = 0; depth < 10; depth++) { // properties refer to properties (org.x.y.version → x.version)
			final Matcher m = PROPERTY.matcher(value);
			if (!m.find()) return value;
			final String p = props.get(m.group(1));
			if (p == null) return value;
			value = value.substring(0, m.start()) + p + value.substring(m.end());
		}
		return value;
	}

	/** Name and version of the managed-artifacts POM, e.g. {@code pom-scijava 45.0.0}. */
	public String source() {
		return source;
	}

	public int managedCount() {
		return managed.size();
	}

	/** The managed version of {@code groupId:artifactId} (groupId null: any group), or null. */
	public String managedVersion(final String groupId, final String artifactId) {
		if (groupId != null) return managed.get(groupId + ":" + artifactId);
		for (final Map.Entry<String, String> e : managed.entrySet()) {
			if (e.getKey().endsWith(":" + artifactId)) return e.getValue();
		}
		return null;
	}

	/**
	 * The decision for a runtime jar. Throws when the jar is neither managed (Fiji has it) nor in {@link #SHIPPED}
	 * (reviewed), so a new dependency cannot reach the site unnoticed.
	 */
	public Decision decide(final File jar) throws IOException {
		final String[] c = coordinates(jar);
		final String ga = (c[0] == null ? "" : c[0]) + ":" + c[1];
		String reason = null;
		for (final Map.Entry<String, String> e : SHIPPED.entrySet()) {
			if (e.getKey().equals(ga) || c[0] == null && e.getKey().endsWith(":" + c[1])) {
				reason = e.getValue();
				// Jars built without Maven (DJL's) carry no pom.properties: the reviewed entry names the group.
				if (c[0] == null) c[0] = e.getKey().substring(0, e.getKey().indexOf(':'));
			}
		}
		if (c[0] == null) {
			for (final String key : managed.keySet()) {
				if (key.endsWith(":" + c[1])) c[0] = key.substring(0, key.indexOf(':'));
			}
		}
		final String managedVersion = managedVersion(c[0], c[1]);
		if (reason != null) {
			return new Decision(jar, c[0], c[1], c[2], true, reason + (managedVersion == null ? ""
				: " (" + source + " manages it at " + managedVersion + ")"));
		}
		if (managedVersion != null) {
			return new Decision(jar, c[0], c[1], c[2], false, "in Fiji: managed by " + source + " at " +
				managedVersion + (managedVersion.equals(c[2]) ? "" : " (this build has " + c[2] + ")"));
		}
		throw new IOException(jar.getName() + " (" + new Decision(jar, c[0], c[1], c[2], false, "").coordinates() +
			") is neither managed by " + source + " nor reviewed for the site: add it to ShippedJars.SHIPPED with " +
			"the reason it is shipped, and to the list in update-site/README.md");
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
