package io.github.faig.prediction;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import io.github.faig.image.FloatImage;
import io.github.faig.io.Rows;
import io.github.faig.workflow.Monitor;

/**
 * Degradation prediction tile by tile, for images whose degradation varies across the field of view: a region is
 * covered by square tiles (the last one of a row or column moved back to end at the region's border, so every tile is
 * whole) and each tile gets the decision of {@link PredictDegradation}. Holds native memory: close it.
 */
public final class DegradationMap implements AutoCloseable {

	/** A rectangle of an image, in pixels. */
	public record Region(int x, int y, int width, int height) implements Serializable {

		public Region {
			if (width < 1 || height < 1) throw new IllegalArgumentException("empty region " + width + "x" + height);
		}

		/** The whole of an image. */
		public static Region of(final FloatImage image) {
			return new Region(0, 0, image.width(), image.height());
		}
	}

	/** One tile: its column and row in the grid, and its top-left corner in the image. */
	public record Tile(int column, int row, int x, int y) implements Serializable {}

	/** The decision on one tile of plane {@code plane} (0-based, in the order given). */
	public record TileDecision(int plane, Tile tile, DegradationPredictor.Prediction prediction)
		implements Serializable
	{

		/**
		 * Adds this tile's row of {@code <name>_degradation_tiles.csv}: its grid place and corner, the scores, the
		 * decision, then its plane's position (1-based; last, so earlier columns keep their places).
		 */
		public void addRow(final Rows rows, final int tileSize, final int channel, final int slice, final int frame) {
			rows.add().integer("tile_x", tile.column()).integer("tile_y", tile.row()).integer("x", tile.x()).integer("y",
				tile.y()).integer("width", tileSize).integer("height", tileSize).real("os_blur", prediction.scores()
					.blur()).real("os_noise", prediction.scores().noise()).text("decision", prediction.decision().label())
				.integer("channel", channel).integer("slice", slice).integer("frame", frame);
		}
	}

	private final DegradationMapOptions options;
	private final PredictDegradation prediction;

	/**
	 * Loads the prediction's models; refuses tiles smaller than the receptive field of the model whose output is the
	 * pseudo ground truth (a tile is one network input).
	 */
	public DegradationMap(final DegradationMapOptions options) throws IOException {
		this.options = options;
		this.prediction = new PredictDegradation(options.prediction());
		try {
			prediction.models().truth().requireInputSide("tile_size", options.tileSize());
		}
		catch (final IllegalArgumentException e) {
			prediction.close();
			throw e;
		}
	}

	public DegradationMapOptions options() {
		return options;
	}

	/** The settings and thresholds of every tile's decision. */
	public PredictionSettings settings() {
		return prediction.settings();
	}

	/**
	 * The tiles covering {@code region}, row by row; {@code what} names the region in the message when it is smaller
	 * than one tile.
	 */
	public static List<Tile> tiles(final Region region, final int tileSize, final String what) {
		if (region.width() < tileSize || region.height() < tileSize) {
			throw new IllegalArgumentException(what + " of " + region.width() + "x" + region.height() + " pixels is " +
				"smaller than tile_size=" + tileSize);
		}
		final int[] ys = starts(region.y(), region.height(), tileSize);
		final int[] xs = starts(region.x(), region.width(), tileSize);
		final List<Tile> out = new ArrayList<>();
		for (int r = 0; r < ys.length; r++) for (int c = 0; c < xs.length; c++) out.add(new Tile(c, r, xs[c], ys[r]));
		return out;
	}

	/**
	 * The part of {@code tile} that is its own: the whole tile, except where the last tile of a row or column was
	 * moved back over its neighbour, which keeps the overlap. Painting these parts paints each pixel of
	 * {@code region} once.
	 */
	public static Region painted(final Tile tile, final Region region, final int tileSize) {
		final int x = region.x() + tile.column() * tileSize;
		final int y = region.y() + tile.row() * tileSize;
		return new Region(x, y, tile.x() + tileSize - x, tile.y() + tileSize - y);
	}

	/** Tile origins covering {@code n} pixels from {@code from}; the last tile is moved back to end at the border. */
	private static int[] starts(final int from, final int n, final int tile) {
		final int count = (n + tile - 1) / tile;
		final int[] s = new int[count];
		for (int i = 0; i < count; i++) s[i] = from + Math.min(i * tile, n - tile);
		return s;
	}

	/** The decision on one tile of a plane, grey or RGB (the per-item step). */
	public DegradationPredictor.Prediction predict(final FloatImage plane, final Tile tile, final Monitor monitor) {
		final int s = options.tileSize();
		return prediction.predict(plane.crop(tile.y(), tile.x(), s, s), "tile", monitor).prediction();
	}

	/**
	 * Maps {@code region} of each of {@code planes} planes, fetched one at a time (grey or RGB, on the networks'
	 * [0, 1] scale; the predictor converts each tile once to the pair's channels): the decisions of every tile, plane
	 * by plane, row by row.
	 *
	 * @param what names the region in the message when it is smaller than one tile
	 */
	public List<TileDecision> run(final int planes, final IntFunction<FloatImage> plane, final Region region,
		final String what, final Monitor monitor)
	{
		final List<Tile> tiles = tiles(region, options.tileSize(), what);
		final int total = planes * tiles.size();
		final List<TileDecision> out = new ArrayList<>();
		for (int p = 0; p < planes; p++) {
			final FloatImage img = plane.apply(p);
			for (final Tile t : tiles) {
				monitor.checkCancelled();
				monitor.progress("Tile " + (out.size() + 1) + "/" + total, out.size(), total);
				out.add(new TileDecision(p, t, predict(img, t, monitor)));
			}
		}
		return out;
	}

	@Override
	public void close() {
		prediction.close();
	}
}
