package io.github.faig.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the site builder refuses, and that its refusals say which file and why, leaving the site as it was. */
class SiteGuardsTest {

	static final String TS1 = UpgradeTest.TS1, TS2 = UpgradeTest.TS2;

	static UpgradeTest.Build build(final Path dir, final String version) throws Exception {
		return new UpgradeTest.Build(dir, version, "faig " + version, "2.7.1", "weights " + version, false);
	}

	@Test
	void unreadableDbNamesTheFile(@TempDir final Path dir) throws Exception {
		final File db = dir.resolve("db.xml.gz").toFile();
		Files.write(db.toPath(), new byte[0]);
		IOException e = assertThrows(IOException.class, () -> SiteDb.read(db));
		assertTrue(e.getMessage().startsWith(db + " is empty: expected"), e.getMessage());
		Files.writeString(db.toPath(), "<pluginRecords/>");
		e = assertThrows(IOException.class, () -> SiteDb.read(db));
		assertTrue(e.getMessage().startsWith(db + " is not gzip-compressed"), e.getMessage());
	}

	@Test
	void anotherSitesDbIsRefusedUntouched(@TempDir final Path dir) throws Exception {
		final File site = dir.resolve("site").toFile();
		final File other = Files.createDirectories(dir.resolve("other")).toFile();
		final File tool = UpdateSiteTest.jar(other.toPath(), "Other_Tool-1.2.jar");
		UpdateSiteBuilder.write(site, List.of(new UpdateSiteBuilder.Entry("plugins/Other_Tool-1.2.jar", tool, null,
			null, List.of())), TS1);
		final byte[] before = Files.readAllBytes(site.toPath().resolve("db.xml.gz"));
		final IOException e = assertThrows(IOException.class, () -> build(dir.resolve("v1"), "0.1.0").buildInto(site,
			TS2));
		assertTrue(e.getMessage().contains("never shipped (plugins/Other_Tool-1.2.jar)"), e.getMessage());
		assertArrayEquals(before, Files.readAllBytes(site.toPath().resolve("db.xml.gz")));
		assertFalse(new File(site, "jars").exists(), "nothing written");
		// This project's own names, current or earlier, are not foreign.
		for (final String p : new String[] { "jars/faig-fiji-0.0.1.jar", "models/faig/old/filters.json",
			"jars/win64/pytorch-native-cpu-2.7.1-win-x86_64.jar", "jars/pickle-1.4.jar",
			"scripts/File/Open_Samples/FAIG_Demo_Photographs.ijm" })
		{
			assertTrue(UpdateSiteBuilder.ownPath(p), p);
		}
		assertFalse(UpdateSiteBuilder.ownPath("jars/gson-2.10.1.jar"));
	}

	@Test
	void futureTimestampsAreRefused(@TempDir final Path dir) throws Exception {
		final File site = dir.resolve("site").toFile();
		build(dir.resolve("v1"), "0.1.0").buildInto(site, TS2);
		final IOException e = assertThrows(IOException.class, () -> build(dir.resolve("v2"), "0.2.0").buildInto(site,
			TS1));
		assertTrue(e.getMessage().contains("jars/faig-fiji-0.1.0.jar has the timestamp " + TS2 + ", after this " +
			"build's time " + TS1), e.getMessage());
		// A build in the same second moves on by one second only.
		final UpdateSiteBuilder.Result r = build(dir.resolve("v3"), "0.3.0").buildInto(site, TS2);
		assertEquals(Long.parseLong(TS2) + 1, Long.parseLong(r.timestamp()));
	}

	@Test
	void lowerVersionIsRefused(@TempDir final Path dir) throws Exception {
		final File site = dir.resolve("site").toFile();
		build(dir.resolve("v2"), "0.10.0").buildInto(site, TS1);
		final IOException e = assertThrows(IOException.class, () -> build(dir.resolve("v1"), "0.9.1").buildInto(site,
			TS2));
		assertTrue(e.getMessage().contains("jars/faig-fiji-0.10.0.jar is version 0.10.0") && e.getMessage().contains(
			"jars/faig-fiji-0.9.1.jar is 0.9.1"), e.getMessage());
		assertTrue(UpdateSiteBuilder.compareVersions("0.2.0", "0.2.0-SNAPSHOT") > 0);
		assertTrue(UpdateSiteBuilder.compareVersions("0.2.0-SNAPSHOT", "0.1.9") > 0);
		assertEquals(0, UpdateSiteBuilder.compareVersions("1.0", "1.0.0"));
		// The same version again (a rebuilt release) and a higher one are built.
		build(dir.resolve("v2b"), "0.10.0").buildInto(site, TS2);
	}

