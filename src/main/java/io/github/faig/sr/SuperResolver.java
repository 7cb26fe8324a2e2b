package io.github.faig.sr;

import java.util.concurrent.CancellationException;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.faig.image.FloatImage;
import io.github.faig.image.Imgs;
import io.github.faig.nn.Engines;
import io.github.faig.nn.SrNetwork;
import io.github.faig.workflow.Monitor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Runs a network on an RGB image of any size in bounded memory: the LR image is cut into tiles of
 * {@code tileSize²} pixels, each extended by {@code overlap} pixels of real image context on every side (not padding),
 * run alone in its own native sub-manager, and only its centre is kept. Tiles and centres are ImgLib2 views
 * ({@link Views#interval}) of the images in {@code X, Y, C} order; pixels reach the network as one float array per
 * tile. With an overlap of at least the network's
 * receptive radius ({@link #exactOverlap}) the result equals the untiled output up to float rounding.
 */
public final class SuperResolver {

	private final SrNetwork net;
	private final NDManager manager;

	/** @param manager owns the network's weights; tiles run in sub-managers of it */
	public SuperResolver(final SrNetwork net, final NDManager manager) {
		this.net = net;
		this.manager = manager;
	}

	/** The overlap that makes tiling exact: the network's receptive radius in LR pixels. */
	public int exactOverlap() {
		return net.architecture().receptiveRadius();
	}

	/** The network's output for a whole image, untiled. */
	public FloatImage apply(final FloatImage lr) {
		return apply(lr, Integer.MAX_VALUE, 0, Monitor.NONE);
	}

	/**
	 * The network's output, tile by tile.
	 *
	 * @param tileSize side of a tile's kept centre in LR pixels ({@code >= 1})
	 * @param overlap context pixels on each side ({@code >= 0}); {@link #exactOverlap()} for exact results
	 * @param monitor told "Super-resolving tile d/n" after each tile and asked between tiles: cancelled, the run
	 *          stops with {@link CancellationException}; {@link Monitor#NONE} for neither
	 */
	public FloatImage apply(final FloatImage lr, final int tileSize, final int overlap, final Monitor monitor) {
		final int c = net.spec().numInCh();
		if (lr.channels() != c) {
			throw new IllegalArgumentException("the network " + net.spec() + " takes " + (c == 1 ? "grey (1-channel)"
				: "RGB (3-channel)") + " input, got " + lr);
		}
		if (tileSize < 1) throw new IllegalArgumentException("tile_size must be >= 1, got " + tileSize);
		if (overlap < 0) throw new IllegalArgumentException("overlap must be >= 0, got " + overlap);
		final int s = net.spec().scale();
		final int h = lr.height();
		final int w = lr.width();
		final FloatImage out = new FloatImage(net.spec().numOutCh(), h * s, w * s);
		final int tilesY = (int) Math.ceil(h / (double) Math.min(tileSize, h));
		final int tilesX = (int) Math.ceil(w / (double) Math.min(tileSize, w));
		final int th = Math.min(tileSize, h);
		final int tw = Math.min(tileSize, w);
		final int total = tilesY * tilesX;
		final RandomAccessibleInterval<FloatType> in = Imgs.wrap(lr);
		final RandomAccessibleInterval<FloatType> whole = Imgs.wrap(out);
		int done = 0;
		Engines.workerThread();
		for (int iy = 0; iy < tilesY; iy++) {
			for (int ix = 0; ix < tilesX; ix++) {
				if (monitor.isCancelled()) throw new CancellationException();
				final int y0 = iy * th;
				final int x0 = ix * tw;
				final int y1 = Math.min(h, y0 + th);
				final int x1 = Math.min(w, x0 + tw);
				final int cy0 = Math.max(0, y0 - overlap);
				final int cx0 = Math.max(0, x0 - overlap);
				final int cy1 = Math.min(h, y1 + overlap);
				final int cx1 = Math.min(w, x1 + overlap);
				// the tile with its context, then the network's output for it, of which only the centre is kept
				final FloatImage tile = Imgs.toFloatImage(Views.interval(in, new long[] { cx0, cy0, 0 }, new long[] { cx1 -
					1, cy1 - 1, c - 1 }));
				final FloatImage sr;
				try (NDManager sub = manager.newSubManager()) {
					final NDArray x = sub.create(tile.data(), new Shape(1, c, tile.height(), tile.width()));
					sr = new FloatImage(out.channels(), tile.height() * s, tile.width() * s, net.forward(x).toFloatArray());
				}
				Imgs.copy(Views.interval(Imgs.wrap(sr), new long[] { (x0 - cx0) * s, (y0 - cy0) * s, 0 }, new long[] { (x1 -
					cx0) * s - 1, (y1 - cy0) * s - 1, out.channels() - 1 }), Views.interval(whole, new long[] { x0 * s, y0 * s,
						0 }, new long[] { x1 * s - 1, y1 * s - 1, out.channels() - 1 }));
				done++;
				monitor.progress("Super-resolving tile " + done + "/" + total, done, total);
			}
		}
		return out;
	}
}
