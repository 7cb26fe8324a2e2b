package io.github.faig.prediction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.faig.SciJavaTest;
import io.github.faig.attribution.FilterIndex;
import io.github.faig.attribution.FilterSets;
import io.github.faig.command.DegradationMapCommand;
import io.github.faig.command.FaigCommand;
import io.github.faig.command.PredictDegradationCommand;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.degrade.Degrader;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.image.FloatImage;
import io.github.faig.nn.io.ModelLocator;
import io.github.faig.nn.io.ModelPackage;

/**
 * Both shipped filter sets are found by their bundled names, as models are, and drive Predict Degradation and the
 * Degradation Map with their own pair (the models named in their {@code filter_sets.json}) and calibrated thresholds.
 */
class BundledFilterSetsTest extends SciJavaTest {

	private static ImagePlus noisyCrop(final boolean grey) {
		FloatImage photo = ImagePlusBridge.toFloatImages(ImageFiles.open(new File("src/demo/images/fruits.png"),
			"photo")).get(0).asRgb();
		// a grey photograph: the mean of R, G and B (any grey image will do)
		if (grey) photo = new FloatImage(1, photo.height(), photo.width(), meanOfChannels(photo));
		final Degrader d = new Degrader(DegradationParams.defaults());
		final FloatImage lr = d.degrade(d.groundTruth(photo), Degradation.NOISE, 1);
		final FloatImage crop = lr.crop((lr.height() - 48) / 2, (lr.width() - 64) / 2, 48, 64);
		return ImagePlusBridge.toImagePlus("noisy", List.of(crop), null, ImagePlusBridge.OutputType.BYTE, null);
	}

	private static float[] meanOfChannels(final FloatImage rgb) {
		final int n = rgb.height() * rgb.width();
		final float[] g = new float[n];
		for (int i = 0; i < n; i++) g[i] = (rgb.data()[i] + rgb.data()[n + i] + rgb.data()[2 * n + i]) / 3;
		return g;
	}

	@Test
	void srcnnSetsResolveByNameAndPredict() throws Exception {
		checkByName("filter-sets-srcnn-x2", "srcnn-x2-baseline", "srcnn-x2-target");
	}

	@Test
	void msrresnetSetsResolveByNameAndPredict() throws Exception {
		checkByName("filter-sets-msrresnet-x2", "msrresnet-x2-baseline", "msrresnet-x2-target");
	}

	/** The grey pair's sets (issue #28), on a grey image. */
	@Test
	void msrresnetGreySetsResolveByNameAndPredict() throws Exception {
		checkByName("filter-sets-msrresnet-x2-grey", "msrresnet-x2-grey-baseline", "msrresnet-x2-grey-target");
	}

	@Test
	void blurUnderNoiseRunsWithTheMsrresnetSetsAndIsRefusedWithoutTReblur(@TempDir final Path dir) throws Exception {
		assumeTrue(new File("sample-models/filter-sets-msrresnet-x2/" + FilterSets.JSON).isFile(), "sets absent");
		final ImagePlus imp = noisyCrop(false);
		final FaigCommand paper = run(PredictDegradationCommand.class, "image", imp);
		final FaigCommand bun = run(PredictDegradationCommand.class, "image", imp, "decision_rule", "blur-under-noise");
		assertFalse(paper.isCanceled() || bun.isCanceled(), paper.getCancelReason() + " / " + bun.getCancelReason());
		final ResultsTable a = (ResultsTable) paper.getOutput("predictions");
		final ResultsTable b = (ResultsTable) bun.getOutput("predictions");
		final PredictionSettings s = PredictionSettings.fromJson(FilterSets.read(ModelLocator.resolve(
			"filter-sets-msrresnet-x2", "filter_sets"), -1).extra());
		assertTrue(Double.isFinite(s.thresholds().reblur()), "the shipped sets store T_reblur");
		assertEquals("paper", a.getStringValue("decision_rule", 0));
		assertEquals("blur-under-noise", b.getStringValue("decision_rule", 0));
		assertEquals(s.thresholds().reblur(), b.getValue("t_reblur", 0), 1e-9);
		// the same scores, one more read-out: only the decision may differ, and as the rule says
		assertEquals(a.getValue("os_blur", 0), b.getValue("os_blur", 0), 1e-12);
		assertEquals(a.getValue("os_noise", 0), b.getValue("os_noise", 0), 1e-12);
		final double reblur = b.getValue("reblur", 0);
		assertTrue(reblur > 0 && reblur < 1, "re-blur " + reblur);
		assertEquals(a.getStringValue("noise", 0), b.getStringValue("noise", 0));
		assertEquals(DecisionRule.BLUR_UNDER_NOISE.decide(new DegradationPredictor.Scores(b.getValue("os_blur", 0), b
			.getValue("os_noise", 0), reblur, 0), s.thresholds()).label(), b.getStringValue("decision", 0));
		// sets calibrated before the rule: refused before any work, naming the input and the way out
		final FaigCommand refused = run(PredictDegradationCommand.class, "image", imp, "filter_sets",
			setsWithoutTReblur(dir).toString(), "decision_rule", "blur-under-noise");
		assertTrue(refused.isCanceled());
		assertTrue(refused.getCancelReason().contains("decision_rule=blur-under-noise needs T_reblur") && refused
			.getCancelReason().contains("decision_rule=paper"), refused.getCancelReason());
	}

