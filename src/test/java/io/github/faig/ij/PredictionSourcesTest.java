package io.github.faig.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ImageProcessor;
import io.github.faig.image.FloatImage;
import io.github.faig.image.IntensityScale;
import io.github.faig.prediction.DegradationPredictor;
import io.github.faig.prediction.PredictDegradation;
import io.github.faig.prediction.PredictionOptions;
import io.github.faig.prediction.PredictionSettings;
import io.github.faig.workflow.Monitor;
import io.github.faig.workflow.Sharding;

/**
 * The planes Predict Degradation and the Degradation Map hand to the networks: as they are (a grey plane stays one
 * channel, the predictor makes it what the pair takes, once), and counted as planes in the progress, not files.
 */
class PredictionSourcesTest {

	/** Two 32 x 32 8-bit slices of a photograph's grey values. */
	private static ImagePlus greyStack() {
		final ImageProcessor grey = ImageFiles.open(new File("src/demo/images/building.png"), "photo").getProcessor()
			.convertToByte(false);
		final ImageStack st = new ImageStack(32, 32);
		grey.setRoi(100, 60, 32, 32);
		st.addSlice("a", grey.crop());
		grey.setRoi(40, 20, 32, 32);
		st.addSlice("b", grey.crop());
		return new ImagePlus("cells", st);
	}

	private static List<PredictDegradation.Image> planes(final ImagePlus imp) {
		return PredictionSources.planes(imp, "cells", "auto", "auto", IntensityScale.DEFAULT_LOW_PERCENTILE,
			IntensityScale.DEFAULT_HIGH_PERCENTILE);
	}

	private static PredictionOptions sets(final String name) {
		return new PredictionOptions(name, PredictionSettings.CALIBRATED, PredictionSettings.CALIBRATED);
	}

	/** The progress of the planes of one image counts planes; that of a folder's files counts files (trial finding). */
	@Test
	void progressCountsPlanesOrFiles(@TempDir final Path dir) throws Exception {
		final ImagePlus imp = greyStack();
		final List<PredictDegradation.Source> planes = new ArrayList<>();
		for (final PredictDegradation.Image im : planes(imp)) planes.add(new PredictionSources.Plane(im));
		final File file = dir.resolve("cells.tif").toFile();
		ImageFiles.save(imp, file);
		final List<PredictDegradation.Source> files = List.of(new PredictionSources.FileSource(file, "auto", "auto",
			IntensityScale.DEFAULT_LOW_PERCENTILE, IntensityScale.DEFAULT_HIGH_PERCENTILE));
		try (PredictDegradation p = new PredictDegradation(sets("filter-sets-srcnn-x2"))) {
			final List<String> said = new ArrayList<>();
			final Monitor m = Monitor.of((message, done, total) -> said.add(message), () -> false);
			p.predictAll(planes, false, Sharding.LOCAL, m);
			assertTrue(said.contains("Predicting cells:2 (2/2 planes)"), said.toString());
			assertTrue(said.stream().noneMatch(s -> s.contains("files")), said.toString());
			said.clear();
			p.predictAll(files, true, Sharding.LOCAL, m);
			assertEquals(List.of("Predicting cells.tif (1/1 files)"), said);
		}
	}

	/**
	 * A grey plane reaches a grey pair as it is, one channel, no longer made RGB by the sources and grey again by
	 * the networks: the same per-filter scores as the old round trip, which converted it three times. An RGB pair
	 * still gets three equal channels: the same scores from the plane as from the plane made RGB beforehand.
	 */
	@Test
	void planesGoToThePairInTheirOwnChannels() throws Exception {
		final List<PredictDegradation.Image> planes = planes(greyStack());
		assertEquals(2, planes.size());
		final FloatImage plane = planes.get(0).image();
		assertEquals(1, plane.channels(), "a grey plane is handed on as one channel");
		final float[] before = plane.data().clone();
		try (PredictDegradation grey = new PredictDegradation(sets("filter-sets-msrresnet-x2-grey"))) {
			assertEquals(1, grey.models().target().spec().numInCh());
			final DegradationPredictor d = grey.models().predictor(grey.settings());
			final DegradationPredictor.Scored own = d.scored(plane, Monitor.NONE);
			final DegradationPredictor.Scored roundTrip = d.scored(plane.asRgb(), Monitor.NONE);
			assertArrayEquals(roundTrip.filterScores(), own.filterScores());
			assertEquals(roundTrip.scores().blur(), own.scores().blur());
			assertEquals(roundTrip.scores().noise(), own.scores().noise());
		}
		try (PredictDegradation rgb = new PredictDegradation(sets("filter-sets-srcnn-x2"))) {
			assertEquals(3, rgb.models().target().spec().numInCh());
			final DegradationPredictor d = rgb.models().predictor(rgb.settings());
			assertArrayEquals(d.filterScores(plane.asRgb(), Monitor.NONE), d.filterScores(plane, Monitor.NONE));
		}
		assertArrayEquals(before, plane.data(), "the plane itself is not changed");
		assertFalse(planes.get(1).name().equals(planes.get(0).name()));
	}
}
