package io.github.faig.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The by-hand install (scripts/install-in-fiji.sh) with small stand-in jars: it writes exactly the site's files
 * of its platform (same paths, same bytes), upgrades its own earlier install, and refuses, writing nothing, when a
 * file it did not install is in the way.
 */
class FijiInstallTest {

	static List<UpdateSiteBuilder.Entry> entries(final UpgradeTest.Build b) throws Exception {
		final List<UpdateSiteBuilder.Entry> e = UpdateSiteBuilder.entries(b.project, ShippedJars.fromFijiJars(
			UpdateSiteTest.fijiJars(b.root)).decideAll(b.runtime), b.natives, b.models, UpdateSiteBuilder.allPlatforms(),
			b.root.resolve("scratch").toFile());
		UpdateSiteBuilder.addFolder(e, b.macros, "scripts/Plugins/FAIG/Macros");
		UpdateSiteBuilder.addFolder(e, b.samples, "images/faig-samples");
		return e;
	}

	/** Every file under {@code dir}, relative, hidden ones aside. */
	static List<String> files(final File dir) throws IOException {
		final List<String> out = new ArrayList<>();
		try (Stream<Path> s = Files.walk(dir.toPath())) {
			s.filter(Files::isRegularFile).forEach(p -> {
				final String rel = dir.toPath().relativize(p).toString().replace(File.separatorChar, '/');
				if (!rel.startsWith(".")) out.add(rel);
			});
		}
		out.sort(null);
		return out;
	}

	@Test
	void installsTheSiteFilesOfItsPlatform(@TempDir final Path dir) throws Exception {
		final UpgradeTest.Build b = new UpgradeTest.Build(dir.resolve("v1"), "0.1.0", "faig v1", "2.7.1", "w1", true);
		final File site = dir.resolve("site").toFile();
		b.buildInto(site, UpgradeTest.TS1);
		final SiteDb db = SiteDb.read(new File(site, "db.xml.gz"));
		final File byHand = UpgradeTest.fiji(dir.resolve("byHand")), byUpdater = UpgradeTest.fiji(dir.resolve(
			"byUpdater"));
		final FijiInstall.Result r = FijiInstall.install(byHand, entries(b), "linux64");
		assertEquals(0, r.same() + r.removed());
		UpdaterPort.apply(site, db, byUpdater, "linux64");
		assertEquals(files(byUpdater), files(byHand));
		for (final String f : files(byHand)) {
			assertArrayEquals(Files.readAllBytes(byUpdater.toPath().resolve(f)), Files.readAllBytes(byHand.toPath()
				.resolve(f)), f);
		}
		assertNull(ModuleNames.problem(byHand.toPath().resolve("jars/linux64/pytorch-native-cpu-2.7.1.jar")));
		assertFalse(new File(byHand, "jars/win64").exists());
		// The updater then sees every file as installed from the site.
		for (final UpdaterPort.LocalFile f : UpgradeTest.ofSite(UpdaterPort.scan(byHand, db))) {
			assertEquals(UpdaterPort.Status.INSTALLED, f.status(), f.path());
		}
		// Again: nothing to do.
		assertEquals(new FijiInstall.Result(0, r.written(), 0), FijiInstall.install(byHand, entries(b), "linux64"));
	}

	@Test
	void upgradesItsOwnInstallAndLeavesOthersAlone(@TempDir final Path dir) throws Exception {
		final File fiji = UpgradeTest.fiji(dir.resolve("Fiji.app"));
		FijiInstall.install(fiji, entries(new UpgradeTest.Build(dir.resolve("v1"), "0.1.0", "faig v1", "2.7.1", "w1",
			true)), "linux64");
		final List<UpdateSiteBuilder.Entry> v2 = entries(new UpgradeTest.Build(dir.resolve("v2"), "0.2.0", "faig v2",
			"2.7.1", "w2", false));
		final FijiInstall.Result r = FijiInstall.install(fiji, v2, "linux64");
		// New plugin jar and weights written; the old jar and the dropped filter set removed.
		assertEquals(2, r.written());
		assertEquals(2, r.removed());
		assertFalse(new File(fiji, "jars/faig-fiji-0.1.0.jar").exists());
		assertTrue(new File(fiji, "jars/faig-fiji-0.2.0.jar").isFile());
		assertFalse(new File(fiji, "models/faig/filter-sets-old/filters.json").exists());
		assertTrue(new File(fiji, "jars/ij-1.54p.jar").isFile(), "Fiji's own files are untouched");

		// A file the script did not write (here: a macro the user edited) stops the next install, which writes nothing.
		final Path macro = fiji.toPath().resolve("scripts/Plugins/FAIG/Macros/faig_degrade_folder.ijm");
		Files.writeString(macro, "print(\"mine\");\n");
		final byte[] record = Files.readAllBytes(fiji.toPath().resolve(FijiInstall.RECORD));
		final List<UpdateSiteBuilder.Entry> v3 = entries(new UpgradeTest.Build(dir.resolve("v3"), "0.3.0", "faig v3",
			"2.7.1", "w3", false));
		final IOException e = assertThrows(IOException.class, () -> FijiInstall.install(fiji, v3, "linux64"));
		assertTrue(e.getMessage().contains(macro + " would be replaced") && e.getMessage().contains("changed since"), e
			.getMessage());
		assertTrue(new File(fiji, "jars/faig-fiji-0.2.0.jar").isFile());
		assertFalse(new File(fiji, "jars/faig-fiji-0.3.0.jar").exists());
		assertArrayEquals(record, Files.readAllBytes(fiji.toPath().resolve(FijiInstall.RECORD)));
		assertEquals("print(\"mine\");\n", Files.readString(macro));

		// An earlier plugin jar it did not install (the updater's, say) is never deleted.
		final File other = UpgradeTest.fiji(dir.resolve("Other.app"));
		UpdateSiteTest.mavenJar(other.toPath().resolve("jars"), "io.github.faig", "faig-fiji", "0.0.9", "old");
		final IOException e2 = assertThrows(IOException.class, () -> FijiInstall.install(other, v3, "linux64"));
		assertTrue(e2.getMessage().contains("faig-fiji-0.0.9.jar is another version of jars/faig-fiji-0.3.0.jar"), e2
			.getMessage());
		assertEquals(List.of("jars/faig-fiji-0.0.9.jar", "jars/gson-2.10.1.jar", "jars/ij-1.54p.jar"), files(other));
	}

	@Test
	void commandLineRefusals(@TempDir final Path dir) throws Exception {
		final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		final PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8), e = new PrintStream(err, true,
			StandardCharsets.UTF_8);
		assertEquals(2, FijiInstall.run(o, e, "a", "b", "c", "d", "e", "--fiji-jars", "x", "--scratch", "s",
			"--platforms", "linux64,win64"));
		assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("install-in-fiji: one platform, not linux64,win64"));
		err.reset();
		assertEquals(2, FijiInstall.run(o, e, "a", "b", "c", "d", "e", "--fiji-jars", "x", "--scratch", "s",
			"--platforms", "linux32"));
		assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("install-in-fiji: unknown platform 'linux32'"), err
			.toString(StandardCharsets.UTF_8));
		err.reset();
		assertEquals(1, FijiInstall.run(o, e, dir.toString(), "b", "c", "d", "e", "--fiji-jars", "x", "--scratch", "s",
			"--platforms", "linux64"));
		assertEquals("install-in-fiji failed: " + dir + " is not a Fiji.app folder (it has no jars/ folder)\n", err
			.toString(StandardCharsets.UTF_8));
	}
}
