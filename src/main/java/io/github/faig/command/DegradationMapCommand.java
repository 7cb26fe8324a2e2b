package io.github.faig.command;

import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.File;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
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
import io.github.faig.prediction.DegradationPredictor;
import io.github.faig.prediction.PredictionSettings;
import io.github.faig.prediction.Thresholds;

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
public class DegradationMapCommand extends FaigCommand {

	static final Color[] COLOURS = { new Color(150, 150, 150), new Color(40, 90, 230), new Color(230, 40, 40),
		new Color(200, 40, 200) };

	@Parameter(label = "Image", required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "Input file (headless)", required = false, persist = false, style = FileWidget.OPEN_STYLE)
	private File input_file;

	@Parameter(label = "Filter sets (folder or bundled name)", required = false, persist = false,
		style = FILTER_SETS_STYLE)
	private String filter_sets = PredictionContext.DEFAULT_FILTER_SETS;

	@Parameter(label = "Tile size (pixels)", min = "16", persist = false)
	private int tile_size = 64;

	@Parameter(label = "T_blur (-1 = calibrated)", persist = false)
	private double t_blur = -1;

	@Parameter(label = "T_noise (-1 = calibrated)", persist = false)
	private double t_noise = -1;

	@Parameter(label = "All planes", persist = false,
		description = "off: the current plane (the first of a file); on: every channel, slice and frame")
	private boolean all_planes = false;

	@Parameter(label = "Normalization", persist = false, choices = { "type-range", "min-max", "percentile" },
		description = "how pixel values map to the networks' [0,1] scale")
	private String normalization = "type-range";

	@Parameter(label = "Low percentile", persist = false, min = "0", max = "100", stepSize = "0.1",
		description = "normalization=percentile: the value mapped to 0")
	private double low_percentile = IntensityScale.DEFAULT_LOW_PERCENTILE;

	@Parameter(label = "High percentile", persist = false, min = "0", max = "100", stepSize = "0.1",
		description = "normalization=percentile: the value mapped to 1")
	private double high_percentile = IntensityScale.DEFAULT_HIGH_PERCENTILE;

	@Parameter(label = "Output folder (optional)", required = false, persist = false,
		style = FileWidget.DIRECTORY_STYLE,
		description = "writes <name>_degradation_map.png (the image with the map laid over it, one plane), " +
			"<name>_degradation_labels.tif and <name>_degradation_tiles.csv")
	private File output_dir;

	@Parameter(type = ItemIO.OUTPUT, label = "Degradation map")
	private ImagePlus degradation_map;

	/** The tile ROIs and legend, also set on the source image when it is an open image. */
	private Overlay overlay;

	@Parameter(type = ItemIO.OUTPUT, label = "Tiles")
	private ResultsTable tiles;

	@Override
	protected void validate() throws Exception {
		notBlank(input_file, "input_file");
		notBlank(output_dir, "output_dir");
		outputDirNeededHeadless(output_dir);
		if (filter_sets != null && filter_sets.isBlank()) {
			throw new IllegalArgumentException("filter_sets is empty: give a filter-sets folder or bundled name, or " +
				"leave it out for " + PredictionContext.DEFAULT_FILTER_SETS);
		}
		checkThreshold(t_blur, "t_blur");
		checkThreshold(t_noise, "t_noise");
		IntensityScale.checkPercentiles(low_percentile, high_percentile);
		if (output_dir != null) AtomicOutputs.checkOutputDir(output_dir);
	}

