package io.github.faig.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The real decision for every runtime jar of this build, against the project's list of the jars Fiji ships
 * (update-site/fiji-jars.txt) and the list in update-site/README.md; and, when a real Fiji is given
 * as the Fiji integration suite is given one ({@code -Dfaig.fiji=<Fiji.app>} or the environment variable
 * {@code FAIG_FIJI}, which {@code .ci/run} sets), that list against that Fiji's own jars/.
 */
class ShippedJarsTest {

	/** The runtime class path Maven writes for the launcher (generate-resources, so before the tests). */
	static List<File> runtimeJars() throws Exception {
		final String cp = Files.readString(new File("target/classpath.txt").toPath()).trim();
		final List<File> out = new ArrayList<>();
		for (final String s : cp.split(File.pathSeparator)) if (s.endsWith(".jar")) out.add(new File(s));
		return out;
	}

	static final File LIST = new File("update-site/fiji-jars.txt");

	@Test
	void everyRuntimeJarIsDecidedAndListed() throws Exception {
		final ShippedJars policy = ShippedJars.fromFijiJars(LIST);
		assertTrue(policy.fijiCount() > 60, "Fiji ships dozens of jars: " + policy.fijiCount());
		final String readme = Files.readString(new File("update-site/README.md").toPath());
		int shipped = 0;
		for (final File j : runtimeJars()) {
			if (j.getName().startsWith("pytorch-native-")) continue; // natives: per platform, listed separately
			final ShippedJars.Decision d = policy.decide(j); // throws for an unreviewed jar
			assertTrue(readme.contains(d.jar().getName()), "update-site/README.md does not list " + d.jar().getName() +
				" (" + (d.ship() ? "shipped" : "left to Fiji") + ")");
			if (d.ship()) shipped++;
			// Fiji's own libraries never go on the site.
			if (d.artifactId().equals("gson") || d.artifactId().startsWith("slf4j") || d.artifactId().startsWith("jna") ||
				d.artifactId().equals("ij") || d.artifactId().startsWith("scijava-common")) assertFalse(d.ship(), d
					.coordinates());
		}
		assertEquals(ShippedJars.SHIPPED.size(), shipped, "every reviewed jar is a runtime dependency");
		for (final String ga : ShippedJars.SHIPPED.keySet()) assertTrue(readme.contains(ga), "README lacks " + ga);
		assertTrue(readme.contains("fiji-jars.txt"), "README names the list of Fiji's jars");
		// A jar the site ships is not one Fiji ships: two sites would fight over one file.
		for (final File j : runtimeJars()) {
			if (j.getName().startsWith("pytorch-native-")) continue;
			final ShippedJars.Decision d = policy.decide(j);
			if (d.ship()) assertEquals(null, policy.inFiji(j.getName()), j.getName());
		}
	}

	@Test
	void listMatchesARealFiji() throws Exception {
		final String app = System.getProperty("faig.fiji", System.getenv("FAIG_FIJI"));
		Assumptions.assumeTrue(app != null && !app.isEmpty(), "no real Fiji given (-Dfaig.fiji or FAIG_FIJI): " +
			"update-site/fiji-jars.txt not compared with one");
		final ShippedJars real = ShippedJars.fromFijiJars(new File(app));
		final List<String> missing = new ArrayList<>();
		for (final String jar : ShippedJars.fromFijiJars(LIST).fijiJars()) {
			if (real.inFiji(jar) == null) missing.add(jar);
		}
		assertEquals(List.of(), missing, "listed as shipped by Fiji but not in " + app + "/jars");
	}
}
