package io.github.faig.prediction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Rectangle;
import java.io.File;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.process.ImageProcessor;
import io.github.faig.SciJavaTest;
import io.github.faig.command.DegradationMapCommand;
import io.github.faig.command.FaigCommand;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.degrade.Degrader;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.image.FloatImage;

/**
 * The degradation map with the shipped sample pair and filter sets: a photograph whose left half is blurred and
 * whose right half is noisy gets a map whose two halves carry those two decisions.
 */
class DegradationMapTest extends SciJavaTest {

	@Test
	void leftBlurRightNoiseHalvesAreToldApart() throws Exception {
		assumeTrue(new File("sample-models/filter-sets-msrresnet-x2/filter_sets.json").isFile(), "sample sets absent");
		final FloatImage photo = ImagePlusBridge.toFloatImages(ImageFiles.open(new File("src/demo/images/building.png"),
			"photo")).get(0).asRgb();
		final Degrader d = new Degrader(DegradationParams.defaults());
		final FloatImage gt = d.groundTruth(photo);
		final FloatImage blur = d.degrade(gt, Degradation.BLUR, 1);
		final FloatImage noise = d.degrade(gt, Degradation.NOISE, 1);
		// 4 x 2 tiles of 32 px: the left two columns from the blurry image, the right two from the noisy one
		final int tile = 32;
		final FloatImage mixed = new FloatImage(3, 2 * tile, 4 * tile);
		final int y0 = (blur.height() - 2 * tile) / 2;
		final int x0 = (blur.width() - 4 * tile) / 2;
		for (int c = 0; c < 3; c++) for (int y = 0; y < 2 * tile; y++) for (int x = 0; x < 4 * tile; x++) {
			final FloatImage src = x < 2 * tile ? blur : noise;
			mixed.data()[mixed.channelOffset(c) + y * mixed.width() + x] = src.get(c, y0 + y, x0 + x);
		}
		final ImagePlus imp = ImagePlusBridge.toImagePlus("left_blur_right_noise", List.of(mixed), null,
			ImagePlusBridge.OutputType.BYTE, null);
		// a user's annotation, which the map must leave in place
		final Roi mine = new Roi(5, 6, 20, 10);
		mine.setName("my cell");
		imp.setOverlay(new Overlay(mine));
		final FaigCommand m = run(DegradationMapCommand.class, "image", imp,
			"tile_size", tile);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ResultsTable t = (ResultsTable) m.getOutput("tiles");
		assertEquals(8, t.size());
		final Map<Degradation, Integer> left = new EnumMap<>(Degradation.class);
		final Map<Degradation, Integer> right = new EnumMap<>(Degradation.class);
		for (int r = 0; r < t.size(); r++) {
			final boolean isLeft = t.getValue("x", r) + tile / 2.0 < 2 * tile;
			(isLeft ? left : right).merge(Degradation.parse(t.getStringValue("decision", r)), 1, Integer::sum);
		}
		assertEquals(Degradation.BLUR, mostCommon(left), "left half " + left);
		assertEquals(Degradation.NOISE, mostCommon(right), "right half " + right);
		final ImagePlus map = (ImagePlus) m.getOutput("degradation_map");
		assertEquals(imp.getWidth(), map.getWidth());
		assertEquals(imp.getHeight(), map.getHeight());
		assertEquals(8, map.getBitDepth());
		// the labelled image carries 1 + each tile's class; the overlay on the image one ROI per tile + a legend
		for (int r = 0; r < t.size(); r++) {
			final int x = (int) t.getValue("x", r) + tile / 2;
			final int y = (int) t.getValue("y", r) + tile / 2;
			assertEquals(Degradation.parse(t.getStringValue("decision", r)).ordinal() + 1, map.getProcessor().get(x, y));
		}
		// the overlay: one ROI per tile, the legend (a box, a swatch and a label per class), then the user's ROI, drawn
		// last so it stays visible over the tiles
		final Overlay o = imp.getOverlay();
		final int legend = 1 + 2 * Degradation.values().length;
		assertEquals(8 + legend + 1, o.size());
		assertEquals("my cell", o.get(8 + legend).getName());
		assertEquals(new Rectangle(5, 6, 20, 10), o.get(8 + legend).getBounds());
		assertEquals("FAIG map: " + t.getStringValue("decision", 0), o.get(0).getName());
		assertEquals(new Rectangle(0, 0, tile, tile), o.get(0).getBounds());
		// a rerun replaces its own map, nothing else
		assertFalse(run(DegradationMapCommand.class, "image", imp, "tile_size", tile).isCanceled());
		assertEquals(8 + legend + 1, imp.getOverlay().size());
		assertEquals("my cell", imp.getOverlay().get(8 + legend).getName());
	}

	@Test
	void aSelectionAndAllPlanesChooseTheTiles(@TempDir final Path dir) throws Exception {
		assumeTrue(new File("sample-models/filter-sets-msrresnet-x2/filter_sets.json").isFile(), "sample sets absent");
		final ImagePlus photo = ImageFiles.open(new File("src/demo/images/building.png"), "photo");
		final ImageStack st = new ImageStack(96, 64);
		final ImageProcessor a = photo.getProcessor().crop();
		a.setRoi(0, 0, 96, 64);
		st.addSlice("a", a.crop());
		a.setRoi(100, 50, 96, 64);
		st.addSlice("b", a.crop());
		final ImagePlus imp = new ImagePlus("two", st);
		imp.setRoi(new Roi(40, 10, 40, 32)); // room for 1 x 2 tiles of 32, the second moved back
		imp.setSlice(2);
		FaigCommand m = run(DegradationMapCommand.class, "image", imp, "tile_size", 32);
		assertFalse(m.isCanceled(), m.getCancelReason());
		ResultsTable t = (ResultsTable) m.getOutput("tiles");
		assertEquals(2, t.size());
		assertEquals(40, (int) t.getValue("x", 0));
		assertEquals(48, (int) t.getValue("x", 1));
		assertEquals(10, (int) t.getValue("y", 0));
		assertEquals(2, (int) t.getValue("slice", 0), "the current plane");
		final ImagePlus map = (ImagePlus) m.getOutput("degradation_map");
		assertEquals(0, map.getProcessor().get(5, 5), "outside the selection: not mapped");
		m = run(DegradationMapCommand.class, "image", imp, "tile_size", 32, "all_planes", true, "output_dir", dir
			.toFile());
		assertFalse(m.isCanceled(), m.getCancelReason());
		t = (ResultsTable) m.getOutput("tiles");
		assertEquals(4, t.size());
		assertEquals(1, (int) t.getValue("slice", 0));
		assertEquals(2, (int) t.getValue("slice", 3));
		assertEquals(2, ((ImagePlus) m.getOutput("degradation_map")).getStackSize());
		assertTrue(new File(dir.toFile(), "two_degradation_labels.tif").isFile());
		assertTrue(new File(dir.toFile(), "two_degradation_tiles.csv").isFile());
	}

	private static Degradation mostCommon(final Map<Degradation, Integer> counts) {
		return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
	}
}
