package io.github.faig.prediction;

import java.io.Serializable;

/**
 * Degradation prediction tile by tile: the prediction's options and the side of the square tiles.
 *
 * @param prediction the filter sets and thresholds
 * @param tileSize the tiles' side in pixels, at least {@link #MIN_TILE_SIZE} (and the model's receptive field)
 */
public record DegradationMapOptions(PredictionOptions prediction, int tileSize) implements Serializable {

	public static final int MIN_TILE_SIZE = 16;

	public DegradationMapOptions {
		if (prediction == null) throw new IllegalArgumentException("no prediction options");
		if (tileSize < MIN_TILE_SIZE) {
			throw new IllegalArgumentException("tile_size must be >= " + MIN_TILE_SIZE + ", got " + tileSize);
		}
	}

	/** The shipped sample sets and thresholds, tiles of 64 pixels. */
	public static DegradationMapOptions defaults() {
		return new DegradationMapOptions(PredictionOptions.defaults(), 64);
	}
}
