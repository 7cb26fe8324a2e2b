package io.github.faig.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade as a Fiji user meets it, with small stand-in jars: site v1 is built and installed into a Fiji-like
 * folder; v2 (one changed jar, one changed model file, one file dropped) is built on top of v1; the port of the
 * updater's logic must then see every installed v1 file as a known version (never "locally modified"), and after
 * applying v2 no file may be left twice.
 */
class UpgradeTest {

	static final String TS1 = "20261201100000", TS2 = "20261202100000";

	/** Sources of one build of the site. */
	static final class Build {

		final Path root;
		final File project, runtime, natives, models, macros, samples;

		Build(final Path root, final String version, final String projectContent, final String nativeVersion,
			final String weights, final boolean withFilterSet) throws Exception
		{
			this.root = Files.createDirectories(root);
			runtime = Files.createDirectories(root.resolve("runtime")).toFile();
			natives = Files.createDirectories(root.resolve("natives")).toFile();
			project = UpdateSiteTest.mavenJar(root, "io.github.faig", "faig-fiji", version, projectContent);
			UpdateSiteTest.mavenJar(runtime.toPath(), "ai.djl", "api", "0.35.1", "djl-api");
			UpdateSiteTest.mavenJar(runtime.toPath(), "ai.djl.pytorch", "pytorch-engine", "0.35.1", "engine");
			UpdateSiteTest.mavenJar(runtime.toPath(), "ai.djl.pytorch", "pytorch-jni", "2.7.1-0.35.1", "jni");
			UpdateSiteTest.mavenJar(runtime.toPath(), "org.ejml", "ejml-core", "0.41", "ejml");
			UpdateSiteTest.mavenJar(runtime.toPath(), "net.razorvine", "pickle", "1.5", "pickle");
			UpdateSiteTest.mavenJar(runtime.toPath(), "com.google.code.gson", "gson", "2.10.1", "gson");
			for (final String[] p : UpdateSiteBuilder.PLATFORMS) {
				// Real DJL names (version, then classifier); content differs per platform and version.
				final File j = UpdateSiteTest.mavenJar(natives.toPath(), "ai.djl.pytorch", "pytorch-native-cpu",
					nativeVersion, "native " + p[0] + " " + nativeVersion);
				Files.move(j.toPath(), natives.toPath().resolve("pytorch-native-cpu-" + nativeVersion + "-" + p[0] +
					".jar"));
			}
			final Path m = Files.createDirectories(root.resolve("models/srcnn-x2"));
			Files.writeString(m.resolve("model.json"), "{\"name\": \"srcnn-x2\"}");
			Files.writeString(m.resolve("weights.safetensors"), weights);
			if (withFilterSet) {
				final Path fs = Files.createDirectories(root.resolve("models/filter-sets-old"));
				Files.writeString(fs.resolve("filters.json"), "{\"filters\": [1, 2]}");
			}
			models = root.resolve("models").toFile();
			macros = Files.createDirectories(root.resolve("macros")).toFile();
			Files.writeString(macros.toPath().resolve("faig_degrade_folder.ijm"), "print(\"degrade\");\n");
			samples = Files.createDirectories(root.resolve("samples")).toFile();
			Files.write(samples.toPath().resolve("building.png"), new byte[] { (byte) 0x89, 'P', 'N', 'G', 1, 2, 3 });
		}

		UpdateSiteBuilder.Result buildInto(final File site, final String timestamp) throws Exception {
			final ShippedJars policy = ShippedJars.fromFijiJars(UpdateSiteTest.fijiJars(root));
			final List<UpdateSiteBuilder.Entry> entries = UpdateSiteBuilder.entries(project, policy.decideAll(runtime),
				natives, models, UpdateSiteBuilder.allPlatforms(), root.resolve("scratch").toFile());
			UpdateSiteBuilder.addFolder(entries, macros, "scripts/Plugins/FAIG/Macros");
			UpdateSiteBuilder.addFolder(entries, samples, "images/faig-samples");
			return UpdateSiteBuilder.write(site, entries, timestamp);
		}
	}

