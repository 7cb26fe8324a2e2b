package io.github.faig.command;

import java.awt.Color;
import java.awt.Font;
import java.io.File;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;
import io.github.faig.degrade.Degradation;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.ij.Tables;
import io.github.faig.image.FloatImage;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.prediction.DegradationPredictor;
import io.github.faig.prediction.PredictionSettings;
import io.github.faig.prediction.Thresholds;

/**
 * {@code Plugins>FAIG>FAIG Degradation Map}: degradation prediction tile by tile, for images whose degradation
 * varies across the field of view — a colour-coded overlay the size of the image (clean grey, blur blue, noise red,
 * blur+noise magenta) with a legend, and a table with one row per tile.
 */
@Plugin(type = Command.class, menuPath = "Plugins>FAIG>FAIG Degradation Map", headless = true,
	label = "FAIG Degradation Map")
public class DegradationMapCommand extends FaigCommand {

	static final Color[] COLOURS = { new Color(150, 150, 150), new Color(40, 90, 230), new Color(230, 40, 40),
		new Color(200, 40, 200) };

	@Parameter(label = "Image", required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "Input file (headless)", required = false, persist = false, style = FileWidget.OPEN_STYLE)
	private File input_file;

	@Parameter(label = "Filter sets (folder or bundled name)", required = false, persist = false)
	private String filter_sets = PredictionContext.DEFAULT_FILTER_SETS;

	@Parameter(label = "Tile size (pixels)", min = "16", persist = false)
	private int tile_size = 64;

	@Parameter(label = "T_blur (-1 = calibrated)", persist = false)
	private double t_blur = -1;

	@Parameter(label = "T_noise (-1 = calibrated)", persist = false)
	private double t_noise = -1;

	@Parameter(label = "Output folder (optional)", required = false, persist = false,
		style = FileWidget.DIRECTORY_STYLE)
	private File output_dir;

	@Parameter(type = ItemIO.OUTPUT, label = "Degradation map")
	private ImagePlus degradation_map;

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
		if (output_dir != null) AtomicOutputs.checkOutputDir(output_dir);
	}

	@Override
	protected void execute() throws Exception {
		if (tile_size < 16) throw new IllegalArgumentException("tile_size must be >= 16, got " + tile_size);
		if (output_dir != null) AtomicOutputs.checkOutputDir(output_dir);
		final ImagePlus source = sourceImage(image, input_file);
		final FloatImage img = ImagePlusBridge.toFloatImages(source).get(0).asRgb();
		if (img.width() < tile_size || img.height() < tile_size) {
			throw new IllegalArgumentException("image of " + img.width() + "x" + img.height() +
				" pixels is smaller than tile_size=" + tile_size);
		}
		final File setsDir = PredictionContext.resolveSets(filter_sets);
		final PredictionSettings s = PredictionSettings.fromJson(io.github.faig.attribution.FilterSets.read(setsDir, -1)
			.extra());
		if (s == null && (t_blur < 0 || t_noise < 0)) {
			throw new IllegalArgumentException("filter_sets have no calibrated thresholds; give t_blur and t_noise");
		}
		final Thresholds t = new Thresholds(t_blur >= 0 ? t_blur : s.thresholds().blur(), t_noise >= 0 ? t_noise : s
			.thresholds().noise());
		final int[] ys = starts(img.height());
		final int[] xs = starts(img.width());
		final Degradation[][] map = new Degradation[ys.length][xs.length];
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
			for (int ty = 0; ty < ys.length; ty++) {
				for (int tx = 0; tx < xs.length; tx++) {
					progress("Tile " + (k + 1) + "/" + ys.length * xs.length, k++, ys.length * xs.length);
					final DegradationPredictor.Prediction r = p.predict(img.crop(ys[ty], xs[tx], tile_size, tile_size), t);
					map[ty][tx] = r.decision();
					tiles.incrementCounter();
					tiles.addValue("tile_x", tx);
					tiles.addValue("tile_y", ty);
					tiles.addValue("x", xs[tx]);
					tiles.addValue("y", ys[ty]);
					tiles.addValue("width", tile_size);
					tiles.addValue("height", tile_size);
					tiles.addValue("os_blur", r.scores().blur());
					tiles.addValue("os_noise", r.scores().noise());
					tiles.addValue("decision", r.decision().label());
				}
			}
		}
		degradation_map = render(img, ys, xs, map);
		degradation_map.setCalibration(source.getCalibration().copy());
		Tables.show(tiles, "FAIG degradation map tiles");
		if (output_dir != null) {
			final String base = ImageFiles.baseName(source.getTitle());
			try (AtomicOutputs out = new AtomicOutputs(output_dir)) {
				out.write(base + "_degradation_map.png", f -> ImageFiles.save(degradation_map, f));
				out.write(base + "_degradation_tiles.csv", f -> Tables.saveCsv(tiles, f));
				checkCancelled();
				out.commit();
			}
		}
	}

	/** Tile origins covering {@code n} pixels; the last tile is moved back to end at the border. */
	private int[] starts(final int n) {
		final int count = (n + tile_size - 1) / tile_size;
		final int[] s = new int[count];
		for (int i = 0; i < count; i++) s[i] = Math.min(i * tile_size, n - tile_size);
		return s;
	}

	private ImagePlus render(final FloatImage img, final int[] ys, final int[] xs, final Degradation[][] map) {
		final ColorProcessor base = ImagePlusBridge.toColorProcessor(img);
		final int w = img.width();
		final int legend = 22;
		final ColorProcessor out = new ColorProcessor(w, img.height() + legend);
		out.setColor(Color.WHITE);
		out.fill();
		final int[] px = (int[]) base.getPixels();
		for (int ty = 0; ty < ys.length; ty++) {
			for (int tx = 0; tx < xs.length; tx++) {
				final Color c = COLOURS[map[ty][tx].ordinal()];
				for (int y = ys[ty]; y < ys[ty] + tile_size; y++) {
					for (int x = xs[tx]; x < xs[tx] + tile_size; x++) {
						final int p = px[y * w + x];
						final int r = (((p >> 16) & 0xff) + c.getRed()) / 2;
						final int g = (((p >> 8) & 0xff) + c.getGreen()) / 2;
						final int b = ((p & 0xff) + c.getBlue()) / 2;
						out.set(x, y, (r << 16) | (g << 8) | b);
					}
				}
			}
		}
		out.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		int x = 4;
		for (final Degradation d : Degradation.values()) {
			out.setColor(COLOURS[d.ordinal()]);
			out.fillRect(x, img.height() + 5, 12, 12);
			out.setColor(Color.BLACK);
			out.drawString(d.label(), x + 15, img.height() + 18);
			x += 20 + out.getStringWidth(d.label()) + 10;
		}
		return new ImagePlus("FAIG degradation map", out);
	}

	static List<Color> colours() {
		return List.of(COLOURS);
	}
}
