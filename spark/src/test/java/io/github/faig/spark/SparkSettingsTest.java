package io.github.faig.spark;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

/** Master URLs that Spark would reject only after starting, with pages of stack traces, are refused in one line. */
class SparkSettingsTest {

	@Test
	void badMastersAreRefusedBeforeSparkStarts() {
		for (final String bad : new String[] { "foo", "local[0]", "local[abc]", "local[-1]", "local[99999999]",
			"spark://", "spark://host", "spark://host:0", "spark://host:abc", "spark://a:7077,b", "LOCAL[2]" })
		{
			final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkSettings
				.checkMaster(bad), bad);
			assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("expected local[N]"), e
				.getMessage());
			assertTrue(e.getMessage().lines().count() == 1);
		}
		for (final String good : new String[] { "", "local", "local[1]", "local[*]", "local[2,3]", "local[*,2]",
			"spark://host:7077", "spark://a:7077,b:7078", "local-cluster[2,1,1024]" })
		{
			assertDoesNotThrow(() -> SparkSettings.checkMaster(good), good);
		}
	}

	/** Spark's YARN and Kubernetes support are not on the runner's class path (spark-core only): one line, no start. */
	@Test
	void yarnAndKubernetesNeedSparkSubmitOnSuchACluster() {
		for (final String m : new String[] { "yarn", "k8s://https://api:6443" }) {
			final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkSettings
				.checkMaster(m), m);
			assertTrue(e.getMessage().contains("'" + m + "'") && e.getMessage().contains("spark-submit --master " + m),
				e.getMessage());
			assertTrue(e.getMessage().lines().count() == 1);
		}
		assertTrue(assertThrows(IllegalArgumentException.class, () -> SparkSettings.checkMaster("yarn")).getMessage()
			.contains("Hadoop/YARN"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> SparkSettings.checkMaster("mesos://h:5050"))
			.getMessage().contains("Mesos"));
	}

	@Test
	void anUnreachableStandaloneMasterIsRefusedInOneLine() throws Exception {
		final int port;
		try (ServerSocket s = new ServerSocket(0)) {
			port = s.getLocalPort(); // free once closed: nothing listens there
		}
		final IllegalStateException e = assertThrows(IllegalStateException.class, () -> SparkSettings.checkReachable(
			"spark://127.0.0.1:" + port, 2000));
		assertTrue(e.getMessage().contains("spark://127.0.0.1:" + port + " cannot be reached"), e.getMessage());
		try (ServerSocket s = new ServerSocket(0)) {
			assertDoesNotThrow(() -> SparkSettings.checkReachable("spark://127.0.0.1:" + s.getLocalPort(), 2000));
		}
	}
}