	static String[] run(final String... args) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		final int rc = UpdateSiteBuilder.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err,
			true, StandardCharsets.UTF_8), args);
		return new String[] { Integer.toString(rc), out.toString(StandardCharsets.UTF_8), err.toString(
			StandardCharsets.UTF_8) };
	}

	static String[] runInto(final UpgradeTest.Build b, final File site) throws Exception {
		return run(site.getPath(), b.project.getPath(), b.runtime.getPath(), b.natives.getPath(), b.models.getPath(),
			"--fiji-jars", UpdateSiteTest.fijiJars(b.root).getPath(), "--scratch", b.root.resolve("scratch").toString());
	}

	@Test
	void foldersThatAreNoSiteAreRefused(@TempDir final Path dir) throws Exception {
		final UpgradeTest.Build b = build(dir.resolve("v1"), "0.1.0");
		final File notes = Files.createDirectories(dir.resolve("notes/sub")).toFile().getParentFile();
		Files.writeString(notes.toPath().resolve("notes.txt"), "mine");
		String[] r = runInto(b, notes);
		assertEquals("1", r[0]);
		assertTrue(r[2].contains(notes + " is neither empty nor an update site (no db.xml.gz)"), r[2]);
		assertEquals(List.of("notes.txt", "sub"), List.of(notes.list()).stream().sorted().toList());

		final File site = dir.resolve("site").toFile();
		Files.createDirectories(site.toPath());
		Files.writeString(site.toPath().resolve("jars"), "a file");
		// Empty but for a file named jars: still no site, so refused as someone's folder.
		r = runInto(b, site);
		assertEquals("1", r[0]);
		assertTrue(r[2].contains("neither empty nor an update site"), r[2]);

		final File fresh = dir.resolve("fresh").toFile();
		r = runInto(b, fresh);
		assertEquals("0", r[0], r[2]);
		// A real site with a file where a folder is needed names both.
		Files.walk(new File(fresh, "models").toPath()).sorted(Comparator.reverseOrder()).map(Path::toFile)
			.forEach(File::delete);
		Files.writeString(fresh.toPath().resolve("models"), "a file");
		r = runInto(build(dir.resolve("v2"), "0.2.0"), fresh);
		assertEquals("1", r[0]);
		assertTrue(r[2].contains(new File(fresh, "models") + " is a file where the site needs a folder"), r[2]);
	}

	@Test
	void jarsWithoutMavenMetadataGetTheirGroup(@TempDir final Path dir) throws Exception {
		final Path runtime = Files.createDirectories(dir.resolve("runtime"));
		UpdateSiteTest.jar(runtime, "api-0.35.1.jar");
		UpdateSiteTest.jar(runtime, "gson-2.10.1.jar");
		final List<ShippedJars.Decision> d = ShippedJars.fromFijiJars(UpdateSiteTest.fijiJars(dir)).decideAll(
			runtime.toFile());
		assertEquals("ai.djl:api:0.35.1", d.get(0).coordinates());
		assertTrue(d.get(0).ship());
		// Fiji's list holds file names: a jar without metadata is still found there, by name.
		assertEquals("gson 2.10.1, no Maven group in the jar", d.get(1).coordinates());
		assertFalse(d.get(1).ship(), d.get(1).reason());
		assertEquals("x 1.0, no Maven group in the jar", new ShippedJars.Decision(null, null, "x", "1.0", false, "")
			.coordinates());
	}

	@Test
	void aPlatformSubsetNeverDropsAShippedNative(@TempDir final Path dir) throws Exception {
		final UpgradeTest.Build b = build(dir.resolve("v1"), "0.1.0");
		final File site = dir.resolve("site").toFile();
		// A new site of linux64 only (what tests build): one native.
		String[] r = run(site.getPath(), b.project.getPath(), b.runtime.getPath(), b.natives.getPath(), b.models
			.getPath(), "--fiji-jars", UpdateSiteTest.fijiJars(b.root).getPath(), "--scratch", b.root.resolve("s")
				.toString(), "--platforms", "linux64");
		assertEquals("0", r[0], r[2]);
		assertEquals(List.of("linux64"), List.of(new File(site, "jars").list((d, n) -> new File(d, n).isDirectory())));
		// On a site that ships every platform, a linux64-only build would make the others obsolete: refused.
		final File full = dir.resolve("full").toFile();
		assertEquals("0", runInto(b, full)[0]);
		final byte[] db = Files.readAllBytes(full.toPath().resolve("db.xml.gz"));
		r = run(full.getPath(), b.project.getPath(), b.runtime.getPath(), b.natives.getPath(), b.models.getPath(),
			"--fiji-jars", UpdateSiteTest.fijiJars(b.root).getPath(), "--scratch", b.root.resolve("s").toString(),
			"--platforms", "linux64");
		assertEquals("1", r[0]);
		assertTrue(r[2].contains("the site ships jars/linux-arm64/pytorch-native-cpu-2.7.1.jar, but this build has " +
			"the natives of linux64 only"), r[2]);
		assertArrayEquals(db, Files.readAllBytes(full.toPath().resolve("db.xml.gz")));
		// A release is every platform; an unknown platform is named.
		r = run(dir.resolve("rel").toString(), b.project.getPath(), b.runtime.getPath(), b.natives.getPath(), b.models
			.getPath(), "--fiji-jars", "x", "--scratch", "s", "--platforms", "win64", "--release");
		assertTrue(r[2].contains("a release ships every platform's natives, not only win64"), r[2]);
		r = run(dir.resolve("rel").toString(), "b", "c", "d", "e", "--fiji-jars", "x", "--scratch", "s", "--platforms",
			"linux64,osx");
		assertEquals("2", r[0]);
		assertTrue(r[2].startsWith("build-update-site: unknown platform 'osx' in 'linux64,osx'"), r[2]);
	}

	@Test
	void aSiteThatShippedWhatFijiShipsIsRefused(@TempDir final Path dir) throws Exception {
		// Sites built before the list of Fiji's jars was checked shipped EJML, which Fiji has.
		final File site = dir.resolve("site").toFile();
		final File ejml = UpdateSiteTest.mavenJar(dir, "org.ejml", "ejml-core", "0.41", "ejml");
		UpdateSiteBuilder.write(site, List.of(new UpdateSiteBuilder.Entry("jars/ejml-core-0.41.jar", ejml, null, null,
			List.of())), UpgradeTest.TS1);
		final IOException e = assertThrows(IOException.class, () -> build(dir.resolve("v1"), "0.1.0").buildInto(site,
			UpgradeTest.TS2));
		assertTrue(e.getMessage().contains("ships jars/ejml-core-0.41.jar, which this project no longer ships because " +
			"Fiji itself does"), e.getMessage());
	}
}
