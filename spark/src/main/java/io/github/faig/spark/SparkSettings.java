package io.github.faig.spark;

import org.apache.spark.SparkConf;

/**
 * The Spark settings of a FAIG run, each applied only where the user (or spark-submit) set nothing: the master and
 * name, one core per executor, the JVM options executors need, and the job jar for a remote cluster.
 */
public final class SparkSettings {

	/** The options Java 17 needs for Spark, in every JVM of a cluster. */
	public static final String ADD_OPENS = "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED " +
		"--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED " +
		"--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED " +
		"--add-opens=java.base/java.lang.invoke=ALL-UNNAMED";

	/** What executors need besides: offline DJL (the natives come in the job jar), one inter-op thread, no display. */
	public static final String EXECUTOR_OPTIONS = ADD_OPENS + " -Dai.djl.offline=true " +
		"-Dai.djl.pytorch.num_interop_threads=1 -Djava.awt.headless=true";

	/** System property naming the job jar that a remote cluster's executors load (set by ./faig). */
	public static final String JOB_JAR = "faig.spark.jobJar";

	private SparkSettings() {}

	/** Spark's own local masters: local, local[N], local[*], local[N,F], local[*,F]. */
	private static final java.util.regex.Pattern LOCAL = java.util.regex.Pattern.compile(
		"local(\\[(\\*|\\d+)(,\\d+)?\\])?");

	/** What --spark takes, for messages. */
	static final String EXPECTED = "expected local[N] (N >= 1), local[*] or spark://host:port (yarn and " +
		"k8s://host:port only under spark-submit on such a cluster)";

	/**
	 * The cluster managers Spark finds on the class path (its ExternalClusterManager implementations): the runner
	 * ./faig starts holds neither (spark-core only), spark-submit on a YARN or Kubernetes cluster brings its own.
	 */
	private static final java.util.Map<String, String> CLUSTER_MANAGERS = java.util.Map.of("yarn",
		"org.apache.spark.scheduler.cluster.YarnClusterManager", "k8s",
		"org.apache.spark.scheduler.cluster.k8s.KubernetesClusterManager");

	/**
	 * Refuses a master URL Spark would only reject after starting (with pages of stack traces), in one line: an
	 * unknown scheme, {@code local[0]}, {@code local[abc]}, a {@code spark://} URL without host and port. Empty is
	 * allowed (spark-submit configured one).
	 */
	public static void checkMaster(final String master) {
		if (master.isEmpty() || master.startsWith("local-cluster[")) return;
		final String named = "--spark MASTER '" + io.github.faig.workflow.Quoted.of(master) + "'";
		if (master.equals("yarn") || master.startsWith("k8s://")) {
			final String kind = master.equals("yarn") ? "yarn" : "k8s";
			if (onClassPath(CLUSTER_MANAGERS.get(kind))) return;
			throw new IllegalArgumentException(named + " needs Spark's " + (kind.equals("yarn") ? "YARN support " +
				"(spark-yarn) and a Hadoop/YARN setup (HADOOP_CONF_DIR)" : "Kubernetes support (spark-kubernetes)") +
				", which ./faig's Spark runner does not include: submit spark/target/faig-spark-job.jar with " +
				"spark-submit --master " + master + " (README: Running on a cluster), or give local[N], local[*] or " +
				"spark://host:port");
		}
		if (master.startsWith("mesos://")) {
			throw new IllegalArgumentException(named + ": Spark 4 no longer runs on Mesos; " + EXPECTED);
		}
		final java.util.regex.Matcher m = LOCAL.matcher(master);
		if (m.matches()) {
			if (m.group(2) != null && !m.group(2).equals("*") && (m.group(2).length() > 6 || Integer.parseInt(m
				.group(2)) < 1)) {
				throw new IllegalArgumentException(named + " asks for " + m.group(2) + " threads: " + EXPECTED);
			}
			return;
		}
		if (master.startsWith("spark://")) {
			for (final String hp : master.substring("spark://".length()).split(",", -1)) {
				final int colon = hp.lastIndexOf(':');
				final String port = colon > 0 ? hp.substring(colon + 1) : "";
				if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
					throw new IllegalArgumentException(named + " names no host:port ('" + hp + "'): " + EXPECTED);
				}
			}
			return;
		}
		throw new IllegalArgumentException(named + " is not a Spark master URL: " + EXPECTED);
	}

	private static boolean onClassPath(final String className) {
		try {
			Class.forName(className, false, SparkSettings.class.getClassLoader());
			return true;
		}
		catch (final ClassNotFoundException | LinkageError e) {
			return false;
		}
	}

	/**
	 * Refuses a standalone master ({@code spark://host:port}) none of whose addresses answers, in one line, before
	 * Spark starts: Spark itself would retry for a minute and then fail with stack traces.
	 */
	static void checkReachable(final String master, final int timeoutMs) {
		if (!master.startsWith("spark://")) return;
		String why = null;
		for (final String hp : master.substring("spark://".length()).split(",")) {
			final int colon = hp.lastIndexOf(':');
			try (java.net.Socket s = new java.net.Socket()) {
				s.connect(new java.net.InetSocketAddress(hp.substring(0, colon), Integer.parseInt(hp.substring(colon +
					1))), timeoutMs);
				return;
			}
			catch (final java.io.IOException e) {
				why = e instanceof java.net.UnknownHostException ? "unknown host " + hp.substring(0, colon) : e
					.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
			}
		}
		throw new IllegalStateException("the Spark master " + master + " cannot be reached (" + why + "): is the master " +
			"running, and are host and port right?");
	}

	/**
	 * {@code conf} completed for a FAIG run.
	 * <ul>
	 * <li>{@code spark.executor.cores=1}: one FAIG attribution runs at a time in a JVM (the single gradient
	 * collector), so a second core in one executor would only wait; parallelism comes from more executors. Each
	 * executor's PyTorch still uses its threads for the convolutions.</li>
	 * <li>{@code spark.ui.enabled=false} under a {@code local} master (nothing to watch in a one-JVM run).</li>
	 * </ul>
	 *
	 * @param master the master URL, or empty to keep the configured one
	 */
	public static SparkConf conf(final SparkConf conf, final String master, final String appName) {
		if (!master.isEmpty()) conf.setMaster(master);
		if (!conf.contains("spark.master")) {
			throw new IllegalArgumentException("no Spark master: give one with --spark MASTER (local[2], " +
				"spark://host:7077)");
		}
		if (!conf.contains("spark.app.name")) conf.setAppName(appName);
		conf.setIfMissing("spark.executor.cores", "1");
		conf.setIfMissing("spark.executor.extraJavaOptions", EXECUTOR_OPTIONS);
		final boolean local = conf.get("spark.master").startsWith("local");
		if (local) conf.setIfMissing("spark.ui.enabled", "false");
		final String jar = System.getProperty(JOB_JAR, "");
		if (!local && !jar.isEmpty() && !conf.contains("spark.jars")) conf.setJars(new String[] { jar });
		return conf;
	}
}
