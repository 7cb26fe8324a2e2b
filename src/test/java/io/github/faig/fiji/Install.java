package io.github.faig.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Installs the plugin into a temporary Fiji copy as a user does: from the update site that
 * {@code scripts/build-update-site.sh} builds (linux64 only, for speed), through Fiji's own command-line updater.
 * The site is built once per test JVM; the upgrade test builds a second one on top of a copy of it.
 */
final class Install {

	private static Path site;
	private static String siteVersion;

	private Install() {}

	/** The update site of this build (the project's version), built once. */
	static synchronized Path site() throws IOException, InterruptedException {
		if (site == null) {
			final Path dir = Files.createTempDirectory("faig-fiji-it-site-").resolve("site");
			build(dir, null);
			site = dir;
		}
		return site;
	}

	/**
	 * Builds the site into DIR (on top of what is there) with scripts/build-update-site.sh, for linux64 only; a
	 * non-null version is given as FAIG_VERSION (a release of that version).
	 */
	static void build(final Path dir, final String version) throws IOException, InterruptedException {
		final ProcessBuilder pb = new ProcessBuilder("bash", "scripts/build-update-site.sh", dir.toString())
			.directory(Fiji.repo().toFile());
		final Map<String, String> env = pb.environment();
		env.put("FAIG_SITE_PLATFORMS", "linux64");
		if (version != null) env.put("FAIG_VERSION", version);
		else env.remove("FAIG_VERSION");
		// Maven options of the outer build (say -o) reach the site build's Maven through FAIG_MVN_OPTS.
		if (System.getProperty("faig.mvn.opts") != null && env.get("FAIG_MVN_OPTS") == null)
			env.put("FAIG_MVN_OPTS", System.getProperty("faig.mvn.opts"));
		Fiji.run(pb, Duration.ofMinutes(10), Fiji.artifacts("fiji-it-logs").resolve("site-build"),
			version == null ? "first" : version).ok();
		assertTrue(Files.isRegularFile(dir.resolve("db.xml.gz")), "no db.xml.gz in " + dir);
	}

	/** Adds the site to the copy under the name FAIG and updates: what Help > Update does. */
	static void fromSite(final Fiji.App app, final Path siteDir) throws IOException, InterruptedException {
		final Duration t = Duration.ofMinutes(5);
		final String url = siteDir.toUri().toString().replaceFirst("/?$", "/");
		final List<String> sites = List.of(app.run(app.dir, t, "--update", "list-update-sites").ok().out().split("\n"));
		final String verb = sites.stream().anyMatch(l -> l.trim().startsWith("FAIG")) ? "edit-update-site" :
			"add-update-site";
		app.run(app.dir, t, "--update", verb, "FAIG", url).ok();
		app.run(app.dir, t, "--update", "update").ok();
		assertEquals(1, pluginJars(app).size(), "plugin jars after the update: " + pluginJars(app));
	}

	/** Installs from this build's site (built once). */
	static void fromSite(final Fiji.App app) throws IOException, InterruptedException {
		if ("by-hand".equals(Fiji.setting("faig.fiji.install", "FAIG_FIJI_INSTALL"))) byHand(app);
		else fromSite(app, site());
	}

	/** The installed plugin jars, jars/faig-fiji-*.jar. */
	static List<Path> pluginJars(final Fiji.App app) throws IOException {
		try (Stream<Path> s = Files.list(app.dir.resolve("jars"))) {
			return s.filter(p -> p.getFileName().toString().matches("faig-fiji-.*\\.jar")).sorted().toList();
		}
	}

	/** The installed plugin's version, from its jar's name. */
	static String installedVersion(final Fiji.App app) throws IOException {
		final List<Path> jars = pluginJars(app);
		assertEquals(1, jars.size(), "plugin jars: " + jars);
		return jars.get(0).getFileName().toString().replaceFirst("^faig-fiji-", "").replaceFirst("\\.jar$", "");
	}

	/**
	 * The README's by-hand steps (for a Fiji where the updater cannot be used; -Dfaig.fiji.install=by-hand): the
	 * plugin jar, the third-party jars the site ships, the linux64 native under the site's name, models and macros.
	 */
	static void byHand(final Fiji.App app) throws IOException {
		final Path jars = app.dir.resolve("jars");
		Files.copy(Fiji.pluginJar(), jars.resolve(Fiji.pluginJar().getFileName()), StandardCopyOption.REPLACE_EXISTING);
		final List<String> wanted = List.of("api-0.35.1", "pytorch-engine-0.35.1", "pytorch-jni-2.7.1-0.35.1",
			"pickle-1.5", "ejml-core-0.41", "ejml-ddense-0.41");
		final List<String> found = new ArrayList<>();
		for (final String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
			final String n = Paths.get(e).getFileName().toString();
			if (wanted.contains(n.replaceFirst("\\.jar$", "")) && !Files.exists(jars.resolve(n))) {
				Files.copy(Paths.get(e), jars.resolve(n));
				found.add(n);
			}
			if (n.startsWith("pytorch-native-cpu-") && n.endsWith("-linux-x86_64.jar"))
				Files.copy(Paths.get(e), jars.resolve("linux64/pytorch-native-cpu-2.7.1.jar"),
					StandardCopyOption.REPLACE_EXISTING);
		}
		copyTree(Fiji.repo().resolve("sample-models"), app.dir.resolve("models/faig"));
		copyTree(Fiji.repo().resolve("macros"), app.dir.resolve("scripts/Plugins/FAIG/Macros"));
	}

	static void copyTree(final Path from, final Path to) throws IOException {
		try (Stream<Path> s = Files.walk(from)) {
			for (final Path p : (Iterable<Path>) s::iterator) {
				final Path t = to.resolve(from.relativize(p).toString());
				if (Files.isDirectory(p)) Files.createDirectories(t);
				else Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}
}
