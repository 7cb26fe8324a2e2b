package io.github.faig.prediction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.faig.attribution.DegradationAttribution;
import io.github.faig.attribution.FaigEngine;
import io.github.faig.attribution.FilterSets;
import io.github.faig.attribution.Quadrature;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.image.FloatImage;
import io.github.faig.nn.io.ModelPair;
import io.github.faig.sr.SrModel;
import io.github.faig.workflow.Monitor;

/**
 * With the sample MSRResNet pair: filter sets discovered on crops of the bundled photographs, thresholds calibrated
 * on the same crops, and then the blurry and the noisy version of one of those crops are predicted as what they are.
 */
class SamplePairPredictionTest {

	@Test
	void anImageTheSetsWereBuiltFromGetsItsKnownLabel() throws Exception {
		final File models = new File("sample-models");
		assumeTrue(new File(models, "msrresnet-x2-target/model.json").isFile(), "sample models not present");
		final ModelPair pair = ModelPair.load("msrresnet-x2-baseline", "msrresnet-x2-target");
		final List<FloatImage> gts = new ArrayList<>();
		final List<String> names = new ArrayList<>();
		for (final String n : new String[] { "building.png", "fruits.png" }) {
			gts.add(ImagePlusBridge.toFloatImages(ImageFiles.open(new File("src/demo/images/" + n), "photo")).get(0));
			names.add(n);
		}
		final DegradationParams p = DegradationParams.defaults();
		try (FaigEngine e = new FaigEngine(pair.target().spec(), pair.baseline().weights(), pair.target().weights());
			SrModel truth = SrModel.load(pair.target()))
		{
			final DegradationAttribution.Result r = new DegradationAttribution(e, p, 3, Quadrature.TRAPEZOID, 8, 40, 2)
				.run(gts, names, Monitor.NONE);
			final FilterSets sets = new FilterSets(r.blur(), r.noise(), "b", "t", p);
			final DegradationPredictor pred = new DegradationPredictor(e, truth, sets, 1.0, Quadrature.TRAPEZOID, 8);
			final List<LabelledInputs.Input> in = LabelledInputs.make(gts, names, p, 3, 40, 2);
			final List<ThresholdFit.Sample> samples = new ArrayList<>();
			for (final LabelledInputs.Input i : in) {
				if (i.label() == Degradation.BLUR || i.label() == Degradation.NOISE || i.label() == Degradation.CLEAN) {
					samples.add(new ThresholdFit.Sample(i.label(), pred.scores(i.lr())));
				}
			}
			final Thresholds t = ThresholdFit.calibrate(samples);
			for (final LabelledInputs.Input i : in.subList(0, 4)) {
				if (i.label() != Degradation.BLUR && i.label() != Degradation.NOISE) continue;
				final DegradationPredictor.Prediction d = pred.predict(i.lr(), t);
				assertEquals(i.label(), d.decision(), i.name() + " " + i.label() + ": OS_blur " + d.scores().blur() +
					", OS_noise " + d.scores().noise() + ", thresholds " + t);
			}
			assertTrue(r.meanCompletenessError() < 0.05, "completeness " + r.meanCompletenessError());
		}
	}
}
