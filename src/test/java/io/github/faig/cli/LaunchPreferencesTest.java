package io.github.faig.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;
import java.util.stream.Stream;

import java.util.prefs.Preferences;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import io.github.faig.ij.ImageFiles;

class LaunchPreferencesTest {

	@Test
	void nodesKeepValuesAndChildrenForTheLaunch() throws BackingStoreException {
		final Preferences root = new LaunchPreferences().userRoot();
		final Preferences node = root.node("org/scijava/module/FAIG Compute Filters");
		node.put("steps", "100");
		node.putInt("patch", 64);
		assertEquals("100", node.get("steps", null));
		assertEquals(64, node.getInt("patch", -1));
		assertArrayEquals(new String[] { "patch", "steps" }, node.keys());
		// The same path gives the same node, through a fresh factory too (one store per JVM, like the JDK's).
		assertEquals("100", new LaunchPreferences().userRoot().node("org/scijava/module/FAIG Compute Filters")
			.get("steps", null));
		assertTrue(root.nodeExists("org/scijava/module"));

		node.remove("steps");
		assertNull(node.get("steps", null));
		node.flush(); // nothing to write, and no error
		node.sync();
		node.removeNode();
		assertFalse(root.nodeExists("org/scijava/module/FAIG Compute Filters"));
		assertTrue(root.nodeExists("org/scijava/module"));
	}

	@Test
	void userAndSystemRootsAreSeparate() {
		final LaunchPreferences factory = new LaunchPreferences();
		factory.userRoot().put("only-user", "1");
		assertNull(factory.systemRoot().get("only-user", null));
		factory.userRoot().remove("only-user");
	}

	/**
	 * A launch in a JVM of its own, as {@code ./faig} starts one, with a home that holds Fiji's recent-files
	 * preferences: the file stays byte-identical, and nothing else appears under the home. (Synthesize once emptied
	 * that file: the JDK's file-backed factory was chosen before the launcher's was set.)
	 */
	@Test
	void aLaunchLeavesTheUsersPreferencesAlone(@TempDir final Path work) throws Exception {
		final Path home = Files.createDirectories(work.resolve("home"));
		final Path recent = Files.createDirectories(home.resolve(
			".java/.userPrefs/org/scijava/io/RecentFileService/recentfiles")).resolve("prefs.xml");
		Files.writeString(recent, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<!DOCTYPE map SYSTEM " +
			"\"http://java.sun.com/dtd/preferences.dtd\">\n<map MAP_XML_VERSION=\"1.0\">\n  <entry key=\"0\" value=" +
			"\"/data/cells.tif\"/>\n</map>\n");
		final ColorProcessor cp = new ColorProcessor(40, 40);
		for (int i = 0; i < 1600; i++) cp.set(i % 40, i / 40, i * 97);
		ImageFiles.save(new ImagePlus("in", cp), work.resolve("in.png").toFile());
		final Map<String, String> before = tree(home);
		final Process p = new ProcessBuilder(new File(System.getProperty("java.home"), "bin/java").getPath(),
			"-Duser.home=" + home, "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
			FaigMain.class.getName(), "--run", "FAIG Synthesize Degradations", "input_file='" + work.resolve("in.png") +
				"',output_dir='" + work + "'").redirectErrorStream(true).start();
		final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(120, TimeUnit.SECONDS));
		assertEquals(0, p.exitValue(), out);
		assertTrue(Files.isRegularFile(work.resolve("in_degraded.tif")), out);
		assertFalse(out.contains("prefs"), "no preference warnings: " + out);
		assertEquals(before, tree(home), "the home is as it was, byte for byte");
	}

	/** Every file under {@code dir} with its contents. */
	private static Map<String, String> tree(final Path dir) throws IOException {
		final Map<String, String> out = new TreeMap<>();
		try (Stream<Path> s = Files.walk(dir)) {
			for (final Path p : (Iterable<Path>) s::iterator) {
				out.put(dir.relativize(p).toString(), Files.isRegularFile(p) ? Files.readString(p) : "dir");
			}
		}
		return out;
	}
}
