package io.github.faig.ij;

import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.gui.TextRoi;
import ij.process.ByteProcessor;
import ij.process.LUT;
import io.github.faig.degrade.Degradation;
import io.github.faig.image.ChannelScales;
import io.github.faig.image.FloatImage;
import io.github.faig.io.Rows;
import io.github.faig.prediction.DegradationMap;

/**
 * How a degradation map is shown in ImageJ: a ROI per tile on the image's overlay (coloured by class: clean grey,
 * blur blue, noise red, blur+noise magenta) with a legend, a labelled image with a LUT of the same colours, and a
 * table with one row per tile.
 * <p>
 * The map's ROIs are all named {@value #NAME_PREFIX}…, so a rerun replaces its own earlier map and nothing else of
 * the overlay (a user's annotations stay). Each tile paints only the part that is its own
 * ({@link DegradationMap#painted}): the last tile of a row or column, moved back over its neighbour, does not paint
 * the overlap again, so every pixel is painted once. The legend's font is scaled to the image and drawn on a dark
 * box, so it reads on small and on bright images.
 * </p>
 */
public final class DegradationMapDisplay {

	/** The start of every name of the map's ROIs (tiles {@code "FAIG map: blur"}, legend {@code "FAIG map legend"}). */
	public static final String NAME_PREFIX = "FAIG map";

	/** The class colours, in {@link Degradation} order. */
	public static final Color[] COLOURS = { new Color(150, 150, 150), new Color(40, 90, 230), new Color(230, 40, 40),
		new Color(200, 40, 200) };

	/** The tile ROIs' fill opacity (0–255): the image shows through. */
	static final int FILL_ALPHA = 90;

	/** The legend box's opacity: dark enough for white text on a white image. */
	static final int LEGEND_ALPHA = 170;

	/** A map as ImageJ shows it: the overlay (tiles, then legend), the labelled image, the tiles table. */
	public record Shown(Overlay overlay, ImagePlus labels, Rows tiles) {}

	private DegradationMapDisplay() {}

	/**
	 * The map of {@code source}'s {@code planes} (1-based stack indices, in the order mapped) from its decisions.
	 *
	 * @param allPlanes whether every plane was mapped: its tiles are then placed on their own plane, and the
	 *          labelled image takes the source's dimensions; else a single plane's map shows on every plane
	 */
	public static Shown of(final ImagePlus source, final int[] planes, final List<DegradationMap.TileDecision> decisions,
		final DegradationMap.Region region, final int tileSize, final boolean allPlanes)
	{
		final ByteProcessor[] label = new ByteProcessor[planes.length];
		for (int i = 0; i < planes.length; i++) label[i] = new ByteProcessor(source.getWidth(), source.getHeight());
		final Overlay overlay = new Overlay();
		final Rows tiles = new Rows();
		for (final DegradationMap.TileDecision td : decisions) {
			final int plane = planes[td.plane()];
			final int[] czt = source.convertIndexToPosition(plane);
			final Degradation d = td.prediction().decision();
			final DegradationMap.Region own = DegradationMap.painted(td.tile(), region, tileSize);
			td.addRow(tiles, tileSize, czt[0], czt[1], czt[2]);
			overlay.add(tileRoi(own, d, allPlanes && source.getStackSize() > 1 ? source : null, plane, czt));
			label[td.plane()].setValue(d.ordinal() + 1);
			label[td.plane()].setRoi(own.x(), own.y(), own.width(), own.height());
			label[td.plane()].fill();
		}
		for (final Roi r : legend(source.getWidth(), source.getHeight())) overlay.add(r);
		final ImageStack labels = new ImageStack(source.getWidth(), source.getHeight());
		for (int i = 0; i < planes.length; i++) labels.addSlice(source.getStack().getShortSliceLabel(planes[i]), label[i]);
		return new Shown(overlay, labelImage(source, labels, allPlanes), tiles);
	}

	/**
	 * Adds {@code map} to {@code image}'s overlay: the ROIs of an earlier map (named {@value #NAME_PREFIX}…) are
	 * removed, every other ROI stays, in its order, and is drawn after the map, so a user's annotations stay visible
	 * on top of the tiles' fill. The overlay keeps its own settings (labels, fonts).
	 */
	public static void addTo(final ImagePlus image, final Overlay map) {
		final Overlay overlay = image.getOverlay() != null ? image.getOverlay() : new Overlay();
		final List<Roi> own = new ArrayList<>();
		for (final Roi r : overlay.toArray()) {
			overlay.remove(r);
			if (!isMapRoi(r)) own.add(r);
		}
		for (final Roi r : map.toArray()) overlay.add(r);
		for (final Roi r : own) overlay.add(r);
		image.setOverlay(overlay);
	}

	/** Whether {@code r} is one of a degradation map's ROIs. */
	public static boolean isMapRoi(final Roi r) {
		return r.getName() != null && r.getName().startsWith(NAME_PREFIX);
	}

