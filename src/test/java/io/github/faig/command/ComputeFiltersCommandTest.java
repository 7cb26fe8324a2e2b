package io.github.faig.command;

import io.github.faig.SciJavaTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.faig.attribution.FilterIndex;
import io.github.faig.attribution.FilterSets;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.image.FloatImage;
import io.github.faig.nn.Fixtures;
import io.github.faig.nn.io.CheckpointConverter;
import io.github.faig.nn.io.ModelPackage;

/** FAIG Compute Filters on the tiny fixture pair (baseline: 'params', target: 'params_ema'). */
public class ComputeFiltersCommandTest extends SciJavaTest {

	/** Writes the fixture pair as packages and two ground-truth PNGs; returns {baseline, target, images}. */
	public static File[] setUp(final Path dir) throws Exception {
		final File base = dir.resolve("base").toFile();
		final File tgt = dir.resolve("tgt").toFile();
		CheckpointConverter.importModel(Fixtures.file("msrresnet_x2.pth"), null, "params", "tiny-baseline", "baseline",
			"CC0-1.0").write(base);
		CheckpointConverter.importModel(Fixtures.file("msrresnet_x2.pth"), null, null, "tiny-target", "target", "CC0-1.0")
			.write(tgt);
		final File images = dir.resolve("gt").toFile();
		assertTrue(images.mkdir());
		for (int i = 0; i < 2; i++) {
			final FloatImage img = io.github.faig.TestImages.images(1, 40, 10 + i).get(0);
			ImageFiles.save(ImagePlusBridge.toImagePlus("gt" + i, List.of(img), null, ImagePlusBridge.OutputType.BYTE,
				null), new File(images, "gt" + i + ".png"));
		}
		return new File[] { base, tgt, images };
	}

	private static FaigCommand run(final Object... inputs) throws Exception {
		return run(ComputeFiltersCommand.class, inputs);
	}

	@Test
	void computesFilterSetsTablesAndFiles(@TempDir final Path dir) throws Exception {
		final File[] f = setUp(dir);
		final File out = dir.resolve("out").toFile();
		assertTrue(out.mkdir());
		final FaigCommand m = run("baseline_model", f[0].getPath(), "target_model", f[1].getPath(), "input_dir", f[2],
			"steps", 8, "quadrature", "trapezoid", "crop_size", 16, "crops", 2, "percent", 10.0, "output_dir", out);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final int n = FilterIndex.of(ModelPackage.read(f[1]).spec()).filterCount();
		final ResultsTable top = (ResultsTable) m.getOutput("top_filters");
		assertEquals(2 * (n / 10), top.size());
		final ResultsTable layers = (ResultsTable) m.getOutput("layer_counts");
		double sum = 0;
		for (int r = 0; r < layers.size(); r++) sum += layers.getValue("top_blur", r);
		assertEquals(n / 10, (int) sum);
		final ResultsTable c = (ResultsTable) m.getOutput("completeness");
		assertEquals(8, c.size());
		// Every input carries the completeness check's verdict (CompletenessCheck).
		for (int r = 0; r < c.size(); r++) {
			final String v = c.getStringValue("check", r);
			assertTrue(v.equals("ok") || v.equals("exceeds") || v.startsWith("exempt"), v);
		}
		assertTrue(((ImagePlus) m.getOutput("filter_positions")).getWidth() > 500);
		final List<String> blur = Files.readAllLines(new File(out, "blur_index.txt").toPath());
		final List<String> noise = Files.readAllLines(new File(out, "noise_index.txt").toPath());
		assertEquals(n, blur.size());
		for (int i = 0; i < n; i++) assertEquals(blur.get(i), noise.get(n - 1 - i));
		for (final String name : new String[] { "blur_filters.csv", "noise_filters.csv", "top_filters.csv",
			"layer_counts.csv", "completeness.csv", "filter_positions.png", "filter_positions_data.csv", "filter_sets.json" })
		{
			assertTrue(new File(out, name).isFile(), name);
		}
		final FilterSets sets = FilterSets.read(out, n);
		assertEquals(f[0].toPath().toAbsolutePath().normalize().toString(), sets.baselineModel());
		assertEquals(top.getValue("index", 0), sets.ranking(io.github.faig.degrade.Degradation.BLUR).order()[0]);
		// the names checked before a run are exactly the files a run writes
		assertEquals(new java.util.TreeSet<>(new ComputeFiltersCommand().fixedOutputNames()), recordedNames(out));
		// the masking experiment's, whose run MaskingTest checks against the same list
		assertEquals(MASKING_OUTPUTS, new java.util.TreeSet<>(new MaskingExperimentCommand().fixedOutputNames()));
	}

