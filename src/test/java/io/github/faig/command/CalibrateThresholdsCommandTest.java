package io.github.faig.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.measure.ResultsTable;
import io.github.faig.SciJavaTest;
import io.github.faig.attribution.FilterSets;
import io.github.faig.degrade.Degradation;
import io.github.faig.nn.Tensor;
import io.github.faig.nn.io.Npy;
import io.github.faig.prediction.DegradationPredictor;
import io.github.faig.prediction.PredictionSettings;
import io.github.faig.prediction.ThresholdFit;
import io.github.faig.prediction.Thresholds;

/** FAIG Calibrate Thresholds on the tiny fixture pair: thresholds stored with the sets, per-filter scores saved. */
class CalibrateThresholdsCommandTest extends SciJavaTest {

	@Test
	void storesThresholdsAndSavesPerFilterScoresInTableOrder(@TempDir final Path dir) throws Exception {
		final File[] f = ComputeFiltersCommandTest.setUp(dir);
		final File sets = dir.resolve("sets").toFile();
		assertTrue(sets.mkdir());
		FaigCommand m = run(ComputeFiltersCommand.class, "baseline_model", f[0].getPath(), "target_model",
			f[1].getPath(), "input_dir", f[2], "steps", 4, "crop_size", 16, "crops", 1, "percent", 10.0, "output_dir", sets);

		assertFalse(m.isCanceled(), m.getCancelReason());
		m = run(CalibrateThresholdsCommand.class, "filter_sets", sets, "baseline_model", f[0].getPath(),
			"target_model", f[1].getPath(), "input_dir", f[2], "test_dir", f[2],
			"percent", 10.0, "steps", 4, "crop_size", 16, "crops", 1, "save_attributions", true);
		assertFalse(m.isCanceled(), m.getCancelReason());

		final ResultsTable scores = (ResultsTable) m.getOutput("scores");
		assertEquals(2 * 2 * 4, scores.size(), "2 images x 4 classes, calibration and test");
		final Tensor s;
		try (InputStream in = new FileInputStream(new File(sets, "calibration_attributions.npy"))) {
			s = Npy.read(in, "attributions");
		}
		final FilterSets fs = FilterSets.read(sets, (int) s.shape()[1]);
		assertEquals(scores.size(), s.shape()[0]);
		final PredictionSettings p = PredictionSettings.fromJson(fs.extra());
		assertNotNull(p, "prediction settings stored in filter_sets.json");
		assertEquals(10.0, p.percent());
		// each saved row gives back its table row's OS_blur, by a plain sort of its own
		final int n = (int) s.shape()[1];
		final int k = (int) Math.floor(n * 0.10 + 1e-9);
		final List<Integer> blurTop = Arrays.stream(Files.readAllLines(new File(sets, "blur_index.txt").toPath()).subList(
			0, k).toArray(new String[0])).map(Integer::valueOf).toList();
		for (int r = 0; r < scores.size(); r++) {
			final float[] row = Arrays.copyOfRange(s.data(), r * n, (r + 1) * n);
			final int[] top = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble((Integer i) -> -row[i])
				.thenComparingInt(i -> i)).limit(k).mapToInt(Integer::intValue).toArray();
			final long hits = Arrays.stream(top).filter(blurTop::contains).count();
			assertEquals(hits / (double) k, scores.getValue("os_blur", r), 1e-9, "row " + r);
		}
		assertArrayEquals(new String[] { "calibration", "test" }, new String[] { scores.getStringValue("set", 0), scores
			.getStringValue("set", scores.size() - 1) });
		// T_reblur (decision_rule=blur-under-noise): no threshold does better on the calibration rows holding noise
		final List<double[]> noisy = new java.util.ArrayList<>();
		for (int r = 0; r < scores.size(); r++) {
			final String label = scores.getStringValue("label", r);
			if (scores.getStringValue("set", r).equals("calibration") && label.contains("noise") && Double.isFinite(
				scores.getValue("reblur", r))) {
				noisy.add(new double[] { scores.getValue("reblur", r), label.contains("blur") ? 1 : 0 });
			}
		}
		final double tReblur = p.thresholds().reblur();
		assertTrue(Double.isFinite(tReblur), "T_reblur stored");
		double bestBalanced = 0;
		for (final double[] c : noisy) bestBalanced = Math.max(bestBalanced, Math.max(balanced(noisy, c[0]), balanced(
			noisy, c[0] - 1e-9)));
		assertEquals(bestBalanced, balanced(noisy, tReblur), 1e-12);

		// calibrated again in place: the previous filter_sets.json stays as a dated copy
		final byte[] first = Files.readAllBytes(new File(sets, FilterSets.JSON).toPath());
		m = run(CalibrateThresholdsCommand.class, "filter_sets", sets, "baseline_model", f[0].getPath(),
			"target_model", f[1].getPath(), "input_dir", f[2], "percent", 10.0, "steps", 4, "crop_size", 16, "crops", 1);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final File[] dated = sets.listFiles((d, name) -> name.matches("filter_sets\\.\\d{8}-\\d{6}-\\d{3}\\.json"));
		boolean kept = false;
		for (final File d : dated) kept |= Arrays.equals(first, Files.readAllBytes(d.toPath()));
		assertTrue(kept, "the replaced filter_sets.json is kept as " + Arrays.toString(dated));

		// into output_dir: a whole calibrated copy; the source sets are not touched
		final File copy = dir.resolve("copy").toFile();
		assertTrue(copy.mkdir());
		final byte[] now = Files.readAllBytes(new File(sets, FilterSets.JSON).toPath());
		m = run(CalibrateThresholdsCommand.class, "filter_sets", sets, "output_dir", copy, "baseline_model", f[0]
			.getPath(), "target_model", f[1].getPath(), "input_dir", f[2], "percent", 10.0, "steps", 4, "crop_size", 16,
			"crops", 1);
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertArrayEquals(now, Files.readAllBytes(new File(sets, FilterSets.JSON).toPath()));
		assertArrayEquals(Files.readAllBytes(new File(sets, FilterSets.BLUR_FILE).toPath()), Files.readAllBytes(new File(
			copy, FilterSets.BLUR_FILE).toPath()));
		assertNotNull(PredictionSettings.fromJson(FilterSets.read(copy, -1).extra()));
	}

	@Test
	void aDegenerateCalibrationIsRefused() {
		final Thresholds t = new Thresholds(0.5, 0.5);
		final List<ThresholdFit.Sample> same = List.of(sample(
			Degradation.BLUR, 0, 0.3), sample(Degradation.CLEAN, 0, 0.1));
		assertTrue(ThresholdFit.degenerate(same, t).contains("OS_blur"));
		final List<ThresholdFit.Sample> fine = List.of(sample(
			Degradation.BLUR, 0.4, 0.3), sample(Degradation.CLEAN, 0, 0.1));
		assertEquals(null, ThresholdFit.degenerate(fine, t));
	}

	private static ThresholdFit.Sample sample(
		final Degradation d, final double blur, final double noise)
	{
		return new ThresholdFit.Sample(d,
			new DegradationPredictor.Scores(blur, noise, 0));
	}

	/** The balanced accuracy of "read-out > t" on rows {read-out, 1 if blurry}. */
	private static double balanced(final List<double[]> rows, final double t) {
		double tp = 0;
		double pos = 0;
		double tn = 0;
		double neg = 0;
		for (final double[] r : rows) {
			if (r[1] == 1) {
				pos++;
				if (r[0] > t) tp++;
			}
			else {
				neg++;
				if (!(r[0] > t)) tn++;
			}
		}
		return (tp / pos + tn / neg) / 2;
	}
}
