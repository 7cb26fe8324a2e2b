package io.github.faig.prediction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.faig.attribution.FilterSets;
import io.github.faig.attribution.Quadrature;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.degrade.Degrader;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.image.FloatImage;
import io.github.faig.workflow.Monitor;

/** The prediction workflows at value level: calibration, the settings rule, decisions and the map's tiles. */
class PredictionWorkflowTest {

	private static final File SHIPPED = new File("sample-models/filter-sets-msrresnet-x2");

	private static CalibrateThresholds.Score score(final Degradation d, final double blur, final double noise) {
		return new CalibrateThresholds.Score("calibration", d.label(), d, new DegradationPredictor.Scores(blur, noise, 0),
			new float[0]);
	}

	/**
	 * OS_blur 0.1, 0.2 without blur and 0.5, 0.6 with it: only the midpoint 0.35 separates them all; OS_noise 0.0,
	 * 0.3 without noise and 0.7, 0.9 with it: 0.5.
	 */
	@Test
	void calibrationFindsTheOnlySeparatingMidpoints() {
		final List<CalibrateThresholds.Score> s = List.of(score(Degradation.CLEAN, 0.1, 0.0), score(Degradation.CLEAN,
			0.2, 0.3), score(Degradation.BLUR, 0.5, 0.0), score(Degradation.BLUR, 0.6, 0.3), score(Degradation.NOISE, 0.1,
				0.7), score(Degradation.NOISE, 0.2, 0.9), score(Degradation.BLUR_NOISE, 0.5, 0.7), score(
					Degradation.BLUR_NOISE, 0.6, 0.9));
		final Thresholds t = CalibrateThresholds.finish(s);
		assertEquals(0.35, t.blur(), 1e-12);
		assertEquals(0.5, t.noise(), 1e-12);
		// every input's OS_blur alike: nothing separated, refused
		final List<CalibrateThresholds.Score> flat = List.of(score(Degradation.CLEAN, 0.3, 0.1), score(Degradation.BLUR,
			0.3, 0.2), score(Degradation.NOISE, 0.3, 0.8));
		final IllegalStateException e = assertThrows(IllegalStateException.class, () -> CalibrateThresholds.finish(
			flat));
		assertTrue(e.getMessage().contains("degenerate") && e.getMessage().contains("OS_blur"), e.getMessage());
	}

	/**
	 * Each image's four labelled inputs score alike (0.2, 0.3 and 0.4, 0.1): whatever the thresholds, each decision
	 * says the same for an input with and without its degradation, balanced accuracy 0.5 for both: refused. One
	 * decision that separates is enough to keep a calibration.
	 */
	@Test
	void aCalibrationAtChanceIsRefused() {
		final List<CalibrateThresholds.Score> alike = new java.util.ArrayList<>();
		for (final Degradation d : Degradation.values()) {
			alike.add(score(d, 0.2, 0.3));
			alike.add(score(d, 0.4, 0.1));
		}
		final IllegalStateException e = assertThrows(IllegalStateException.class, () -> CalibrateThresholds.finish(
			alike));
		assertTrue(e.getMessage().contains("chance") && e.getMessage().contains("0.500") && e.getMessage().contains(
			"more steps"), e.getMessage());
		// OS_noise now separates noise; OS_blur still at chance: kept
		final List<CalibrateThresholds.Score> half = new java.util.ArrayList<>();
		for (final Degradation d : Degradation.values()) {
			half.add(score(d, 0.2, d.hasNoise() ? 0.8 : 0.3));
			half.add(score(d, 0.4, d.hasNoise() ? 0.6 : 0.1));
		}
		assertEquals(0.45, CalibrateThresholds.finish(half).noise(), 1e-12);
	}

