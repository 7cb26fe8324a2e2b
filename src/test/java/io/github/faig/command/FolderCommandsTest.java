package io.github.faig.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ShortProcessor;
import io.github.faig.SciJavaTest;
import io.github.faig.ij.ImageFiles;

/**
 * {@code input_dir} of Blind Super-Resolution and Synthesize Degradations: each good file of the folder gives the
 * very files a single {@code input_file} run gives (byte for byte: same bit depth, range, dimensions, calibration),
 * a corrupt file is listed with its reason and does not stop the others, and the run then ends as failed.
 */
class FolderCommandsTest extends SciJavaTest {

	/** An RGB picture, a calibrated 16-bit image and a corrupt "PNG", sorted by name as the folder lists them. */
	private static Path folder(final Path dir) throws Exception {
		final Path in = Files.createDirectories(dir.resolve("in"));
		final ColorProcessor rgb = new ColorProcessor(32, 32);
		for (int y = 0; y < 32; y++) for (int x = 0; x < 32; x++) rgb.set(x, y, (x * 8) << 16 | (y * 8) << 8 | (x + y) * 4);
		ImageFiles.save(new ImagePlus("a", rgb), in.resolve("a.png").toFile());
		Files.writeString(in.resolve("b.png"), "not an image");
		final ShortProcessor sp = new ShortProcessor(32, 32);
		for (int y = 0; y < 32; y++) for (int x = 0; x < 32; x++) sp.set(x, y, 100 + 37 * x + 11 * y * y);
		final ImagePlus c = new ImagePlus("c", sp);
		c.getCalibration().pixelWidth = 0.25;
		c.getCalibration().pixelHeight = 0.25;
		c.getCalibration().setUnit("um");
		ImageFiles.save(c, in.resolve("c.tif").toFile());
		return in;
	}

	private static void assertSameFiles(final Path expected, final Path actual) throws Exception {
		final List<String> names = names(expected);
		assertFalse(names.isEmpty());
		for (final String n : names) {
			assertArrayEquals(Files.readAllBytes(expected.resolve(n)), Files.readAllBytes(actual.resolve(n)), n);
		}
	}

