package io.github.faig.spark;

import static io.github.faig.spark.SparkCommandsTest.IMAGES;
import static io.github.faig.spark.SparkCommandsTest.assertSameFiles;
import static io.github.faig.spark.SparkCommandsTest.csv;
import static io.github.faig.spark.SparkCommandsTest.faig;
import static io.github.faig.spark.SparkCommandsTest.faigWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.faig.cli.FaigMain;

/**
 * Image inputs given as {@code hdfs://} URIs: a real HDFS (a namenode and a datanode, in this JVM) holds the four
 * test images, the Spark run reads them from there (the executors each their own file, the driver the listing) and
 * must give what the plain run on the same images on the local disk gives.
 */
class SparkHdfsTest {

	static MiniDFSCluster hdfs;
	static Path root;
	static Path images;
	/** The images' folder on HDFS, as a URI. */
	static String remote;

	@BeforeAll
	static void cluster() throws IOException {
		root = Files.createTempDirectory("faig-spark-hdfs");
		images = Files.createDirectories(root.resolve("images"));
		final Configuration c = new Configuration();
		c.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, root.resolve("hdfs").toString());
		hdfs = new MiniDFSCluster.Builder(c).numDataNodes(1).build();
		hdfs.waitActive();
		final FileSystem fs = hdfs.getFileSystem();
		// a name with a space: the URI writes it %20, the file name keeps it
		final String[] names = { IMAGES[0], IMAGES[1], IMAGES[2], "squirrel copy.png" };
		for (int i = 0; i < IMAGES.length; i++) {
			final byte[] b;
			try (InputStream in = SparkHdfsTest.class.getResourceAsStream("/images/" + IMAGES[i])) {
				b = in.readAllBytes();
			}
			Files.write(images.resolve(names[i]), b);
			try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path("/data/images/" + names[i]))) {
				out.write(b);
			}
		}
		// a file that is not an image and a hidden one: skipped on HDFS as on a local disk
		try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path("/data/images/notes.txt"))) {
			out.write("not an image".getBytes(StandardCharsets.UTF_8));
		}
		try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path("/data/images/._fruits_48.png"))) {
			out.write(new byte[] { 0, 1, 2 });
		}
		remote = hdfs.getURI() + "/data/images";
	}

	@AfterAll
	static void stop() {
		if (hdfs != null) hdfs.shutdown();
	}

	@Test
	void computeFiltersReadsItsImagesFromHdfs() throws IOException {
		final Path plain = root.resolve("cf-plain");
		final Path spark = root.resolve("cf-hdfs");
		faig("--run", "FAIG Compute Filters", SparkCommandsTest.COMPUTE.replace("{out}", plain.toString()) + images +
			"'");
		final AtomicLong run = new AtomicLong();
		faigWith(SparkSharding.TestSeam.NONE.counting(run), "local[2]", "--run", "FAIG Compute Filters",
			SparkCommandsTest.COMPUTE.replace("{out}", spark.toString()) + remote + "'");
		assertEquals(IMAGES.length, run.get(), "items run by Spark");
		for (final String f : new String[] { "blur_index.txt", "noise_index.txt" }) {
			assertEquals(Files.readString(plain.resolve(f)), Files.readString(spark.resolve(f)), f);
		}
		SparkCommandsTest.assertCsvClose(plain.resolve("completeness.csv"), spark.resolve("completeness.csv"));
	}

	@Test
	void predictDegradationExecutorsReadTheirFilesFromHdfs() throws IOException {
		final Path plain = root.resolve("pd-plain");
		final Path spark = root.resolve("pd-hdfs");
		faig("--run", "FAIG Predict Degradation", "output_dir='" + plain + "',input_dir='" + images + "'");
		// the executors build their own models and read their own files, as on a cluster
		final AtomicLong run = new AtomicLong();
		faigWith(SparkCommandsTest.OWN_STATE.counting(run), "local[2]", "--run", "FAIG Predict Degradation",
			"output_dir='" + spark + "',input_dir='" + remote + "'");
		assertEquals(IMAGES.length, run.get(), "items run by Spark");
		final List<String[]> a = csv(plain.resolve("predictions.csv"));
		final List<String[]> b = csv(spark.resolve("predictions.csv"));
		assertEquals(IMAGES.length + 1, a.size());
		assertEquals(a.size(), b.size());
		final List<String> head = List.of(a.get(0));
		for (final String col : new String[] { "image", "blur", "noise", "decision", "os_blur", "os_noise" }) {
			final int c = head.indexOf(col);
			assertTrue(c >= 0, col);
			for (int r = 1; r < a.size(); r++) assertEquals(a.get(r)[c], b.get(r)[c], col + " of row " + r);
		}
		assertTrue(Files.readString(spark.resolve("predictions.csv")).contains("squirrel copy"));
	}

	@Test
	void blindSuperResolutionOfAnHdfsFolderWritesThePlainRunsFiles() throws IOException {
		final Path plain = root.resolve("sr-plain");
		final Path spark = root.resolve("sr-hdfs");
		final String line = "model='msrresnet-x2-target',tile_size=32,output_dir='{out}',input_dir='";
		faig("--run", "FAIG Blind Super-Resolution", line.replace("{out}", plain.toString()) + images + "'");
				faigWith(SparkCommandsTest.OWN_STATE, "local[2]", "--run", "FAIG Blind Super-Resolution", line.replace("{out}", spark.toString()) +
			remote + "'");
		assertSameFiles(plain, spark, 2 * IMAGES.length + 1);
	}

	@Test
	void aMissingHdfsFolderOrAnHdfsOutputIsRefusedInOneLine() {
		final String missing = run("--spark", "local[2]", "--run", "FAIG Predict Degradation", "output_dir='" + root
			.resolve("none") + "',input_dir='" + hdfs.getURI() + "/data/nothing-here'");
		assertTrue(missing.contains("input_dir '" + hdfs.getURI() + "/data/nothing-here' does not exist or is not a " +
			"folder"), missing);
		final String out = run("--run", "FAIG Predict Degradation", "output_dir='" + hdfs.getURI() + "/data/out'," +
			"input_dir='" + remote + "'");
		assertTrue(out.contains("output_dir '" + hdfs.getURI() + "/data/out' is a filesystem URI, but output_dir " +
			"takes a local path"), out);
		final String unknown = run("--run", "FAIG Predict Degradation", "output_dir='" + root.resolve("none") +
			"',input_dir='nosuchfs://host/images'");
		assertTrue(unknown.contains("no filesystem for nosuchfs://"), unknown);
		// a scheme Hadoop names but whose module is not on the class path
		final String s3 = run("--spark", "local[2]", "--run", "FAIG Predict Degradation", "output_dir='" + root.resolve(
			"none") + "',input_dir='s3a://bucket/images'");
		assertTrue(s3.contains("input_dir 's3a://bucket/images': no filesystem for s3a://"), s3);
		assertTrue(Files.notExists(root.resolve("none")));
	}

	/** Runs the launcher expecting failure (status 1); its one-line message. */
	static String run(final String... args) {
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		final int status = FaigMain.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
			new PrintStream(err, true, StandardCharsets.UTF_8), args);
		final String e = err.toString(StandardCharsets.UTF_8).strip();
		assertNotEquals(0, status, e);
		final String[] lines = e.split("\n");
		return lines[lines.length - 1];
	}
}