	@Test
	void storedSettingsWinOverTheFallbackAndGivenThresholdsOverBoth() {
		final JsonObject extra = new JsonObject();
		final PredictionSettings stored = new PredictionSettings(3.0, 12, Quadrature.GAUSS_LEGENDRE,
			DegradationPredictor.PseudoTruth.BASELINE, new Thresholds(0.25, 0.75));
		extra.add(PredictionSettings.KEY, stored.toJson());
		assertEquals(stored, PredictionSettings.forPrediction(extra, -1, -1, "sets"));
		assertEquals(stored.withThresholds(new Thresholds(0.25, 0.4)), PredictionSettings.forPrediction(extra, -1, 0.4,
			"sets"));
		// none stored: the fallback's scoring, with the thresholds given
		final PredictionSettings f = PredictionSettings.forPrediction(new JsonObject(), 0.3, 0.6, "sets");
		assertEquals(new PredictionSettings(1.0, 20, Quadrature.TRAPEZOID, DegradationPredictor.PseudoTruth.TARGET,
			new Thresholds(0.3, 0.6)), f);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PredictionSettings
			.forPrediction(new JsonObject(), 0.3, -1, "my-sets"));
		assertTrue(e.getMessage().contains("my-sets") && e.getMessage().contains("t_noise"), e.getMessage());
	}

	/** Sets without a calibration: the workflow scores with the fallback and the thresholds given. */
	@Test
	void uncalibratedSetsPredictWithTheFallback(@TempDir final Path dir) throws Exception {
		assumeTrue(new File(SHIPPED, FilterSets.JSON).isFile(), "sample sets absent");
		final JsonObject json = JsonParser.parseString(Files.readString(new File(SHIPPED, FilterSets.JSON).toPath(),
			StandardCharsets.UTF_8)).getAsJsonObject();
		json.remove(PredictionSettings.KEY);
		for (final String n : new String[] { FilterSets.BLUR_FILE, FilterSets.NOISE_FILE }) {
			Files.copy(new File(SHIPPED, n).toPath(), dir.resolve(n));
		}
		Files.writeString(dir.resolve(FilterSets.JSON), json.toString(), StandardCharsets.UTF_8);
		try (PredictDegradation p = new PredictDegradation(new PredictionOptions(dir.toString(), 0.45, 0.55))) {
			assertEquals(PredictionSettings.fallback().withThresholds(new Thresholds(0.45, 0.55)), p.settings());
		}
		assertThrows(IllegalArgumentException.class, () -> new PredictDegradation(new PredictionOptions(dir.toString(),
			-1, -1)));
	}

	/**
	 * A run reads its filter sets once and passes them down: the settings, the models' sets and a decision come from
	 * what was read, although the folder's files are gone by then (a second read would be refused).
	 */
	@Test
	void theSetsAreReadOnceAndPassedDown(@TempDir final Path dir) throws Exception {
		assumeTrue(new File(SHIPPED, FilterSets.JSON).isFile(), "sample sets absent");
		final String[] files = { FilterSets.BLUR_FILE, FilterSets.NOISE_FILE, FilterSets.JSON };
		for (final String n : files) Files.copy(new File(SHIPPED, n).toPath(), dir.resolve(n));
		final FilterSets read = FilterSets.read(dir.toFile(), -1);
		for (final String n : files) Files.delete(dir.resolve(n));
		assertThrows(IllegalArgumentException.class, () -> FilterSets.read(dir.toFile(), -1));
		final Degrader d = new Degrader(DegradationParams.defaults());
		final FloatImage crop = d.degrade(d.groundTruth(photo("fruits.png")), Degradation.NOISE, 1).crop(40, 60, 32, 32);
		try (PredictDegradation p = new PredictDegradation(PredictionOptions.defaults(), dir.toFile(), read, null,
			null))
		{
			assertEquals(PredictionSettings.forPrediction(read.extra(), -1, -1, "sets"), p.settings());
			for (final Degradation g : new Degradation[] { Degradation.BLUR, Degradation.NOISE }) {
				assertArrayEquals(read.ranking(g).order(), p.models().sets().ranking(g).order());
			}
			assertEquals("crop", p.predict(crop, "crop", Monitor.NONE).name());
		}
	}

	private static FloatImage photo(final String name) {
		return ImagePlusBridge.toFloatImages(ImageFiles.open(new File("src/demo/images/" + name), "photo")).get(0)
			.asRgb();
	}

	/** The top {@code percent} % of scores by a plain sort (ties to the lower index), as filter indices. */
	private static List<Integer> top(final float[] s, final double percent) {
		final int k = (int) Math.floor(s.length * percent / 100 + 1e-9);
		return IntStream.range(0, s.length).boxed().sorted(Comparator.comparingDouble((Integer i) -> -s[i])
			.thenComparingInt(i -> i)).limit(k).toList();
	}

	private static double overlap(final List<Integer> set, final List<Integer> own) {
		return own.stream().filter(set::contains).count() / (double) own.size();
	}

	/**
	 * A noisy crop's decision: its OS_blur and OS_noise recomputed from its attributions and the index files by plain
	 * sorts and counts, and the decision from those and the stored thresholds.
	 */
	@Test
	void aDecisionFollowsFromTheOverlapOfTheAttributionsWithTheSets() throws Exception {
		assumeTrue(new File(SHIPPED, FilterSets.JSON).isFile(), "sample sets absent");
		final Degrader d = new Degrader(DegradationParams.defaults());
		final FloatImage lr = d.degrade(d.groundTruth(photo("fruits.png")), Degradation.NOISE, 1);
		final FloatImage crop = lr.crop(40, 60, 32, 32);
		try (PredictDegradation p = new PredictDegradation(PredictionOptions.defaults())) {
			final PredictDegradation.Result r = p.predict(crop, "crop", Monitor.NONE);
			final PredictionSettings s = p.settings();
			final FloatImage truth = p.models().truth().superResolve(crop, 1 << 16, 0, Monitor.NONE);
			final float[] attr = p.models().engine().attribute(crop, truth, s.rule(), s.steps()).scores();
			final List<Integer> own = top(attr, s.percent());
			final int k = own.size();
			final List<Integer> blur = Files.readAllLines(new File(SHIPPED, FilterSets.BLUR_FILE).toPath()).subList(0, k)
				.stream().map(String::trim).map(Integer::valueOf).toList();
			final List<Integer> noise = Files.readAllLines(new File(SHIPPED, FilterSets.NOISE_FILE).toPath()).subList(0,
				k).stream().map(String::trim).map(Integer::valueOf).toList();
			final double ob = overlap(blur, own);
			final double on = overlap(noise, own);
			assertEquals(ob, r.prediction().scores().blur(), 1e-12);
			assertEquals(on, r.prediction().scores().noise(), 1e-12);
			assertEquals(Degradation.of(ob > s.thresholds().blur(), on > s.thresholds().noise()), r.prediction()
				.decision());
			assertEquals("crop", r.name());
		}
	}

	@Test
	void tilesCoverTheRegionWithTheLastMovedBack() {
		final List<DegradationMap.Tile> t = DegradationMap.tiles(new DegradationMap.Region(40, 10, 40, 32), 32, "it");
		assertEquals(List.of(new DegradationMap.Tile(0, 0, 40, 10), new DegradationMap.Tile(1, 0, 48, 10)), t);
		assertEquals(6, DegradationMap.tiles(new DegradationMap.Region(0, 0, 96, 64), 32, "it").size());
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DegradationMap.tiles(
			new DegradationMap.Region(0, 0, 20, 64), 32, "the selection"));
		assertTrue(e.getMessage().startsWith("the selection of 20x64 pixels"), e.getMessage());
	}

	/** Left half clean, right half noisy (2 x 2 tiles each): noise is found in the right tiles only. */
	@Test
	void aMapOfACleanAndANoisyHalf() throws Exception {
		assumeTrue(new File(SHIPPED, FilterSets.JSON).isFile(), "sample sets absent");
		final Degrader d = new Degrader(DegradationParams.defaults());
		final FloatImage gt = d.groundTruth(photo("building.png"));
		final FloatImage clean = d.degrade(gt, Degradation.CLEAN, 1);
		final FloatImage noisy = d.degrade(gt, Degradation.NOISE, 1);
		final int tile = 32;
		// the two halves of one 128 x 64 window, from the clean and the noisy image
		final FloatImage left = clean.crop(40, 50, 2 * tile, 2 * tile);
		final FloatImage right = noisy.crop(40, 50 + 2 * tile, 2 * tile, 2 * tile);
		final FloatImage mixed = new FloatImage(3, 2 * tile, 4 * tile);
		for (int row = 0; row < 3 * 2 * tile; row++) {
			System.arraycopy(left.data(), row * 2 * tile, mixed.data(), row * 4 * tile, 2 * tile);
			System.arraycopy(right.data(), row * 2 * tile, mixed.data(), row * 4 * tile + 2 * tile, 2 * tile);
		}
		final List<DegradationMap.TileDecision> m;
		try (DegradationMap map = new DegradationMap(new DegradationMapOptions(PredictionOptions.defaults(), tile))) {
			m = map.run(1, p -> mixed, DegradationMap.Region.of(mixed), "image", Monitor.NONE);
		}
		assertEquals(8, m.size());
		final List<String> wrong = new ArrayList<>();
		for (final DegradationMap.TileDecision t : m) {
			assertEquals(0, t.plane());
			assertEquals(t.tile().column() * tile, t.tile().x());
			assertEquals(t.tile().row() * tile, t.tile().y());
			final boolean noisyHalf = t.tile().x() >= 2 * tile;
			if (t.prediction().decision().hasNoise() != noisyHalf) wrong.add(t.tile() + " " + t.prediction());
		}
		assertTrue(wrong.isEmpty(), "noise decided where it is not, or missed: " + wrong);
	}
}
