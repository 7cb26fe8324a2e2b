package io.github.faig.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.util.List;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.gui.TextRoi;
import ij.process.ByteProcessor;
import io.github.faig.prediction.DegradationMap;

/** The map's overlay without models: tiles painted once, a legend inside any image, the user's ROIs kept. */
class DegradationMapDisplayTest {

	/** Every pixel of a region is painted by exactly one tile, whatever the region's size against the tile's. */
	@Test
	void eachPixelIsPaintedOnce() {
		for (final int[] r : new int[][] { { 0, 0, 100, 70 }, { 3, 5, 64, 64 }, { 10, 20, 129, 33 }, { 0, 0, 32, 95 } }) {
			final DegradationMap.Region region = new DegradationMap.Region(r[0], r[1], r[2], r[3]);
			final int[][] count = new int[r[1] + r[3]][r[0] + r[2]];
			for (final DegradationMap.Tile t : DegradationMap.tiles(region, 32, "image")) {
				final DegradationMap.Region own = DegradationMap.painted(t, region, 32);
				// a tile's own part lies inside the tile that was analysed
				assertTrue(own.x() >= t.x() && own.y() >= t.y() && own.x() + own.width() == t.x() + 32 && own.y() + own
					.height() == t.y() + 32, own + " of " + t);
				for (int y = own.y(); y < own.y() + own.height(); y++) {
					for (int x = own.x(); x < own.x() + own.width(); x++) count[y][x]++;
				}
			}
			for (int y = r[1]; y < r[1] + r[3]; y++) for (int x = r[0]; x < r[0] + r[2]; x++) {
				assertEquals(1, count[y][x], "pixel " + x + "," + y + " of region " + region);
			}
		}
	}

	/** The legend lies inside the image, on a dark box, and its font grows with the image. */
	@Test
	void theLegendFitsAnyImageAndScalesWithIt() {
		int lastFont = 0;
		for (final int side : new int[] { 16, 32, 64, 128, 512, 2048, 8000 }) {
			final List<Roi> legend = DegradationMapDisplay.legend(side, side);
			final Roi box = legend.get(0);
			assertTrue(box.getFillColor().getAlpha() >= 150 && box.getFillColor().getRed() == 0, "a dark box");
			final Rectangle image = new Rectangle(0, 0, side, side);
			assertTrue(image.contains(box.getBounds()), side + ": box " + box.getBounds());
			int font = 0;
			for (final Roi r : legend) {
				assertTrue(r.getName().startsWith(DegradationMapDisplay.NAME_PREFIX));
				if (r instanceof TextRoi text) font = text.getCurrentFont().getSize();
			}
			assertTrue(font >= lastFont, side + ": font " + font);
			lastFont = font;
		}
		assertTrue(lastFont >= 48, "a large image gets a large font: " + lastFont);
		// on a mid-sized image every label lies inside the box
		final List<Roi> legend = DegradationMapDisplay.legend(128, 128);
		final Rectangle box = legend.get(0).getBounds();
		for (final Roi r : legend) assertTrue(box.contains(r.getBounds()), r.getName() + " " + r.getBounds() + " in " + box);
	}

	@Test
	void aMapJoinsTheOverlayAndReplacesOnlyItsOwnEarlierRois() {
		final ImagePlus imp = new ImagePlus("img", new ByteProcessor(64, 64));
		final Roi mine = new Roi(1, 2, 3, 4);
		imp.setOverlay(new Overlay(mine));
		final Overlay map = new Overlay();
		for (final Roi r : DegradationMapDisplay.legend(64, 64)) map.add(r);
		DegradationMapDisplay.addTo(imp, map);
		assertEquals(1 + map.size(), imp.getOverlay().size());
		DegradationMapDisplay.addTo(imp, map);
		assertEquals(1 + map.size(), imp.getOverlay().size(), "a rerun replaces the earlier map");
		assertEquals(mine, imp.getOverlay().get(map.size()), "the user's ROI is drawn last, over the map");
	}
}