	/** A tile's own part, filled with its class colour; placed on its plane when {@code stack} is given. */
	private static Roi tileRoi(final DegradationMap.Region own, final Degradation d, final ImagePlus stack,
		final int plane, final int[] czt)
	{
		final Roi r = new Roi(own.x(), own.y(), own.width(), own.height());
		final Color c = COLOURS[d.ordinal()];
		r.setStrokeColor(c);
		r.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), FILL_ALPHA));
		r.setName(NAME_PREFIX + ": " + d.label());
		if (stack != null) {
			if (stack.isHyperStack()) r.setPosition(czt[0], czt[1], czt[2]);
			else r.setPosition(plane);
		}
		return r;
	}

	/**
	 * The legend for an image of {@code width} × {@code height} pixels: a colour square and the class name per
	 * class, white on a dark box in the top left corner; the font is about 1/30 of the image's smaller side (at
	 * least 6 pixels: ImageJ's zoom enlarges a small image's overlay with it), one row when it fits the width,
	 * else one line per class.
	 */
	public static List<Roi> legend(final int width, final int height) {
		final int size = Math.max(6, Math.min(64, Math.round(Math.min(width, height) / 30f)));
		final Font font = new Font(Font.SANS_SERIF, Font.PLAIN, size);
		final Degradation[] classes = Degradation.values();
		final int pad = Math.max(2, size / 3);
		final int gap = Math.max(2, size / 4);
		// the labels measure themselves (a TextRoi's bounds hold its margins)
		final TextRoi[] texts = new TextRoi[classes.length];
		int row = pad;
		int column = 0;
		int line = size;
		for (int i = 0; i < classes.length; i++) {
			texts[i] = new TextRoi(0, 0, classes[i].label(), font);
			final Rectangle b = texts[i].getBounds();
			row += size + gap + b.width + pad;
			column = Math.max(column, size + gap + b.width);
			line = Math.max(line, b.height);
		}
		final boolean oneRow = row <= width;
		final int boxW = oneRow ? row : column + 2 * pad;
		final int boxH = oneRow ? line + 2 * pad : classes.length * line + 2 * pad;
		final List<Roi> out = new ArrayList<>();
		final Roi box = new Roi(0, 0, Math.min(boxW, width), Math.min(boxH, height));
		box.setFillColor(new Color(0, 0, 0, LEGEND_ALPHA));
		box.setName(NAME_PREFIX + " legend");
		out.add(box);
		int x = pad;
		int y = pad;
		for (int i = 0; i < classes.length; i++) {
			final int square = Math.max(4, size - 2);
			final Roi swatch = new Roi(x, y + (line - square) / 2, square, square);
			swatch.setFillColor(COLOURS[i]);
			swatch.setName(NAME_PREFIX + " legend " + classes[i].label());
			out.add(swatch);
			final TextRoi text = texts[i];
			text.setLocation(x + size + gap, y);
			text.setStrokeColor(Color.WHITE);
			text.setAntialiased(true);
			text.setName(NAME_PREFIX + " legend " + classes[i].label());
			out.add(text);
			if (oneRow) x += size + gap + text.getBounds().width + pad;
			else y += line;
		}
		return out;
	}

	/**
	 * The labelled planes as an image of the source's calibration (and, for all planes, dimensions) with the class
	 * LUT on every channel.
	 */
	private static ImagePlus labelImage(final ImagePlus source, final ImageStack labels, final boolean allPlanes) {
		ImagePlus m = new ImagePlus(ImageFiles.baseName(source.getTitle()) + "_degradation_map", labels);
		m.getProcessor().setLut(lut());
		m.setDisplayRange(0, 255);
		m.setCalibration(source.getCalibration().copy());
		if (allPlanes) m = ImagePlusBridge.keepDimensions(m, source);
		// a multichannel source makes it a composite with the source's channel colours: classes have their own
		if (m instanceof CompositeImage c) {
			final LUT[] luts = new LUT[c.getNChannels()];
			for (int i = 0; i < luts.length; i++) {
				luts[i] = lut();
				luts[i].min = 0;
				luts[i].max = 255;
			}
			c.setLuts(luts);
			c.setMode(IJ.COLOR);
		}
		m.setProperty("Info", "FAIG degradation map: 0 not mapped, 1 clean, 2 blur, 3 noise, 4 blur+noise\n");
		return m;
	}

	/**
	 * Stack plane {@code plane} of {@code source} as an RGB picture with {@code map} drawn in (for the PNG of
	 * headless runs), its values on the scale the networks saw.
	 */
	public static ImagePlus picture(final ImagePlus source, final int plane, final ChannelScales scales,
		final Overlay map)
	{
		final FloatImage img = ImagePlusBridge.toFloatImage(source.getStack().getProcessor(plane), ImagePlusBridge
			.sliceScales(source, scales, plane)).asRgb();
		final ImagePlus rgb = new ImagePlus("map", ImagePlusBridge.toColorProcessor(img));
		// one plane was mapped: every ROI belongs to it
		final Overlay o = new Overlay();
		for (final Roi r : map.toArray()) {
			final Roi c = (Roi) r.clone();
			c.setPosition(0);
			o.add(c);
		}
		rgb.setOverlay(o);
		return rgb.flatten();
	}

	/** Black for unmapped pixels (0), then the class colours (1 + the class). */
	static LUT lut() {
		final byte[] r = new byte[256];
		final byte[] g = new byte[256];
		final byte[] b = new byte[256];
		for (int i = 0; i < COLOURS.length; i++) {
			r[i + 1] = (byte) COLOURS[i].getRed();
			g[i + 1] = (byte) COLOURS[i].getGreen();
			b[i + 1] = (byte) COLOURS[i].getBlue();
		}
		return new LUT(r, g, b);
	}
}
