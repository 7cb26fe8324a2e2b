package io.github.faig.command;

import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.File;
import java.io.IOException;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.ResultsTable;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.gui.TextRoi;
import ij.process.ByteProcessor;
import ij.process.LUT;
import io.github.faig.degrade.Degradation;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.ij.Tables;
import io.github.faig.image.FloatImage;
import io.github.faig.image.IntensityScale;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.prediction.DegradationMap;
import io.github.faig.prediction.DegradationMapOptions;
import io.github.faig.prediction.DegradationPredictor;
import io.github.faig.prediction.PredictionModels;
import io.github.faig.prediction.PredictionOptions;

/**
 * {@code Plugins>FAIG>FAIG Degradation Map}: degradation prediction tile by tile, for images whose degradation
 * varies across the field of view: an Overlay on the source image (one ROI per tile coloured by class: clean grey,
 * blur blue, noise red, blur+noise magenta; with a legend), a labelled image (0 outside the tiles, 1 + the class
 * elsewhere, with a LUT of the same colours) for headless runs, and a table with one row per tile. It maps the
 * current plane, or every plane with {@code all_planes}, inside the selection when there is one.
 */
@Plugin(type = Command.class, menu = { @Menu(label = "Plugins"), @Menu(label = "FAIG"), @Menu(label = "FAIG Degradation Map",
		weight = 65) }, headless = true,
	label = "FAIG Degradation Map")
public class DegradationMapCommand extends ImageCommand {

	static final Color[] COLOURS = { new Color(150, 150, 150), new Color(40, 90, 230), new Color(230, 40, 40),
		new Color(200, 40, 200) };

	@Parameter(label = "Filter sets (folder or bundled name)", required = false,
		style = FILTER_SETS_STYLE)
	private String filter_sets = PredictionModels.DEFAULT_FILTER_SETS;

	@Parameter(label = "Tile size (pixels)", min = "16", max = "8192")
	private int tile_size = 64;

	@Parameter(label = "T_blur (-1 = calibrated)")
	private double t_blur = -1;

	@Parameter(label = "T_noise (-1 = calibrated)")
	private double t_noise = -1;

	@Parameter(label = "All planes",
		description = "off: the current plane (the first of a file); on: every channel, slice and frame")
	private boolean all_planes = false;

	@Parameter(label = "Output folder (optional)", required = false,
		style = FileWidget.DIRECTORY_STYLE,
		description = "writes <name>_degradation_map.png (the image with the map laid over it, one plane), " +
			"<name>_degradation_labels.tif and <name>_degradation_tiles.csv")
	private File output_dir;

	@Parameter(type = ItemIO.OUTPUT, label = "Degradation map")
	private ImagePlus degradation_map;

	/** The tile ROIs and legend, also set on the source image when it is an open image. */
	private Overlay overlay;

	@Parameter(type = ItemIO.OUTPUT, label = "FAIG degradation map tiles")
	private ResultsTable tiles;

	@Override
	protected void validate() throws Exception {
		super.validate();
		options();
	}

	private DegradationMapOptions options() {
		return new DegradationMapOptions(new PredictionOptions(filter_sets, t_blur, t_noise), tile_size);
	}

	@Override
	protected void execute() throws Exception {
		final ImagePlus source = source();
		ImagePlusBridge.checkSupported(source);
		final IntensityScale range = scaleOf(source);
		final Rectangle sel = Selections.bounds(source);
		final DegradationMap.Region region = sel != null ? new DegradationMap.Region(sel.x, sel.y, sel.width,
			sel.height) : new DegradationMap.Region(0, 0, source.getWidth(), source.getHeight());
		final String what = sel != null ? "the selection" : "image";
		// a region smaller than one tile is refused before the models load
		DegradationMap.tiles(region, tile_size, what);
		final int[] planes = planes(source);
		final List<DegradationMap.TileDecision> decisions;
		try (DegradationMap map = new DegradationMap(options())) {
			decisions = map.run(planes.length, p -> ImagePlusBridge.toFloatImage(source.getStack().getProcessor(
				planes[p]), range).asRgb(), region, what, monitor());
		}
		results(source, planes, decisions);
		// the map lies over the image itself; an image read from a file is not shown, so only the PNG carries it
		if (input_file == null && img == null && image != null) image.setOverlay(overlay);
		write(source, planes, range);
	}

	/** The tiles table, the overlay (a ROI per tile, then the legend) and the labelled image. */
	private void results(final ImagePlus source, final int[] planes, final List<DegradationMap.TileDecision> decisions) {
		final ByteProcessor[] label = new ByteProcessor[planes.length];
		for (int i = 0; i < planes.length; i++) label[i] = new ByteProcessor(source.getWidth(), source.getHeight());
		overlay = new Overlay();
		tiles = new ResultsTable();
		for (final DegradationMap.TileDecision td : decisions) {
			final int plane = planes[td.plane()];
			final int[] czt = source.convertIndexToPosition(plane);
			final DegradationMap.Tile t = td.tile();
			final Degradation d = td.prediction().decision();
			addRow(t, td.prediction(), czt);
			overlay.add(tileRoi(t.x(), t.y(), d, source, plane, czt));
			label[td.plane()].setValue(d.ordinal() + 1);
			label[td.plane()].setRoi(t.x(), t.y(), tile_size, tile_size);
			label[td.plane()].fill();
		}
		addLegend(overlay);
		final ImageStack labels = new ImageStack(source.getWidth(), source.getHeight());
		for (int i = 0; i < planes.length; i++) labels.addSlice(source.getStack().getShortSliceLabel(planes[i]), label[i]);
		degradation_map = labelImage(source, labels);
	}