	@Override
	protected void execute() throws Exception {
		if (tile_size < 16) throw new IllegalArgumentException("tile_size must be >= 16, got " + tile_size);
		if (output_dir != null) AtomicOutputs.checkOutputDir(output_dir);
		final ImagePlus source = sourceImage(image, input_file);
		ImagePlusBridge.checkSupported(source);
		final IntensityScale range = ImagePlusBridge.scaleOf(source, normalization, low_percentile, high_percentile);
		final Rectangle sel = Selections.bounds(source);
		final Rectangle box = sel != null ? sel : new Rectangle(0, 0, source.getWidth(), source.getHeight());
		if (box.width < tile_size || box.height < tile_size) {
			throw new IllegalArgumentException((sel != null ? "the selection" : "image") + " of " + box.width + "x" +
				box.height + " pixels is smaller than tile_size=" + tile_size);
		}
		final File setsDir = PredictionContext.resolveSets(filter_sets);
		final PredictionSettings s = PredictionSettings.fromJson(io.github.faig.attribution.FilterSets.read(setsDir, -1)
			.extra());
		if (s == null && (t_blur < 0 || t_noise < 0)) {
			throw new IllegalArgumentException("filter_sets have no calibrated thresholds; give t_blur and t_noise");
		}
		final Thresholds t = new Thresholds(t_blur >= 0 ? t_blur : s.thresholds().blur(), t_noise >= 0 ? t_noise : s
			.thresholds().noise());
		final int[] planes = planes(source);
		final int[] ys = starts(box.y, box.height);
		final int[] xs = starts(box.x, box.width);
		final int total = planes.length * ys.length * xs.length;
		final ij.ImageStack labels = new ij.ImageStack(source.getWidth(), source.getHeight());
		overlay = new Overlay();
		tiles = new ResultsTable();
		try (PredictionContext pc = new PredictionContext(setsDir, null, null, s != null ? s.pseudoTruth()
			: DegradationPredictor.PseudoTruth.TARGET))
		{
			// a tile is one network input: the model's receptive field is the smallest that works
			if (tile_size < pc.truth.minInputSize()) {
				throw new IllegalArgumentException("tile_size=" + tile_size + " is smaller than the receptive field of " +
					pc.truth.modelName() + ": expected tile_size >= " + pc.truth.minInputSize());
			}
			final DegradationPredictor p = new DegradationPredictor(pc.engine, pc.truth, pc.sets, s != null ? s.percent()
				: 1.0, s != null ? s.rule() : io.github.faig.attribution.Quadrature.TRAPEZOID, s != null ? s.steps() : 20,
				this::isCanceled);
			int k = 0;
			for (final int plane : planes) {
				final FloatImage img = ImagePlusBridge.toFloatImage(source.getStack().getProcessor(plane), range).asRgb();
				final int[] czt = source.convertIndexToPosition(plane);
				final ByteProcessor label = new ByteProcessor(source.getWidth(), source.getHeight());
				for (int ty = 0; ty < ys.length; ty++) {
					for (int tx = 0; tx < xs.length; tx++) {
						progress("Tile " + (k + 1) + "/" + total, k++, total);
						final DegradationPredictor.Prediction r = p.predict(img.crop(ys[ty], xs[tx], tile_size, tile_size), t);
						final Degradation d = r.decision();
						tiles.incrementCounter();
						tiles.addValue("tile_x", tx);
						tiles.addValue("tile_y", ty);
						tiles.addValue("x", xs[tx]);
						tiles.addValue("y", ys[ty]);
						tiles.addValue("width", tile_size);
						tiles.addValue("height", tile_size);
						tiles.addValue("os_blur", r.scores().blur());
						tiles.addValue("os_noise", r.scores().noise());
						tiles.addValue("decision", d.label());
						// the plane's position comes last, so existing columns keep their places
						tiles.addValue("channel", czt[0]);
						tiles.addValue("slice", czt[1]);
						tiles.addValue("frame", czt[2]);
						overlay.add(tileRoi(xs[tx], ys[ty], d, source, plane, czt));
						label.setValue(d.ordinal() + 1);
						label.setRoi(xs[tx], ys[ty], tile_size, tile_size);
						label.fill();
					}
				}
				labels.addSlice(source.getStack().getShortSliceLabel(plane), label);
			}
		}
		addLegend(overlay);
		final String base = ImageFiles.baseName(source.getTitle());
		degradation_map = new ImagePlus(base + "_degradation_map", labels);
		degradation_map.getProcessor().setLut(lut());
		degradation_map.setDisplayRange(0, 255);
		degradation_map.setCalibration(source.getCalibration().copy());
		if (all_planes) degradation_map = ImagePlusBridge.keepDimensions(degradation_map, source);
		degradation_map.setProperty("Info", "FAIG degradation map: 0 not mapped, 1 clean, 2 blur, 3 noise, " +
			"4 blur+noise\n");
		// the map lies over the image itself; an image read from a file is not shown, so only the PNG carries it
		if (input_file == null && image != null) image.setOverlay(overlay);
		Tables.show(tiles, "FAIG degradation map tiles");
		if (output_dir != null) {
			final ImagePlus picture = planes.length == 1 ? picture(source, planes[0], range) : null;
			try (AtomicOutputs out = new AtomicOutputs(output_dir)) {
				if (picture != null) out.write(base + "_degradation_map.png", f -> ImageFiles.save(picture, f));
				out.write(base + "_degradation_labels.tif", f -> ImageFiles.save(degradation_map, f));
				out.write(base + "_degradation_tiles.csv", f -> Tables.saveCsv(tiles, f));
				checkCancelled();
				out.commit();
			}
		}
	}

	/** The planes to map (1-based stack indices): the current one, or all. */
	private int[] planes(final ImagePlus imp) {
		if (!all_planes) return new int[] { input_file != null ? 1 : Math.max(1, imp.getCurrentSlice()) };
		final int[] all = new int[imp.getStackSize()];
		for (int i = 0; i < all.length; i++) all[i] = i + 1;
		return all;
	}

	/** Tile origins covering {@code n} pixels from {@code from}; the last tile is moved back to end at the border. */
	private int[] starts(final int from, final int n) {
		final int count = (n + tile_size - 1) / tile_size;
		final int[] s = new int[count];
		for (int i = 0; i < count; i++) s[i] = from + Math.min(i * tile_size, n - tile_size);
		return s;
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
