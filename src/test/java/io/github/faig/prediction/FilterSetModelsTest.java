package io.github.faig.prediction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.faig.TestImages;
import io.github.faig.attribution.ComputeFilters;
import io.github.faig.attribution.FilterIndex;
import io.github.faig.attribution.FilterSets;
import io.github.faig.attribution.Quadrature;
import io.github.faig.attribution.Ranking;
import io.github.faig.degrade.DegradationOptions;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.nn.Fixtures;
import io.github.faig.nn.io.CheckpointConverter;
import io.github.faig.nn.io.ModelLocator;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.nn.io.ModelPair;
import io.github.faig.workflow.Monitor;

/**
 * The models a {@code filter_sets.json} names resolve the same wherever a command runs: bundled ones by name, others
 * by absolute path; a stored name that is not bundled is never looked up in the current folder. And crops smaller
 * than the network's receptive field are refused by name.
 */
class FilterSetModelsTest {

	private static final DegradationPredictor.PseudoTruth TARGET = DegradationPredictor.PseudoTruth.TARGET;

	/** The tiny fixture pair (MSRResNet, 2 blocks: a receptive field of 15 LR pixels) as packages on disk. */
	private static File[] pair(final Path dir) throws Exception {
		final File base = dir.resolve("models/base").toFile();
		final File tgt = dir.resolve("models/tgt").toFile();
		assertTrue(base.getParentFile().mkdir());
		CheckpointConverter.importModel(Fixtures.file("msrresnet_x2.pth"), null, "params", "tiny-baseline", "baseline",
			"CC0-1.0").write(base);
		CheckpointConverter.importModel(Fixtures.file("msrresnet_x2.pth"), null, null, "tiny-target", "target", "CC0-1.0")
			.write(tgt);
		return new File[] { base, tgt };
	}

	/** A folder of sets of any ranking for the pair's network, naming the given models. */
	private static File setsFolder(final Path folder, final File[] pair, final String baseline, final String target)
		throws Exception
	{
		final File f = folder.toFile();
		assertTrue(f.mkdir());
		final Ranking r = Ranking.of(new float[FilterIndex.of(ModelPackage.read(pair[0]).spec()).filterCount()]);
		new FilterSets(r, r, baseline, target, DegradationParams.defaults()).write(f, null);
		return f;
	}

	private static String absolute(final File f) {
		return f.toPath().toAbsolutePath().normalize().toString();
	}

	@Test
	void computedSetsNameTheirModelsByAbsolutePathAndPredictionFindsThem(@TempDir final Path dir) throws Exception {
		final File[] m = pair(dir);
		final ModelPair pair = new ModelPair(ModelPackage.read(m[0]), ModelPackage.read(m[1]));
		final File sets = dir.resolve("sets").toFile();
		try (ComputeFilters cf = new ComputeFilters(pair, new ComputeFilters.Options(DegradationOptions.defaults(),
			Quadrature.TRAPEZOID, 2, 16, 1, 10)))
		{
			final ComputeFilters.Result r = cf.run(TestImages.images(1, 40, 3), List.of("gt"), io.github.faig.workflow.Sharding.LOCAL, Monitor.NONE);
			assertEquals(absolute(m[0]), r.sets().baselineModel());
			assertEquals(absolute(m[1]), r.sets().targetModel());
			assertTrue(sets.mkdir());
			r.sets().write(sets, null);
		}
		// no model given: the ones the sets name, whatever the current folder
		try (PredictionModels p = new PredictionModels(sets, null, null, TARGET)) {
			assertEquals(new File(absolute(m[0])), p.baseline().source());
			assertEquals(new File(absolute(m[1])), p.target().source());
		}
	}

	@Test
	void aStoredNameThatIsNotBundledIsRefusedWithWhatToDo(@TempDir final Path dir) throws Exception {
		final File[] m = pair(dir);
		// as Compute Filters wrote them before: the packages' bare names
		final File old = setsFolder(dir.resolve("old"), m, "tiny-baseline", "tiny-target");
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PredictionModels(old,
			null, null, TARGET));
		assertTrue(e.getMessage().contains("filter_sets.json") && e.getMessage().contains("baseline_model 'tiny-baseline'")
			&& e.getMessage().contains("current folder") && e.getMessage().contains("baseline_model and target_model"), e
				.getMessage());
		// the models given explicitly win, and the sets then name them (so a calibrated copy finds them from anywhere)
		try (PredictionModels p = new PredictionModels(old, m[0].getPath(), m[1].getPath(), TARGET)) {
			assertEquals(absolute(m[0]), p.sets().baselineModel());
			assertEquals(absolute(m[1]), p.sets().targetModel());
		}
		// a relative reference is read from the sets' folder, never from the current one
		assertEquals(new File(old, "../models/base"), ModelLocator.stored("../models/base", "baseline_model", old));
		final IllegalArgumentException gone = assertThrows(IllegalArgumentException.class, () -> ModelLocator.stored(
			absolute(dir.resolve("moved").toFile()), "target_model", old));
		assertTrue(gone.getMessage().contains("target_model") && gone.getMessage().contains("moved") && gone.getMessage()
			.contains("no longer there"), gone.getMessage());
	}

	@Test
	void bundledModelsKeepTheirBareNames() throws Exception {
		final ModelPackage shipped = ModelPackage.read(new File("sample-models/msrresnet-x2-baseline"));
		assertEquals("msrresnet-x2-baseline", ModelLocator.reference(shipped));
		final FilterSets s = FilterSets.read(ModelLocator.resolve(PredictionModels.DEFAULT_FILTER_SETS, "filter_sets"),
			-1);
		assertEquals("msrresnet-x2-baseline", s.baselineModel());
	}

	@Test
	void calibrationCropsSmallerThanTheReceptiveFieldAreRefusedByName(@TempDir final Path dir) throws Exception {
		final File[] m = pair(dir);
		final File sets = setsFolder(dir.resolve("sets"), m, absolute(m[0]), absolute(m[1]));
		final CalibrationOptions d = CalibrationOptions.defaults();
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CalibrateThresholds(
			sets, null, null, new CalibrationOptions(10, 2, d.rule(), TARGET, 14, 1, d.degradation())));
		assertTrue(e.getMessage().startsWith("crop_size=14 ") && e.getMessage().contains(">= 15"), e.getMessage());
		new CalibrateThresholds(sets, null, null, new CalibrationOptions(10, 2, d.rule(), TARGET, 15, 1, d
			.degradation())).close();
	}
}