	/** What every FAIG Masking Experiment run with an output_dir writes there. */
	public static final java.util.SortedSet<String> MASKING_OUTPUTS = new java.util.TreeSet<>(List.of(
		"masking_experiment.csv", "masking_experiment.png", "masking_experiment_data.csv"));

	/**
	 * A file of someone else's under an output name refuses the run before its work (no table computed), not after
	 * it; the file stays as it was and nothing is written.
	 */
	@Test
	void aForeignFileUnderAnOutputNameRefusesTheRunBeforeItsWork(@TempDir final Path dir) throws Exception {
		final File[] f = setUp(dir);
		final File out = dir.resolve("out").toFile();
		assertTrue(out.mkdir());
		final Path mine = out.toPath().resolve("completeness.csv");
		Files.writeString(mine, "my notes\n");
		final FaigCommand m = run("baseline_model", f[0].getPath(), "target_model", f[1].getPath(), "input_dir", f[2],
			"steps", 8, "quadrature", "trapezoid", "crop_size", 16, "crops", 2, "percent", 10.0, "output_dir", out);
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().contains("already holds completeness.csv, which no FAIG run wrote there"), m
			.getCancelReason());
		assertEquals(null, m.getOutput("top_filters"), "refused before the work");
		assertEquals("my notes\n", Files.readString(mine));
		assertEquals(List.of("completeness.csv"), List.of(out.list()));
	}

	/** The names in an output folder's record of the files FAIG wrote there. */
	public static java.util.SortedSet<String> recordedNames(final File out) throws Exception {
		final java.util.SortedSet<String> names = new java.util.TreeSet<>();
		for (final String line : Files.readAllLines(new File(out, io.github.faig.io.AtomicOutputs.RECORD).toPath())) {
			if (!line.startsWith("#") && !line.isBlank()) names.add(line.split("\t", 3)[2]);
		}
		return names;
	}

	/**
	 * The dialog's and a macro's default is Gauss-Legendre N = 16 (affordable on whole photographs); the paper's
	 * Riemann N = 100 is one choice away (steps 0 = the rule's default); an explicit N is kept.
	 */
	@Test
	void theDefaultRuleIsGaussLegendre16AndRiemannMeansThePapersN(@TempDir final Path dir) throws Exception {
		assertEquals(16, ComputeFiltersCommand.stepsFor("gauss-legendre", 0));
		assertEquals(100, ComputeFiltersCommand.stepsFor("riemann", 0));
		assertEquals(100, ComputeFiltersCommand.stepsFor("trapezoid", 0));
		assertEquals(7, ComputeFiltersCommand.stepsFor("riemann", 7));
		final File[] f = setUp(dir);
		final FaigCommand m = run("baseline_model", f[0].getPath(), "target_model", f[1].getPath(), "input_dir", f[2],
			"crop_size", 16, "crops", 1, "percent", 10.0);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ResultsTable c = (ResultsTable) m.getOutput("completeness");
		for (int r = 0; r < c.size(); r++) {
			assertEquals("gauss-legendre", c.getStringValue("quadrature", r));
			assertEquals(16, (int) c.getValue("steps", r));
		}
	}

	@Test
	void badInputIsNamed(@TempDir final Path dir) throws Exception {
		final File[] f = setUp(dir);
		final File srcnn = dir.resolve("srcnn").toFile();
		CheckpointConverter.importModel(Fixtures.file("srcnn_x2.pth"), null, null, "s", "target", "CC0-1.0").write(srcnn);
		assertFails("one architecture", run("baseline_model", f[0].getPath(), "target_model", srcnn.getPath(),
			"input_dir", f[2]));
		assertFails("steps", run("baseline_model", f[0].getPath(), "target_model", f[1].getPath(), "input_dir", f[2],
			"steps", -1));
		assertFails("percent", run("baseline_model", f[0].getPath(), "target_model", f[1].getPath(), "input_dir", f[2],
			"percent", 150.0));
		assertFails("input_dir", run("baseline_model", f[0].getPath(), "target_model", f[1].getPath(), "input_dir", dir
			.resolve("none").toFile()));
		assertFails("target_model", run("baseline_model", f[0].getPath(), "target_model", "no-such-model", "input_dir",
			f[2]));
		assertFails("crop_size", run("baseline_model", f[0].getPath(), "target_model", f[1].getPath(), "input_dir", f[2],
			"crop_size", 500, "steps", 2));
	}

	private static void assertFails(final String word, final FaigCommand m) {
		assertTrue(m.isCanceled(), "expected failure naming " + word);
		assertTrue(m.getCancelReason().contains(word), m.getCancelReason());
	}
}
