package io.github.faig.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.scijava.Context;

import io.github.faig.cli.FaigMain;
import io.github.faig.cli.FaigRunService;

/**
 * The README's Spark check: each command run with {@code --spark local[2]} against the same plain run on four
 * small images, through the launcher's own entry point (same parsing, same outputs).
 */
class SparkCommandsTest {

	static final String[] IMAGES = { "building_48.png", "fruits_48.png", "home_48.png", "squirrel_cls_48.png" };

	static Path root;
	static Path images;

	@BeforeAll
	static void fixtures() throws IOException {
		root = Files.createTempDirectory("faig-spark-commands");
		images = Files.createDirectories(root.resolve("images"));
		for (final String n : IMAGES) {
			try (InputStream in = SparkCommandsTest.class.getResourceAsStream("/images/" + n)) {
				Files.copy(in, images.resolve(n));
			}
		}
	}

	/** Runs the launcher; fails with its standard error unless it succeeds. */
	static String faig(final String... args) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		final int status = FaigMain.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
			StandardCharsets.UTF_8), args);
		final String e = err.toString(StandardCharsets.UTF_8);
		assertEquals(0, status, String.join(" ", args) + ": " + e);
		return e;
	}

	/** The executors build their own state from what the driver broadcast, as on a cluster (SparkSharding's seam). */
	static final SparkSharding.TestSeam OWN_STATE = new SparkSharding.TestSeam(i -> false, false);

	/**
	 * As {@code faig("--spark", master, "--run", …)} with the Spark sharding changed by {@code seam}: the launcher's
	 * context uses it, as ./faig uses the one it opens for --spark.
	 */
	static String faigWith(final SparkSharding.TestSeam seam, final String master, final String... run) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		final int status;
		try (Context context = new Context(); SparkSharding s = new SparkSharding(master, "FAIG test", seam);
			FaigRunService.Scope scope = context.service(FaigRunService.class).use(s))
		{
			status = FaigMain.run(context, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
				StandardCharsets.UTF_8), run);
		}
		final String e = err.toString(StandardCharsets.UTF_8);
		assertEquals(0, status, String.join(" ", run) + ": " + e);
		return e;
	}

	/** The same command line, plain and with --spark MASTER; the Spark run must have sent its items to Spark. */
	static void both(final String label, final String line, final Path plain, final Path spark, final String master,
		final int items)
	{
		both(label, line, plain, spark, master, items, null);
	}

	/**
	 * As {@link #both(String, String, Path, Path, String, int)}, the Spark run changed by {@code seam} (if any); the
	 * items are counted through the seam, as --spark runs them otherwise.
	 */
	static void both(final String label, final String line, final Path plain, final Path spark, final String master,
		final int items, final SparkSharding.TestSeam seam)
	{
		faig("--run", label, line.replace("{out}", plain.toString()));
		final AtomicLong run = new AtomicLong();
		faigWith((seam == null ? SparkSharding.TestSeam.NONE : seam).counting(run), master, "--run", label, line.replace(
			"{out}", spark.toString()));
		assertEquals(items, run.get(), "items run by Spark");
	}

	// the SRCNN-style pair: its receptive field (17 LR pixels) fits crops of the 24x24 LR test images
	static final String COMPUTE = "baseline_model='srcnn-x2-baseline',target_model='srcnn-x2-target',crop_size=20," +
		"crops=2,steps=8,quadrature='gauss-legendre',seed=3,output_dir='{out}',input_dir='";

	@Test
	void computeFiltersGivesIdenticalFilterSets() throws IOException {
		final Path plain = root.resolve("cf-plain");
		final Path spark = root.resolve("cf-spark");
		both("FAIG Compute Filters", COMPUTE + images + "'", plain, spark, "local[2]", IMAGES.length);
		for (final String f : new String[] { "blur_index.txt", "noise_index.txt" }) {
			assertEquals(Files.readString(plain.resolve(f)), Files.readString(spark.resolve(f)), f);
		}
		assertCsvClose(plain.resolve("completeness.csv"), spark.resolve("completeness.csv"));
	}

	@Test
	void aTaskThatFailsOnceIsRetriedAndTheFilterSetsAreUnchanged() throws IOException {
		final Path plain = root.resolve("cf-plain-f");
		final Path spark = root.resolve("cf-retry");
		// local[2,2]: a task may fail once and is retried; the executors build their own models from the broadcast
		// pair, as on a cluster
		both("FAIG Compute Filters", COMPUTE + images + "'", plain, spark, "local[2,2]", IMAGES.length,
			new SparkSharding.TestSeam(i -> i == 1, false));
		for (final String f : new String[] { "blur_index.txt", "noise_index.txt" }) {
			assertEquals(Files.readString(plain.resolve(f)), Files.readString(spark.resolve(f)), f);
		}
	}

	@Test
	void predictDegradationGivesIdenticalDecisions() throws IOException {
		final Path plain = root.resolve("pd-plain");
		final Path spark = root.resolve("pd-spark");
		// the executors build their own models from the broadcast sets and pair, as on a cluster
		both("FAIG Predict Degradation", "output_dir='{out}',input_dir='" + images + "'", plain, spark, "local[2]",
			IMAGES.length, OWN_STATE);
		final List<String[]> a = csv(plain.resolve("predictions.csv"));
		final List<String[]> b = csv(spark.resolve("predictions.csv"));
		assertEquals(IMAGES.length + 1, a.size());
		final List<String> head = List.of(a.get(0));
		for (final String col : new String[] { "image", "blur", "noise", "decision" }) {
			final int c = head.indexOf(col);
			assertTrue(c >= 0, col);
			for (int r = 1; r < a.size(); r++) assertEquals(a.get(r)[c], b.get(r)[c], col + " of row " + r);
		}
		for (final String col : new String[] { "os_blur", "os_noise" }) {
			final int c = head.indexOf(col);
			for (int r = 1; r < a.size(); r++) {
				assertEquals(Double.parseDouble(a.get(r)[c]), Double.parseDouble(b.get(r)[c]), 1e-6, col + " of row " + r);
			}
		}
	}

	@Test
	void calibrateThresholdsGivesIdenticalThresholds() throws IOException {
		final Path plain = root.resolve("ct-plain");
		final Path spark = root.resolve("ct-spark");
		// the demo photographs: the crops must cover the network's receptive field
		final Path photos = Path.of(System.getProperty("faig.home"), "src", "demo", "images");
		both("FAIG Calibrate Thresholds", "filter_sets='filter-sets-msrresnet-x2',crop_size=32,crops=1,steps=4,seed=2," +
			"output_dir='{out}',input_dir='" + photos + "'", plain, spark, "local[2]", 16);
		assertEquals(Files.readString(plain.resolve("filter_sets.json")), Files.readString(spark.resolve(
			"filter_sets.json")), "filter_sets.json (the calibrated thresholds)");
		assertCsvClose(plain.resolve("calibration_report.csv"), spark.resolve("calibration_report.csv"));
	}

	@Test
	void blindSuperResolutionGivesIdenticalFiles() throws IOException {
		final Path plain = root.resolve("sr-plain");
		final Path spark = root.resolve("sr-spark");
		// the executors build the model from the broadcast package, as on a cluster
		both("FAIG Blind Super-Resolution", "model='msrresnet-x2-target',tile_size=32,output_dir='{out}'," +
			"input_dir='" + images + "'", plain, spark, "local[2]", IMAGES.length, OWN_STATE);
		// each RGB picture: a TIFF and a PNG; and the (empty) list of failed files
		assertSameFiles(plain, spark, 2 * IMAGES.length + 1);
		assertEquals(List.of("file,reason"), Files.readAllLines(spark.resolve("super_resolved_failed.csv")));
	}

	@Test
	void synthesizeDegradationsGivesIdenticalFiles() throws IOException {
		final Path plain = root.resolve("sd-plain");
		final Path spark = root.resolve("sd-spark");
		both("FAIG Synthesize Degradations", "seed=7,output_dir='{out}',input_dir='" + images + "'", plain, spark,
			"local[2]", IMAGES.length);
		// each picture: its stack of four variants, one PNG per variant, its parameters; and the (empty) failed list
		assertSameFiles(plain, spark, 6 * IMAGES.length + 1);
		assertEquals(List.of("file,reason"), Files.readAllLines(spark.resolve("degraded_failed.csv")));
	}

	/**
	 * Under Spark as in a plain run, a folder run never stops at a bad file: an image too large for memory and a link
	 * to nothing are listed with their reasons, the good file's outputs written, and the run ends in one line (no
	 * Spark stack trace, no word of a termination signal that never came).
	 */
	@Test
	void aFolderRunListsTheFilesItSkipsUnderSparkToo() throws IOException {
		final Path dir = Files.createDirectories(root.resolve("bad-in"));
		Files.copy(images.resolve(IMAGES[0]), dir.resolve(IMAGES[0]));
		Files.write(dir.resolve("huge.png"), hugePng(30000, 30000));
		Files.createSymbolicLink(dir.resolve("dangling.png"), dir.resolve("nowhere.png"));
		final Path out = root.resolve("bad-out");
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		final int status = FaigMain.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
			new PrintStream(err, true, StandardCharsets.UTF_8), "--spark", "local[2]", "--run",
			"FAIG Synthesize Degradations", "seed=7,output_dir='" + out + "',input_dir='" + dir + "'");
		final String e = err.toString(StandardCharsets.UTF_8);
		assertEquals(1, status, e);
		final List<String> faig = e.lines().filter(l -> l.startsWith("faig:")).toList();
		assertEquals(1, faig.size(), e);
		assertTrue(faig.get(0).contains("2 of 3 files of input_dir failed"), e);
		assertTrue(!e.contains("termination signal") && !e.contains("\tat "), e);
		final String csv = Files.readString(out.resolve("degraded_failed.csv"));
		assertTrue(csv.contains("huge.png") && csv.contains("Java heap"), csv);
		assertTrue(csv.contains("dangling.png") && csv.contains("link to nothing"), csv);
		assertTrue(Files.isRegularFile(out.resolve(IMAGES[0].replace(".png", "_degraded.tif"))));
	}

	/** A PNG whose header announces {@code w x h} grey pixels, with almost no pixel data: only its header is read. */
	static byte[] hugePng(final int w, final int h) throws IOException {
		final java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put(
			(byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
		final ByteArrayOutputStream idat = new ByteArrayOutputStream();
		try (java.util.zip.DeflaterOutputStream z = new java.util.zip.DeflaterOutputStream(idat)) {
			z.write(new byte[64]);
		}
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10 });
		for (final Object[] c : new Object[][] { { "IHDR", ihdr.array() }, { "IDAT", idat.toByteArray() }, { "IEND",
			new byte[0] } })
		{
			final byte[] type = ((String) c[0]).getBytes(StandardCharsets.US_ASCII);
			final byte[] data = (byte[]) c[1];
			out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
			out.writeBytes(type);
			out.writeBytes(data);
			final java.util.zip.CRC32 crc = new java.util.zip.CRC32();
			crc.update(type);
			crc.update(data);
			out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
		}
		return out.toByteArray();
	}

	/** The same file names in both folders, and the same bytes in each file. */
	static void assertSameFiles(final Path a, final Path b, final int count) throws IOException {
		final List<String> names = names(a);
		assertEquals(count, names.size(), names.toString());
		assertEquals(names, names(b));
		for (final String n : names) {
			assertTrue(java.util.Arrays.equals(Files.readAllBytes(a.resolve(n)), Files.readAllBytes(b.resolve(n))), n);
		}
		// a Spark run records its outputs as a plain one does: a rerun of either may replace them
		final Path record = Path.of(".faig-outputs");
		if (Files.exists(a.resolve(record))) {
			assertEquals(Files.readString(a.resolve(record)), Files.readString(b.resolve(record)));
		}
	}

	/** The files in {@code dir}, less FAIG's record of its outputs there. */
	static List<String> names(final Path dir) throws IOException {
		try (java.util.stream.Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".faig-outputs")).sorted().toList();
		}
	}

	static List<String[]> csv(final Path f) throws IOException {
		final List<String[]> rows = new ArrayList<>();
		for (final String line : Files.readAllLines(f)) rows.add(line.split(",", -1));
		return rows;
	}

	/** Same table; numbers within float-summation tolerance, text identical. */
	static void assertCsvClose(final Path a, final Path b) throws IOException {
		final List<String[]> x = csv(a);
		final List<String[]> y = csv(b);
		assertEquals(x.size(), y.size(), a.getFileName().toString());
		for (int r = 0; r < x.size(); r++) {
			for (int c = 0; c < x.get(r).length; c++) {
				final String u = x.get(r)[c];
				final String v = y.get(r)[c];
				try {
					assertEquals(Double.parseDouble(u), Double.parseDouble(v), 1e-5 * Math.max(1, Math.abs(Double
						.parseDouble(u))), a.getFileName() + " row " + r + " column " + c);
				}
				catch (final NumberFormatException e) {
					assertEquals(u, v, a.getFileName() + " row " + r + " column " + c);
				}
			}
		}
	}
}
