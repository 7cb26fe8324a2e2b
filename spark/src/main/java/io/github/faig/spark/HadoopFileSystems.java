package io.github.faig.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;

import io.github.faig.io.UriFileSystem;
import scala.Tuple2;

/**
 * The image inputs of a cluster run read from any filesystem Hadoop reads ({@code hdfs://}, and {@code s3a://},
 * {@code abfs://}, ... where the cluster has their modules), on the driver (listing, the images it reads itself)
 * and on the executors (each its own files). Hadoop is configured as Spark configures it: its own files
 * ({@code core-site.xml}, {@code hdfs-site.xml} on the class path or in {@code HADOOP_CONF_DIR}), then every
 * {@code spark.hadoop.*} property without that prefix.
 */
public final class HadoopFileSystems implements UriFileSystem {

	private static Configuration conf;

	/** Hadoop's settings for this JVM, read once (from the running Spark's properties, or those it will start with). */
	static synchronized Configuration conf() {
		if (conf == null) {
			final Configuration c = new Configuration();
			final SparkEnv env = SparkEnv.get();
			final SparkConf spark = env != null ? env.conf() : new SparkConf();
			for (final Tuple2<String, String> kv : spark.getAll()) {
				if (kv._1().startsWith("spark.hadoop.")) c.set(kv._1().substring("spark.hadoop.".length()), kv._2());
			}
			conf = c;
		}
		return conf;
	}

	@Override
	public boolean reads(final URI uri) {
		if (uri.getScheme() == null || uri.getScheme().toLowerCase(Locale.ROOT).equals("file")) return false;
		try {
			return FileSystem.getFileSystemClass(uri.getScheme(), conf()) != null;
		}
		catch (final IOException | RuntimeException e) {
			// no filesystem for this scheme, or one Hadoop names (s3a://) whose module is not on the class path
			return false;
		}
	}

	private static FileSystem fs(final URI uri) throws IOException {
		try {
			return FileSystem.get(uri, conf()); // Hadoop keeps one per scheme and authority: never closed here
		}
		catch (final IllegalArgumentException e) {
			// how Hadoop says that the namenode's host is unknown
			final Throwable c = e.getCause();
			throw new IOException(c instanceof java.net.UnknownHostException ? "unknown host " + c.getMessage() : String
				.valueOf(e.getMessage()), e);
		}
	}

	@Override
	public Kind kind(final URI uri) throws IOException {
		final FileStatus s;
		try {
			s = fs(uri).getFileStatus(new Path(uri));
		}
		catch (final FileNotFoundException e) {
			return null;
		}
		return s.isDirectory() ? Kind.FOLDER : s.isFile() ? Kind.FILE : null;
	}

	@Override
	public List<URI> files(final URI folder) throws IOException {
		final List<URI> out = new ArrayList<>();
		for (final FileStatus s : fs(folder).listStatus(new Path(folder))) {
			if (s.isFile()) out.add(s.getPath().toUri());
		}
		return out;
	}

	@Override
	public void copy(final URI file, final java.nio.file.Path to) throws IOException {
		try (InputStream in = fs(file).open(new Path(file))) {
			Files.copy(in, to);
		}
	}
}
