package io.github.faig.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.GZIPInputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class UpdateSiteTest {

	/** A jar with entries written in a non-sorted order. */
	static File jar(final Path dir, final String name) throws Exception {
		final File f = dir.resolve(name).toFile();
		try (OutputStream o = Files.newOutputStream(f.toPath()); JarOutputStream j = new JarOutputStream(o)) {
			put(j, "z/Last.class", "zz");
			put(j, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nBuilt-By: someone\n");
			put(j, "a/config.properties", "#Sat Nov 21 12:00:00 UTC 2026\nkey=value\n#note\nother=1\n");
		}
		return f;
	}

	static void put(final JarOutputStream j, final String name, final String content) throws Exception {
		final JarEntry e = new JarEntry(name);
		e.setTime(1_700_000_000_000L); // fixed: the same content makes the same jar, as Maven Central's jars are
		j.putNextEntry(e);
		j.write(content.getBytes(StandardCharsets.US_ASCII));
		j.closeEntry();
	}

	@Test
	void jarChecksumByHand(@TempDir final Path dir) throws Exception {
		final File f = jar(dir, "small.jar");
		final MessageDigest d = MessageDigest.getInstance("SHA-1");
		// Sorted: META-INF/MANIFEST.MF (name only), a/config.properties (comment lines emptied), z/Last.class.
		d.update("META-INF/MANIFEST.MF".getBytes(StandardCharsets.US_ASCII));
		d.update("a/config.properties".getBytes(StandardCharsets.US_ASCII));
		d.update("\nkey=value\n\nother=1\n".getBytes(StandardCharsets.US_ASCII));
		d.update("z/Last.class".getBytes(StandardCharsets.US_ASCII));
		d.update("zz".getBytes(StandardCharsets.US_ASCII));
		assertEquals(HexFormat.of().formatHex(d.digest()), UpdaterChecksum.of("jars/small.jar", f));
		// A change in a properties comment or in the manifest does not change the checksum; a change of content does.
		final File g = dir.resolve("other.jar").toFile();
		try (OutputStream o = Files.newOutputStream(g.toPath()); JarOutputStream j = new JarOutputStream(o)) {
			put(j, "a/config.properties", "#Sun Nov 22 08:00:00 UTC 2026\nkey=value\n#note\nother=1\n");
			put(j, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n");
			put(j, "z/Last.class", "zz");
		}
		assertEquals(UpdaterChecksum.of("jars/small.jar", f), UpdaterChecksum.of("jars/small.jar", g));
		// Other files: SHA-1 of the path and then the bytes.
		final File m = dir.resolve("model.json").toFile();
		Files.writeString(m.toPath(), "{}");
		final MessageDigest d2 = MessageDigest.getInstance("SHA-1");
		d2.update("models/faig/x/model.json".getBytes(StandardCharsets.US_ASCII));
		d2.update("{}".getBytes(StandardCharsets.US_ASCII));
		assertEquals(HexFormat.of().formatHex(d2.digest()), UpdaterChecksum.of("models/faig/x/model.json", m));
	}

	/** A jar that says which Maven artifact it is, as Maven Central's jars do. */
	static File mavenJar(final Path dir, final String group, final String artifact, final String version,
		final String content) throws Exception
	{
		final File f = dir.resolve(artifact + "-" + version + ".jar").toFile();
		try (OutputStream o = Files.newOutputStream(f.toPath()); JarOutputStream j = new JarOutputStream(o)) {
			put(j, "META-INF/maven/" + group + "/" + artifact + "/pom.properties", "groupId=" + group + "\nartifactId=" +
				artifact + "\nversion=" + version + "\n");
			put(j, artifact.replace('-', '/') + "/Content.class", content);
		}
		return f;
	}

	/** A list of the jars a Fiji ships, as update-site/fiji-jars.txt: gson, slf4j-api, ejml-core. */
	static File fijiJars(final Path dir) throws Exception {
		final File list = dir.resolve("fiji-jars.txt").toFile();
		Files.writeString(list.toPath(), "# a small Fiji\ngson-2.10.1.jar\nslf4j-api-2.0.17.jar  # logging\n\n" +
			"ejml-core-0.41.jar\n");
		return list;
	}

	@Test
	void siteIsReadBackFromDbXml(@TempDir final Path dir) throws Exception {
		final Path runtime = Files.createDirectories(dir.resolve("runtime"));
		final Path natives = Files.createDirectories(dir.resolve("natives"));
		final Path models = Files.createDirectories(dir.resolve("models/tiny"));
		final File project = jar(dir, "faig-fiji-0.1.0.jar");
		mavenJar(runtime, "ai.djl", "api", "0.35.1", "djl");
		mavenJar(runtime, "com.google.code.gson", "gson", "2.10.1", "gson");
		mavenJar(runtime, "org.slf4j", "slf4j-api", "2.0.17", "slf4j");
		for (final String[] p : UpdateSiteBuilder.PLATFORMS) jar(natives, "pytorch-native-cpu-2.7.1-" + p[0] + ".jar");
		Files.writeString(models.resolve("model.json"), "{\"name\": \"tiny\"}");
		final List<ShippedJars.Decision> decisions = ShippedJars.fromFijiJars(fijiJars(dir)).decideAll(runtime
			.toFile());
		final List<UpdateSiteBuilder.Entry> entries = UpdateSiteBuilder.entries(project, decisions, natives.toFile(),
			dir.resolve("models").toFile(), UpdateSiteBuilder.allPlatforms(), dir.resolve("scratch").toFile());
		final File site = dir.resolve("site").toFile();
		UpdateSiteBuilder.write(site, entries, "20261121120000");

		final Document doc;
		try (InputStream in = new GZIPInputStream(Files.newInputStream(site.toPath().resolve("db.xml.gz")))) {
			doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
		}
		final NodeList plugins = doc.getElementsByTagName("plugin");
		assertEquals(entries.size(), plugins.getLength());
		int platforms = 0;
		for (int i = 0; i < plugins.getLength(); i++) {
			final Element p = (Element) plugins.item(i);
			final String name = p.getAttribute("filename");
			// In the list of Fiji's jars: Fiji has them, so they are not on the site.
			assertFalse(name.contains("gson") || name.contains("slf4j") || name.contains("jna"), name);
			final Element v = (Element) p.getElementsByTagName("version").item(0);
			final File f = new File(site, name + "-" + v.getAttribute("timestamp"));
			assertTrue(f.isFile(), "missing " + f);
			assertEquals(Long.parseLong(v.getAttribute("filesize")), f.length(), name);
			assertEquals(v.getAttribute("checksum"), UpdaterChecksum.of(name, f), name);
			if (p.getElementsByTagName("platform").getLength() > 0) {
				platforms++;
				final String plat = p.getElementsByTagName("platform").item(0).getTextContent();
				assertTrue(name.startsWith("jars/" + plat + "/"), name);
				// Without the classifier every platform's native strips to one versionless name.
				assertEquals("jars/" + plat + "/pytorch-native-cpu-2.7.1.jar", name);
				assertEquals("jars/" + plat + "/pytorch-native-cpu.jar", SiteDb.key(name));
			}
		}
		assertEquals(4, platforms);
		assertTrue(new File(site, "models/faig/tiny/model.json-20261121120000").isFile());
		assertTrue(new File(site, "jars/api-0.35.1.jar-20261121120000").isFile());
		assertTrue(new File(site, "jars/win64/pytorch-native-cpu-2.7.1.jar-20261121120000").isFile());
		// The project jar depends on the DJL jars.
		final Element first = (Element) plugins.item(0);
		assertEquals("jars/faig-fiji-0.1.0.jar", first.getAttribute("filename"));
		final Element dep = (Element) first.getElementsByTagName("dependency").item(0);
		assertEquals("jars/api-0.35.1.jar", dep.getAttribute("filename"));
		assertEquals("20261121120000", dep.getAttribute("timestamp"));
	}

	@Test
	void mavenNativeNamesDoNotStripAlike() {
		// The bug the site names avoid: Maven's classifier names strip differently per platform, and the Windows
		// one not at all, so a new PyTorch version would sit beside the old one.
		assertEquals("jars/win64/pytorch-native-cpu-2.7.1-win-x86_64.jar", SiteDb.key(
			"jars/win64/pytorch-native-cpu-2.7.1-win-x86_64.jar"));
		for (final String[] p : UpdateSiteBuilder.PLATFORMS) {
			final String v1 = UpdateSiteBuilder.nativeSiteName(p[1], "pytorch-native-cpu-2.7.1-" + p[0] + ".jar", p[0]);
			final String v2 = UpdateSiteBuilder.nativeSiteName(p[1], "pytorch-native-cpu-2.8.0-" + p[0] + ".jar", p[0]);
			assertEquals(SiteDb.key(v1), SiteDb.key(v2), p[1]);
		}
	}

	@Test
	void unreviewedJarStopsTheBuild(@TempDir final Path dir) throws Exception {
		final Path runtime = Files.createDirectories(dir.resolve("runtime"));
		mavenJar(runtime, "org.example", "surprise", "1.0", "x");
		final ShippedJars policy = ShippedJars.fromFijiJars(fijiJars(dir));
		final Exception e = assertThrows(IOException.class, () -> policy
			.decideAll(runtime.toFile()));
		assertTrue(e.getMessage().contains("org.example:surprise:1.0"), e.getMessage());
		// Fiji's jar is found whatever version the build has: the updater's identity is the stripped name.
		assertEquals("gson-2.10.1.jar", policy.inFiji("gson-2.11.0.jar"));
		assertEquals(null, policy.inFiji("gson-extras-2.10.1.jar"));
	}

	@Test
	void releaseRefusesSnapshotNames() throws Exception {
		final File f = new File("pom.xml");
		UpdateSiteBuilder.checkRelease(List.of(new UpdateSiteBuilder.Entry("jars/faig-fiji-0.1.0.jar", f, null, null,
			List.of())));
		assertThrows(IOException.class, () -> UpdateSiteBuilder.checkRelease(
			List.of(new UpdateSiteBuilder.Entry("jars/faig-fiji-0.1.0-SNAPSHOT.jar", f, null, null, List.of()))));
	}
}