	/** A Fiji-like folder with files of Fiji's own (not on this site). */
	static File fiji(final Path dir) throws Exception {
		final Path f = Files.createDirectories(dir);
		Files.createDirectories(f.resolve("jars/linux64"));
		UpdateSiteTest.mavenJar(f.resolve("jars"), "net.imagej", "ij", "1.54p", "imagej");
		UpdateSiteTest.mavenJar(f.resolve("jars"), "com.google.code.gson", "gson", "2.10.1", "gson");
		return f.toFile();
	}

	static List<UpdaterPort.LocalFile> ofSite(final List<UpdaterPort.LocalFile> files) {
		final List<UpdaterPort.LocalFile> out = new ArrayList<>();
		for (final UpdaterPort.LocalFile f : files) if (f.status() != UpdaterPort.Status.LOCAL_ONLY) out.add(f);
		return out;
	}

	static UpdaterPort.LocalFile find(final List<UpdaterPort.LocalFile> files, final String path) {
		for (final UpdaterPort.LocalFile f : files) if (f.path().equals(path)) return f;
		return null;
	}

	@Test
	void upgradeFromV1ToV2(@TempDir final Path dir) throws Exception {
		final File site = dir.resolve("site").toFile();
		final UpdateSiteBuilder.Result r1 = new Build(dir.resolve("v1"), "0.1.0", "faig v1", "2.7.1", "weights v1", true)
			.buildInto(site, TS1);
		assertEquals(0, r1.db().counts()[2], "a first build has no history");
		final File fiji = fiji(dir.resolve("Fiji.app"));
		final SiteDb db1 = SiteDb.read(new File(site, "db.xml.gz"));
		UpdaterPort.apply(site, db1, fiji, "linux64");
		final List<UpdaterPort.LocalFile> v1 = ofSite(UpdaterPort.scan(fiji, db1));
		// Everything for linux64 is installed and up to date: no other platform's native, no gson (Fiji's own).
		assertEquals(db1.records.size() - 3, v1.size());
		for (final UpdaterPort.LocalFile f : v1) assertEquals(UpdaterPort.Status.INSTALLED, f.status(), f.path());
		assertNotNull(find(v1, "jars/linux64/pytorch-native-cpu-2.7.1.jar"));
		assertNotNull(find(v1, "scripts/Plugins/FAIG/Macros/faig_degrade_folder.ijm"));
		assertNotNull(find(v1, "images/faig-samples/building.png"));
		assertFalse(new File(fiji, "jars/win64").exists());
		assertNull(db1.get("jars/gson-2.10.1.jar"));

		// v2: the project jar changes (and its versioned name), one model file changes, a filter set is dropped.
		final UpdateSiteBuilder.Result r2 = new Build(dir.resolve("v2"), "0.2.0", "faig v2", "2.7.1", "weights v2",
			false).buildInto(site, TS2);
		assertEquals(2, r2.changed());
		assertEquals(1, r2.obsoleted());
		final SiteDb db2 = SiteDb.read(new File(site, "db.xml.gz"));
		assertEquals(db1.records.size(), db2.records.size(), "same records: the dropped file stays, obsolete");
		assertEquals(3, db2.counts()[2], "previous versions: project jar, weights, dropped filter set");
		// Unchanged files keep their timestamp (and site file); changed ones name their earlier version.
		assertEquals(Long.parseLong(TS1), db2.get("jars/api-0.35.1.jar").current.timestamp());
		assertEquals(Long.parseLong(TS1), db2.get("jars/win64/pytorch-native-cpu-2.7.1.jar").current.timestamp());
		final SiteDb.Record project = db2.get("jars/faig-fiji.jar");
		assertEquals("jars/faig-fiji-0.2.0.jar", project.filename);
		assertEquals(Long.parseLong(TS2), project.current.timestamp());
		assertEquals("jars/faig-fiji-0.1.0.jar", project.previous.get(0).filename());
		assertTrue(db2.get("models/faig/filter-sets-old/filters.json").obsolete());
		assertTrue(new File(site, "jars/faig-fiji-0.1.0.jar-" + TS1).isFile(), "earlier versions stay on the site");

		final List<UpdaterPort.LocalFile> before = ofSite(UpdaterPort.scan(fiji, db2));
		assertEquals(v1.size(), before.size());
		for (final UpdaterPort.LocalFile f : before) {
			assertFalse(f.status() == UpdaterPort.Status.MODIFIED || f.status() == UpdaterPort.Status.OBSOLETE_MODIFIED,
				f.path() + " is seen as locally modified");
		}
		assertEquals("Update available", find(before, "jars/faig-fiji-0.1.0.jar").status().label);
		assertEquals(UpdaterPort.Status.UPDATEABLE, find(before, "models/faig/srcnn-x2/weights.safetensors").status());
		assertEquals(UpdaterPort.Status.OBSOLETE, find(before, "models/faig/filter-sets-old/filters.json").status());
		assertEquals(UpdaterPort.Status.INSTALLED, find(before, "jars/api-0.35.1.jar").status());

		UpdaterPort.apply(site, db2, fiji, "linux64");
		final List<UpdaterPort.LocalFile> after = UpdaterPort.scan(fiji, db2);
		assertEquals(Map.of(), UpdaterPort.duplicates(after), "a file left twice");
		for (final UpdaterPort.LocalFile f : ofSite(after)) {
			assertEquals(UpdaterPort.Status.INSTALLED, f.status(), f.path());
		}
		assertFalse(new File(fiji, "jars/faig-fiji-0.1.0.jar").exists());
		assertTrue(new File(fiji, "jars/faig-fiji-0.2.0.jar").isFile());
		assertFalse(new File(fiji, "models/faig/filter-sets-old/filters.json").exists());
		assertTrue(new File(fiji, "jars/ij-1.54p.jar").isFile(), "Fiji's own files are untouched");
		assertEquals("weights v2", Files.readString(fiji.toPath().resolve("models/faig/srcnn-x2/weights.safetensors")));
	}

