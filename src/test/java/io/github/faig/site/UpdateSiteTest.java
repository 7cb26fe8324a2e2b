package io.github.faig.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
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
		j.putNextEntry(new JarEntry(name));
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

	@Test
	void siteIsReadBackFromDbXml(@TempDir final Path dir) throws Exception {
		final Path runtime = Files.createDirectories(dir.resolve("runtime"));
		final Path natives = Files.createDirectories(dir.resolve("natives"));
		final Path models = Files.createDirectories(dir.resolve("models/tiny"));
		final File project = jar(dir, "faig-fiji-0.1.0.jar");
		jar(runtime, "api-0.35.1.jar");
		jar(runtime, "gson-2.10.1.jar");
		jar(runtime, "slf4j-api-2.0.13.jar");
		for (final String[] p : UpdateSiteBuilder.PLATFORMS) jar(natives, "pytorch-native-cpu-2.7.1-" + p[0] + ".jar");
		Files.writeString(models.resolve("model.json"), "{\"name\": \"tiny\"}");
		final List<UpdateSiteBuilder.Entry> entries = UpdateSiteBuilder.entries(project, runtime.toFile(), natives
			.toFile(), dir.resolve("models").toFile());
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
			}
		}
		assertEquals(4, platforms);
		assertTrue(new File(site, "models/faig/tiny/model.json-20261121120000").isFile());
		assertTrue(new File(site, "jars/api-0.35.1.jar-20261121120000").isFile());
		assertTrue(new File(site, "jars/win64/pytorch-native-cpu-2.7.1-win-x86_64.jar-20261121120000").isFile());
		// The project jar depends on the DJL jars.
		final Element first = (Element) plugins.item(0);
		assertEquals("jars/faig-fiji-0.1.0.jar", first.getAttribute("filename"));
		assertEquals("jars/api-0.35.1.jar", ((Element) first.getElementsByTagName("dependency").item(0)).getAttribute(
			"filename"));
	}
}
