package io.github.faig.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fiji's own updater with the site that {@code scripts/build-update-site.sh} builds (linux64 only): add the site,
 * update, start Fiji (module path on) and run About; build a second site with a higher version on top of a copy of
 * the first, update: the plugin jar is replaced in place (exactly one {@code jars/faig-fiji-*.jar}, no file twice)
 * and About names the new version; then uninstall as the updater does (deactivate the site, update) and check what
 * is left.
 */
@ExtendWith(FijiGiven.class)
class UpdaterIT {

	static final Duration T = Duration.ofMinutes(5);

	@Test
	void installUpgradeUninstall() throws Exception {
		final Fiji.App app = Fiji.copy("updater");
		Path second = null;
		try {
			final Map<String, Long> before = sizes(app.dir);
			final Path first = Install.site();
			Install.fromSite(app, first);
			final String v1 = Install.installedVersion(app);
			assertEquals(Fiji.pluginJar().getFileName().toString(), "faig-fiji-" + v1 + ".jar",
				"the site installs this build's jar");
			assertTrue(Files.isRegularFile(app.dir.resolve("jars/linux64/pytorch-native-cpu-2.7.1.jar")),
				"the linux64 native");
			for (final String other : List.of("linux-arm64", "macos-arm64", "win64"))
				assertTrue(Fiji.files(app.dir.resolve("jars").resolve(other)).isEmpty(), "no " + other + " natives");
			assertTrue(Files.isDirectory(app.dir.resolve("models/faig/srcnn-x2-target")), "the sample models");
			about(app, v1);

			// a second build with a higher version, on top of a copy of the published site
			final String v2 = higher(v1);
			second = Files.createTempDirectory("faig-fiji-it-site2-").resolve("site");
			Install.copyTree(first, second);
			Install.build(second, v2);
			Install.fromSite(app, second);
			assertEquals(List.of(app.dir.resolve("jars/faig-fiji-" + v2 + ".jar")), Install.pluginJars(app),
				"exactly one plugin jar after the upgrade");
			assertNothingTwice(app);
			about(app, v2);
			final Fiji.Result modified = app.run(app.dir, T, "--update", "list-modified").ok();
			assertFalse(modified.out().contains("faig") || modified.out().contains("FAIG"),
				"nothing of the site reads as locally modified:\n" + modified.out());

			// uninstall: deactivate the site and update, as Manage update sites does
			app.run(app.dir, T, "--update", "deactivate-update-site", "FAIG").ok();
			app.run(app.dir, T, "--update", "update").ok();
			final Map<String, Long> after = sizes(app.dir);
			final List<String> left = new ArrayList<>();
			for (final String f : after.keySet())
				if (!before.containsKey(f)) left.add(f);
			Files.writeString(Fiji.artifacts("fiji-it-logs").resolve("uninstall-left.txt"), String.join("\n", left) +
				"\n");
			assertTrue(Install.pluginJars(app).isEmpty(), "the plugin jar is removed: " + Install.pluginJars(app));
			assertTrue(left.stream().noneMatch(f -> f.startsWith("jars/") && f.endsWith(".jar")),
				"no jar of the site is left: " + left);
			assertTrue(left.stream().noneMatch(f -> f.startsWith("models/") || f.startsWith("scripts/") || f
				.startsWith("images/")), "no file of the site is left: " + left);
			final Fiji.Result gone = app.run(app.dir, T, "--headless", "--run", "FAIG About", "");
			assertFalse(gone.out().contains("FAIG for Fiji"), "About still runs after uninstalling:\n" + gone.out());
		}
		finally {
			Fiji.checkGivenUnchanged();
			if (!Fiji.keep()) {
				Fiji.deleteTree(app.root);
				if (second != null) Fiji.deleteTree(second.getParent());
			}
		}
	}

	/** About, headless, names the installed version; Fiji starts with the module path on. */
	static void about(final Fiji.App app, final String version) throws Exception {
		final Fiji.Result r = app.run(app.dir, T, "--headless", "--run", "FAIG About", "").ok();
		// the version, then the end of the line or a build suffix (a SNAPSHOT names its commit: -<hash>)
		assertTrue(Pattern.compile("FAIG for Fiji " + Pattern.quote(version) + "(-[0-9a-f]+)?\\s*$", Pattern.MULTILINE)
			.matcher(r.out()).find(), "About names " + version + ":\n" + r.out());
	}

	/** No file installed twice under two versions: names with their version stripped, as the updater compares. */
	static void assertNothingTwice(final Fiji.App app) throws IOException {
		final Map<String, String> seen = new TreeMap<>();
		for (final String f : Fiji.files(app.dir.resolve("jars")).keySet()) {
			final String bare = f.replaceFirst("-[0-9][0-9A-Za-z.+_-]*\\.jar$", ".jar");
			final String earlier = seen.put(bare, f);
			assertTrue(earlier == null, "installed twice: " + earlier + " and " + f);
		}
	}

	/** A release version above the given one: 0.1.0-SNAPSHOT gives 0.1.1, 1.2.3 gives 1.2.4. */
	static String higher(final String v) {
		final String[] p = v.replaceFirst("-.*$", "").split("\\.");
		p[p.length - 1] = Integer.toString(Integer.parseInt(p[p.length - 1]) + 1);
		return String.join(".", p);
	}

	static Map<String, Long> sizes(final Path dir) throws IOException {
		final Map<String, Long> m = new TreeMap<>();
		for (final Map.Entry<String, Path> e : Fiji.files(dir).entrySet())
			m.put(e.getKey(), Files.size(e.getValue()));
		return m;
	}
}