	@Test
	void siteBuiltFromScratchStrandsUsers(@TempDir final Path dir) throws Exception {
		// The bug this guards against: v2 written without v1's history makes installed v1 files "locally modified".
		final File site1 = dir.resolve("site1").toFile(), site2 = dir.resolve("site2").toFile();
		new Build(dir.resolve("v1"), "0.1.0", "faig v1", "2.7.1", "weights v1", true).buildInto(site1, TS1);
		final File fiji = fiji(dir.resolve("Fiji.app"));
		UpdaterPort.apply(site1, SiteDb.read(new File(site1, "db.xml.gz")), fiji, "linux64");
		new Build(dir.resolve("v2"), "0.2.0", "faig v2", "2.7.1", "weights v2", true).buildInto(site2, TS2);
		final List<UpdaterPort.LocalFile> seen = UpdaterPort.scan(fiji, SiteDb.read(new File(site2, "db.xml.gz")));
		assertEquals(UpdaterPort.Status.MODIFIED, find(seen, "jars/faig-fiji-0.1.0.jar").status());
		assertEquals(UpdaterPort.Status.MODIFIED, find(seen, "models/faig/srcnn-x2/weights.safetensors").status());
	}

	@Test
	void nativeUpgradeReplacesOnEveryPlatform(@TempDir final Path dir) throws Exception {
		final File site = dir.resolve("site").toFile();
		new Build(dir.resolve("v1"), "0.1.0", "faig", "2.7.1", "w", false).buildInto(site, TS1);
		final List<File> fijis = new ArrayList<>();
		for (final String[] p : UpdateSiteBuilder.PLATFORMS) {
			final File fiji = fiji(dir.resolve("Fiji-" + p[1]));
			UpdaterPort.apply(site, SiteDb.read(new File(site, "db.xml.gz")), fiji, p[1]);
			fijis.add(fiji);
		}
		final UpdateSiteBuilder.Result r = new Build(dir.resolve("v2"), "0.1.0", "faig", "2.8.0", "w", false).buildInto(
			site, TS2);
		assertEquals(4, r.changed(), "each platform's native is a new version of the same file, not a new file");
		assertEquals(0, r.added());
		final SiteDb db2 = SiteDb.read(new File(site, "db.xml.gz"));
		for (int i = 0; i < fijis.size(); i++) {
			final String plat = UpdateSiteBuilder.PLATFORMS[i][1];
			final List<UpdaterPort.LocalFile> seen = UpdaterPort.scan(fijis.get(i), db2);
			assertEquals(UpdaterPort.Status.UPDATEABLE, find(seen, "jars/" + plat + "/pytorch-native-cpu-2.7.1.jar")
				.status(), plat);
			UpdaterPort.apply(site, db2, fijis.get(i), plat);
			final String[] left = new File(fijis.get(i), "jars/" + plat).list();
			assertEquals(List.of("pytorch-native-cpu-2.8.0.jar"), List.of(left), plat);
			assertEquals(Map.of(), UpdaterPort.duplicates(UpdaterPort.scan(fijis.get(i), db2)), plat);
		}
	}