	/**
	 * A given t_reblur replaces the calibrated one: just below an image's read-out its noisy verdict gains blur,
	 * just above it loses it; and it lets sets calibrated without T_reblur run the rule.
	 */
	@Test
	void aGivenTReblurDecidesAndStandsInForAMissingOne(@TempDir final Path dir) throws Exception {
		assumeTrue(new File("sample-models/filter-sets-msrresnet-x2/" + FilterSets.JSON).isFile(), "sets absent");
		final ImagePlus imp = noisyCrop(false);
		final ResultsTable first = predictions(run(PredictDegradationCommand.class, "image", imp, "decision_rule",
			"blur-under-noise"));
		assertEquals("yes", first.getStringValue("noise", 0), "the crop is called noisy");
		final double reblur = first.getValue("reblur", 0);
		final ResultsTable below = predictions(run(PredictDegradationCommand.class, "image", imp, "decision_rule",
			"blur-under-noise", "t_reblur", reblur - 0.01));
		final ResultsTable above = predictions(run(PredictDegradationCommand.class, "image", imp, "decision_rule",
			"blur-under-noise", "t_reblur", reblur + 0.01));
		assertEquals(reblur - 0.01, below.getValue("t_reblur", 0), 1e-9);
		assertEquals("blur+noise", below.getStringValue("decision", 0));
		assertEquals("noise", above.getStringValue("decision", 0));
		final ResultsTable old = predictions(run(PredictDegradationCommand.class, "image", imp, "filter_sets",
			setsWithoutTReblur(dir).toString(), "decision_rule", "blur-under-noise", "t_reblur", 0.5));
		assertEquals(0.5, old.getValue("t_reblur", 0), 1e-9);
		assertEquals("blur-under-noise", old.getStringValue("decision_rule", 0));
	}

	/**
	 * The shipped MSRResNet sets as sets calibrated before {@code decision_rule=blur-under-noise} existed were stored:
	 * the same files, without T_reblur.
	 */
	private static Path setsWithoutTReblur(final Path dir) throws Exception {
		final Path sets = Files.createDirectories(dir.resolve("sets-without-t-reblur"));
		final File shipped = ModelLocator.resolve("filter-sets-msrresnet-x2", "filter_sets");
		for (final File f : shipped.listFiles(File::isFile)) Files.copy(f.toPath(), sets.resolve(f.getName()));
		final Path json = sets.resolve(FilterSets.JSON);
		final JsonObject j = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
		final JsonObject prediction = j.getAsJsonObject("prediction");
		prediction.getAsJsonObject("thresholds").remove("reblur");
		prediction.remove("reblur_provenance");
		Files.writeString(json, j.toString());
		return sets;
	}

	private static ResultsTable predictions(final FaigCommand c) {
		assertFalse(c.isCanceled(), c.getCancelReason());
		return (ResultsTable) c.getOutput("predictions");
	}

	private static void checkByName(final String name, final String baseline, final String target) throws Exception {
		assumeTrue(new File("sample-models/" + name + "/" + FilterSets.JSON).isFile(), name + " absent");
		final File dir = ModelLocator.resolve(name, "filter_sets");
		assertEquals(new File("sample-models", name).getCanonicalFile(), dir.getCanonicalFile());
		final ModelPackage t = ModelLocator.load(target, "model");
		final FilterSets sets = FilterSets.read(dir, FilterIndex.of(t.spec()).filterCount());
		assertEquals(baseline, sets.baselineModel());
		assertEquals(target, sets.targetModel());
		assertNotNull(PredictionSettings.fromJson(sets.extra()), name + " carries calibrated thresholds");

		final ImagePlus imp = noisyCrop(t.spec().grey());
		final FaigCommand p = run(PredictDegradationCommand.class, "image", imp, "filter_sets", name);
		assertFalse(p.isCanceled(), p.getCancelReason());
		final ResultsTable pr = (ResultsTable) p.getOutput("predictions");
		assertEquals(1, pr.size());
		final PredictionSettings s = PredictionSettings.fromJson(sets.extra());
		assertEquals(s.thresholds().blur(), pr.getValue("t_blur", 0), 1e-9);
		assertEquals(s.thresholds().noise(), pr.getValue("t_noise", 0), 1e-9);
		Degradation.parse(pr.getStringValue("decision", 0));

		final FaigCommand m = run(DegradationMapCommand.class, "image", imp, "filter_sets", name, "tile_size", 32);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ResultsTable tiles = (ResultsTable) m.getOutput("tiles");
		assertEquals(4, tiles.size());
		for (int r = 0; r < tiles.size(); r++) Degradation.parse(tiles.getStringValue("decision", r));
	}
}