	private void addRow(final DegradationMap.Tile t, final DegradationPredictor.Prediction r, final int[] czt) {
		tiles.incrementCounter();
		tiles.addValue("tile_x", t.column());
		tiles.addValue("tile_y", t.row());
		tiles.addValue("x", t.x());
		tiles.addValue("y", t.y());
		tiles.addValue("width", tile_size);
		tiles.addValue("height", tile_size);
		tiles.addValue("os_blur", r.scores().blur());
		tiles.addValue("os_noise", r.scores().noise());
		tiles.addValue("decision", r.decision().label());
		// the plane's position comes last, so existing columns keep their places
		tiles.addValue("channel", czt[0]);
		tiles.addValue("slice", czt[1]);
		tiles.addValue("frame", czt[2]);
	}

	/**
	 * The labelled planes as an image of the source's calibration (and, for all planes, dimensions) with the class
	 * LUT on every channel.
	 */
	private ImagePlus labelImage(final ImagePlus source, final ImageStack labels) {
		ImagePlus m = new ImagePlus(ImageFiles.baseName(source.getTitle()) + "_degradation_map", labels);
		m.getProcessor().setLut(lut());
		m.setDisplayRange(0, 255);
		m.setCalibration(source.getCalibration().copy());
		if (all_planes) m = ImagePlusBridge.keepDimensions(m, source);
		// a multichannel source makes it a composite with the source's channel colours: classes have their own
		if (m instanceof CompositeImage) {
			final CompositeImage c = (CompositeImage) m;
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

	private void write(final ImagePlus source, final int[] planes, final IntensityScale range) throws IOException {
		if (output_dir == null) return;
		final String base = ImageFiles.baseName(source.getTitle());
		final ImagePlus picture = planes.length == 1 ? picture(source, planes[0], range) : null;
		try (AtomicOutputs out = new AtomicOutputs(output_dir)) {
			if (picture != null) out.write(base + "_degradation_map.png", f -> ImageFiles.save(picture, f));
			out.write(base + "_degradation_labels.tif", f -> ImageFiles.save(degradation_map, f));
			out.write(base + "_degradation_tiles.csv", f -> Tables.saveCsv(tiles, f));
			checkCancelled();
			out.commit();
		}
	}

	/** The planes to map (1-based stack indices): the current one, or all. */
	private int[] planes(final ImagePlus imp) {
		if (!all_planes) return new int[] { input_file != null || img != null ? 1 : Math.max(1, imp.getCurrentSlice()) };
		final int[] all = new int[imp.getStackSize()];
		for (int i = 0; i < all.length; i++) all[i] = i + 1;
		return all;
	}

	private Roi tileRoi(final int x, final int y, final Degradation d, final ImagePlus source, final int plane,
		final int[] czt)
	{
		final Roi r = new Roi(x, y, tile_size, tile_size);
		final Color c = COLOURS[d.ordinal()];
		r.setStrokeColor(c);
		r.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 90));
		r.setName(d.label());
		// a single plane's map shows on every plane; a stack's tiles each on their own plane
		if (all_planes && source.getStackSize() > 1) {
			if (source.isHyperStack()) r.setPosition(czt[0], czt[1], czt[2]);
			else r.setPosition(plane);
		}
		return r;
	}

	private static void addLegend(final Overlay overlay) {
		final Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
		int x = 4;
		for (final Degradation d : Degradation.values()) {
			final Roi box = new Roi(x, 4, 10, 10);
			box.setFillColor(COLOURS[d.ordinal()]);
			box.setName("legend " + d.label());
			overlay.add(box);
			final TextRoi text = new TextRoi(x + 13, 1, d.label(), font);
			text.setStrokeColor(Color.WHITE);
			text.setName("legend " + d.label());
			overlay.add(text);
			x += 13 + d.label().length() * 7 + 8;
		}
	}

	/** The plane as an RGB picture with the map laid over it, for the PNG of headless runs. */
	private ImagePlus picture(final ImagePlus source, final int plane, final IntensityScale range) {
		final FloatImage img = ImagePlusBridge.toFloatImage(source.getStack().getProcessor(plane), range).asRgb();
		final ImagePlus rgb = new ImagePlus("map", ImagePlusBridge.toColorProcessor(img));
		// one plane was mapped: every ROI belongs to it
		final Overlay o = new Overlay();
		for (final Roi r : overlay.toArray()) {
			final Roi c = (Roi) r.clone();
			c.setPosition(0);
			o.add(c);
		}
		rgb.setOverlay(o);
		return rgb.flatten();
	}

	/** Black for unmapped pixels (0), then the class colours (1 + the class). */
	private static LUT lut() {
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

	static List<Color> colours() {
		return List.of(COLOURS);
	}
}