	/** The files in {@code dir}, less FAIG's record of its outputs there. */
	private static List<String> names(final Path dir) throws Exception {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".faig-outputs")).sorted().toList();
		}
	}

	/** The single-file runs of a.png and c.tif into one folder. */
	private static Path singles(final Class<? extends FaigCommand> command, final Path in, final Path dir,
		final Object... inputs) throws Exception
	{
		final Path out = dir.resolve("singles");
		for (final String f : new String[] { "a.png", "c.tif" }) {
			final Object[] all = Stream.concat(Stream.of("input_file", in.resolve(f).toFile(), "output_dir", out
				.toFile()), Stream.of(inputs)).toArray();
			final FaigCommand m = run(command, all);
			assertFalse(m.isCanceled(), m.getCancelReason());
		}
		return out;
	}

	private static void assertFolderRun(final FaigCommand m, final Path out, final String failedCsv) throws Exception {
		assertTrue(m.isCanceled(), "a failed file makes the run fail");
		assertTrue(m.getCancelReason().contains("1 of 3 files") && m.getCancelReason().contains("b.png") && m
			.getCancelReason().contains(failedCsv), m.getCancelReason());
		final List<String> failed = Files.readAllLines(out.resolve(failedCsv));
		assertEquals(2, failed.size(), failed.toString());
		assertTrue(failed.get(1).startsWith("b.png,") && failed.get(1).contains("could not be read"), failed.get(1));
	}

	@Test
	void superResolvesEveryFileOfAFolderAsSingleFilesAre(@TempDir final Path dir) throws Exception {
		final Path in = folder(dir);
		final Path singles = singles(BlindSuperResolutionCommand.class, in, dir, "tile_size", 16);
		final Path out = dir.resolve("out");
		final FaigCommand m = run(BlindSuperResolutionCommand.class, "input_dir", in.toFile(), "output_dir", out
			.toFile(), "tile_size", 16);
		assertFolderRun(m, out, BlindSuperResolutionCommand.FAILED_CSV);
		// an RGB PNG gives a TIFF and a PNG; the 16-bit TIFF a 16-bit TIFF, with its pixel size halved
		assertEquals(List.of("a_x2_msrresnet-x2-target.png", "a_x2_msrresnet-x2-target.tif",
			"c_x2_msrresnet-x2-target.tif"), names(singles));
		assertSameFiles(singles, out);
		final ImagePlus c = ImageFiles.open(out.resolve("c_x2_msrresnet-x2-target.tif").toFile(), "c");
		assertEquals(16, c.getBitDepth());
		assertEquals(64, c.getWidth());
		assertEquals(0.125, c.getCalibration().pixelWidth, 1e-12);
		assertEquals(4, names(out).size(), "the single runs' files and the list of failures");
	}

	@Test
	void degradesEveryFileOfAFolderAsSingleFilesAre(@TempDir final Path dir) throws Exception {
		final Path in = folder(dir);
		final Path singles = singles(SynthesizeDegradationsCommand.class, in, dir, "seed", 5L);
		final Path out = dir.resolve("out");
		final FaigCommand m = run(SynthesizeDegradationsCommand.class, "input_dir", in.toFile(), "output_dir", out
			.toFile(), "seed", 5L);
		assertFolderRun(m, out, SynthesizeDegradationsCommand.FAILED_CSV);
		// a.png: the stack, four PNGs, the parameters; c.tif: the stack and the parameters
		assertEquals(8, names(singles).size(), names(singles).toString());
		assertSameFiles(singles, out);
		final ImagePlus c = ImageFiles.open(out.resolve("c_degraded.tif").toFile(), "c");
		assertEquals(16, c.getBitDepth());
		assertEquals(4, c.getNFrames());
		assertEquals(0.5, c.getCalibration().pixelWidth, 1e-12);
		assertEquals(9, names(out).size(), "the single runs' files and the list of failures");
	}

	@Test
	void aFolderWithoutOutputDirIsRefused(@TempDir final Path dir) throws Exception {
		final Path in = folder(dir);
		for (final Class<? extends FaigCommand> c : List.of(BlindSuperResolutionCommand.class,
			SynthesizeDegradationsCommand.class))
		{
			final FaigCommand m = run(c, "input_dir", in.toFile());
			assertTrue(m.isCanceled() && m.getCancelReason().contains("output_dir"), c + ": " + m.getCancelReason());
		}
		assertEquals(List.of("in"), names(dir));
		assertTrue(new File(in.toFile(), "a.png").isFile());
	}

	/**
	 * Two files whose outputs would be written under one name (here they differ only by a character a file name
	 * cannot hold) never overwrite each other: the second fails. A hidden file is skipped. A later clean run leaves a
	 * list of failures with its header only, never the earlier run's list.
	 */
	@Test
	void namesThatCollideOnceWrittenFailAndHiddenFilesAreSkipped(@TempDir final Path dir) throws Exception {
		final Path in = Files.createDirectories(dir.resolve("in"));
		final ColorProcessor rgb = new ColorProcessor(16, 16);
		rgb.setColor(0x336699);
		rgb.fill();
		final ByteProcessor grey = new ByteProcessor(16, 16);
		ImageFiles.save(new ImagePlus("x", grey), in.resolve("b:c.png").toFile());
		ImageFiles.save(new ImagePlus("y", rgb), in.resolve("b_c.png").toFile());
		Files.writeString(in.resolve("._b_c.png"), "a macOS companion, not an image");
		final Path out = dir.resolve("out");
		FaigCommand m = run(SynthesizeDegradationsCommand.class, "input_dir", in.toFile(), "output_dir", out.toFile());
		assertTrue(m.isCanceled() && m.getCancelReason().contains("1 of 2 files"), m.getCancelReason());
		List<String> failed = Files.readAllLines(out.resolve(SynthesizeDegradationsCommand.FAILED_CSV));
		assertEquals(2, failed.size(), failed.toString());
		assertTrue(failed.get(1).startsWith("b_c.png,") && failed.get(1).contains("would replace"), failed.get(1));
		// the first file's outputs stand: grey, as b:c.png is
		assertEquals(8, ImageFiles.open(out.resolve("b_c_clean.png").toFile(), "b_c").getBitDepth());
		Files.delete(in.resolve("b_c.png"));
		m = run(SynthesizeDegradationsCommand.class, "input_dir", in.toFile(), "output_dir", out.toFile());
		assertFalse(m.isCanceled(), m.getCancelReason());
		failed = Files.readAllLines(out.resolve(SynthesizeDegradationsCommand.FAILED_CSV));
		assertEquals(List.of("file,reason"), failed);
	}

	/**
	 * A folder goes to the sharding in rounds (the driver holds one round's outputs at a time): one file per round
	 * gives the same files, the same failures, and still catches names that collide across rounds.
	 */
	@Test
	void aFolderRunInRoundsOfOneFileWritesWhatOneRoundWrites(@TempDir final Path dir) throws Exception {
		final Path in = folder(dir);
		final ColorProcessor rgb = new ColorProcessor(16, 16);
		rgb.setColor(0x336699);
		rgb.fill();
		ImageFiles.save(new ImagePlus("d", rgb), in.resolve("c.png").toFile()); // c.png and c.tif: same outputs
		Files.createDirectories(in.resolve("d.png")); // a folder: skipped, as a cluster's filesystem lists files
		final Path whole = dir.resolve("whole");
		final Path rounds = dir.resolve("rounds");
		final FaigCommand a = run(SynthesizeDegradationsCommand.class, "input_dir", in.toFile(), "output_dir", whole
			.toFile(), "seed", 5L);
		System.setProperty("faig.folder.round", "1");
		final FaigCommand b;
		try {
			b = run(SynthesizeDegradationsCommand.class, "input_dir", in.toFile(), "output_dir", rounds.toFile(), "seed",
				5L);
		}
		finally {
			System.clearProperty("faig.folder.round");
		}
		assertTrue(a.isCanceled() && a.getCancelReason().contains("2 of 4 files"), a.getCancelReason());
		assertEquals(a.getCancelReason(), b.getCancelReason());
		assertEquals(names(whole), names(rounds));
		assertSameFiles(whole, rounds);
		final List<String> failed = Files.readAllLines(rounds.resolve(SynthesizeDegradationsCommand.FAILED_CSV));
		assertEquals(3, failed.size(), failed.toString());
		assertTrue(failed.get(2).startsWith("c.tif,") && failed.get(2).contains("would replace"), failed.get(2));
		// a round size that is no whole number of files is refused, naming the property
		System.setProperty("faig.folder.round", "0");
		final FaigCommand c;
		try {
			c = run(SynthesizeDegradationsCommand.class, "input_dir", in.toFile(), "output_dir", dir.resolve("zero")
				.toFile(), "seed", 5L);
		}
		finally {
			System.clearProperty("faig.folder.round");
		}
		assertTrue(c.isCanceled() && c.getCancelReason().contains("faig.folder.round") && c.getCancelReason().contains(
			"'0'"), c.getCancelReason());
		assertFalse(Files.exists(dir.resolve("zero")));
	}

	/** An input with a long name: every output is written (its name shortened in the middle), none replaces another. */
	@Test
	void aLongInputNameLosesNoOutput(@TempDir final Path dir) throws Exception {
		final Path in = Files.createDirectories(dir.resolve("in"));
		final ColorProcessor rgb = new ColorProcessor(16, 16);
		rgb.setColor(0x336699);
		rgb.fill();
		final String name = "L".repeat(235);
		ImageFiles.save(new ImagePlus("long", rgb), in.resolve(name + ".png").toFile());
		final Path out = dir.resolve("out");
		final FaigCommand m = run(SynthesizeDegradationsCommand.class, "input_file", in.resolve(name + ".png").toFile(),
			"output_dir", out.toFile());
		assertFalse(m.isCanceled(), m.getCancelReason());
		final List<String> written = names(out);
		// the stack, the four variants and the parameters, each under its own name
		assertEquals(6, written.size(), written.toString());
		assertEquals(java.util.Set.of("_degraded.tif", "_clean.png", "_blur.png", "_noise.png", "_blur_noise.png",
			"_parameters.csv"), written.stream().map(n -> n.replaceFirst("^L+~[0-9a-f]{12}~L+", "")).collect(
				java.util.stream.Collectors.toSet()));
	}
}
