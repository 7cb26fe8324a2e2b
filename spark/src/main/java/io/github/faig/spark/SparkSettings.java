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