	@Test
	void sitesWithMavenNativeNamesMigrate(@TempDir final Path dir) throws Exception {
		// Sites built before the natives were renamed carry Maven's names (version, then classifier). Built on top
		// of such a site, the old names become obsolete or earlier versions, so each platform ends with one native.
		final File site = dir.resolve("site").toFile();
		final Build b = new Build(dir.resolve("v1"), "0.1.0", "faig", "2.7.1", "w", false);
		final List<UpdateSiteBuilder.Entry> old = new ArrayList<>();
		for (final String[] p : UpdateSiteBuilder.PLATFORMS) {
			final String name = "pytorch-native-cpu-2.7.1-" + p[0] + ".jar";
			// The old site's natives had valid module names too (the builder refuses any other).
			old.add(new UpdateSiteBuilder.Entry("jars/" + p[1] + "/" + name, UpdateSiteBuilder.moduleNamed(new File(
				b.natives, name), p[1], dir.resolve("old-scratch").toFile()), p[1], null, List.of()));
		}
		UpdateSiteBuilder.write(site, old, TS1);
		final SiteDb db1 = SiteDb.read(new File(site, "db.xml.gz"));
		final List<File> fijis = new ArrayList<>();
		for (final String[] p : UpdateSiteBuilder.PLATFORMS) {
			final File fiji = fiji(dir.resolve("Fiji-" + p[1]));
			UpdaterPort.apply(site, db1, fiji, p[1]);
			fijis.add(fiji);
		}
		b.buildInto(site, TS2);
		final SiteDb db2 = SiteDb.read(new File(site, "db.xml.gz"));
		for (int i = 0; i < fijis.size(); i++) {
			final String plat = UpdateSiteBuilder.PLATFORMS[i][1];
			for (final UpdaterPort.LocalFile f : ofSite(UpdaterPort.scan(fijis.get(i), db2))) {
				assertFalse(f.status() == UpdaterPort.Status.MODIFIED || f.status() == UpdaterPort.Status.OBSOLETE_MODIFIED,
					plat + ": " + f.path());
			}
			UpdaterPort.apply(site, db2, fijis.get(i), plat);
			assertEquals(List.of("pytorch-native-cpu-2.7.1.jar"), List.of(new File(fijis.get(i), "jars/" + plat).list()),
				plat);
		}
	}
}
