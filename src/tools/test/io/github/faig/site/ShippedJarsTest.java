package io.github.faig.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The real decision for every runtime jar of this build, against the real pom-scijava (the parent POM, which Maven
 * has in its local repository whenever the project builds), and the list in update-site/README.md.
 */
class ShippedJarsTest {

	/** The runtime class path Maven writes for the launcher (generate-resources, so before the tests). */
	static List<File> runtimeJars() throws Exception {
		final String cp = Files.readString(new File("target/classpath.txt").toPath()).trim();
		final List<File> out = new ArrayList<>();
		for (final String s : cp.split(File.pathSeparator)) if (s.endsWith(".jar")) out.add(new File(s));
		return out;
	}

	static File pomScijava(final List<File> jars) throws Exception {
		final String pom = Files.readString(new File("pom.xml").toPath());
		final String parent = pom.substring(pom.indexOf("<parent>"), pom.indexOf("</parent>"));
		final String version = parent.replaceAll("(?s).*<version>([^<]+)</version>.*", "$1");
		for (final File j : jars) {
			// <repo>/org/scijava/scijava-common/<v>/scijava-common-<v>.jar → <repo>
			if (j.getName().startsWith("scijava-common-")) {
				final File repo = j.getParentFile().getParentFile().getParentFile().getParentFile().getParentFile();
				return new File(repo, "org/scijava/pom-scijava/" + version + "/pom-scijava-" + version + ".pom");
			}
		}
		throw new AssertionError("scijava-common not on the runtime class path");
	}

	@Test
	void everyRuntimeJarIsDecidedAndListed() throws Exception {
		final List<File> jars = runtimeJars();
		final ShippedJars policy = ShippedJars.fromManagedPom(pomScijava(jars));
		assertTrue(policy.managedCount() > 100, "pom-scijava manages hundreds of artifacts: " + policy.managedCount());
		final String readme = Files.readString(new File("update-site/README.md").toPath());
		int shipped = 0;
		for (final File j : jars) {
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
		assertTrue(readme.contains(policy.source()), "README names the stand-in for Fiji's list: " + policy.source());
	}
}
