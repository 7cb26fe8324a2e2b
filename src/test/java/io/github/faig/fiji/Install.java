package io.github.faig.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
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
			final Path root = Files.createTempDirectory("faig-fiji-it-site-");
			if (!Fiji.keep()) Runtime.getRuntime().addShutdownHook(new Thread(() -> { // shared by the classes: at the end
				try {
					Fiji.deleteTree(root);
				}
				catch (final IOException e) {
					System.err.println("could not delete " + root + ": " + e);
				}
			}));
			build(root.resolve("site"), null);
			site = root.resolve("site");
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
		mavenOptions(pb);
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
	 * The README's by-hand install ({@code scripts/install-in-fiji.sh FIJI_DIR linux64}: the site's files without the
	 * updater), for a Fiji whose updater cannot be used ({@code FAIG_FIJI_INSTALL=by-hand}).
	 */
	static void byHand(final Fiji.App app) throws IOException, InterruptedException {
		final ProcessBuilder pb = new ProcessBuilder("bash", "scripts/install-in-fiji.sh", app.dir.toString(),
			"linux64").directory(Fiji.repo().toFile());
		mavenOptions(pb);
		Fiji.run(pb, Duration.ofMinutes(10), Fiji.artifacts("fiji-it-logs").resolve(app.name), "install-in-fiji")
			.ok();
		assertEquals(1, pluginJars(app).size(), "plugin jars after install-in-fiji: " + pluginJars(app));
	}

	/** Maven options of the outer build (say -o, as -Dfaig.mvn.opts) reach the scripts' Maven via FAIG_MVN_OPTS. */
	static void mavenOptions(final ProcessBuilder pb) {
		final String opts = System.getProperty("faig.mvn.opts");
		if (opts != null && !opts.isBlank() && pb.environment().get("FAIG_MVN_OPTS") == null)
			pb.environment().put("FAIG_MVN_OPTS", opts);
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
