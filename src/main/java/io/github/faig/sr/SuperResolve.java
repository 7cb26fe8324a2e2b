package io.github.faig.sr;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import io.github.faig.image.FloatImage;
import io.github.faig.image.Imgs;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.workflow.Monitor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The workflow behind {@code FAIG Blind Super-Resolution}: the output of a one-branch SR network (×scale) for grey or
 * RGB images of any size, tile by tile in bounded memory, with the progress of every tile.
 * <p>
 * The workflow holds the model in native memory (load once per JVM, close when done); {@link #apply} of one image
 * depends on that image and the options only, so the images of a set can be super-resolved anywhere, in any order.
 * </p>
 *
 * <pre>
 * try (SuperResolve sr = new SuperResolve(pkg, SuperResolve.Options.defaults())) {
 *     FloatImage out = sr.apply(lr, Monitor.NONE);
 * }
 * </pre>
 */
public final class SuperResolve implements AutoCloseable {

	/**
	 * How images are cut into tiles.
	 *
	 * @param tileSize the side of a tile in LR pixels, from 16 to 8192
	 * @param tileOverlap the context around each tile in LR pixels, or -1 for the exact overlap (the network's
	 *          receptive radius: the result then equals the untiled output up to float rounding)
	 */
	public record Options(int tileSize, int tileOverlap) implements Serializable {

		/** The default tile side. */
		public static final int DEFAULT_TILE_SIZE = 256;

		public Options {
			if (tileSize < 16 || tileSize > 8192) {
				throw new IllegalArgumentException("tile_size must be from 16 to 8192, got " + tileSize);
			}
			if (tileOverlap < -1 || tileOverlap > 1024) {
				throw new IllegalArgumentException("tile_overlap must be from -1 (exact) to 1024, got " + tileOverlap);
			}
		}

		/** 256-pixel tiles with the exact overlap. */
		public static Options defaults() {
			return new Options(DEFAULT_TILE_SIZE, -1);
		}
	}

	/** The super-resolved images of a set, in order, and the model that made them. */
	public record Result(List<FloatImage> images, String model, int scale) implements Serializable {}

	private final SrModel model;
	private final Options options;

	/** Loads {@code pkg}'s network into native memory. */
	public SuperResolve(final ModelPackage pkg, final Options options) {
		this.options = options;
		this.model = SrModel.load(pkg);
	}

	public Options options() {
		return options;
	}

	/** The model's scale factor. */
	public int scale() {
		return model.scale();
	}

	/** The model's name. */
	public String modelName() {
		return model.modelName();
	}

	/**
	 * The super-resolved image of a grey or RGB image on the [0, 1] scale; progress is reported per tile.
	 *
	 * @throws IllegalArgumentException for an image smaller than the network's receptive field or of another channel
	 *           count
	 */
	public FloatImage apply(final FloatImage lr, final Monitor monitor) {
		return apply(lr, monitor, "Super-resolving", 0, 1);
	}

	/**
	 * As {@link #apply(FloatImage, Monitor)} for an ImgLib2 image in {@code X, Y, C} order ({@code C} = 1 or 3, or a
	 * 2-D grey image), returning the output in the same order.
	 */
	public ArrayImg<FloatType, FloatArray> apply(final RandomAccessibleInterval<FloatType> lr, final Monitor monitor) {
		return Imgs.wrap(apply(Imgs.toFloatImage(lr), monitor));
	}

	/** Every image of a set, one after another; progress counts the tiles of the whole set. */
	public Result run(final List<FloatImage> images, final Monitor monitor) {
		final List<FloatImage> out = new ArrayList<>();
		for (int s = 0; s < images.size(); s++) {
			out.add(apply(images.get(s), monitor, "Super-resolving slice " + (s + 1) + "/" + images.size() + ",", s,
				images.size()));
		}
		return new Result(out, model.modelName(), model.scale());
	}

	/** Image {@code index} of {@code count}, reporting tile progress as if every image had as many tiles. */
	private FloatImage apply(final FloatImage lr, final Monitor monitor, final String what, final int index,
		final int count)
	{
		monitor.checkCancelled();
		return model.superResolve(lr, options.tileSize(), options.tileOverlap(), monitor.reporting((m, done,
			total) -> {
			monitor.checkCancelled();
			monitor.progress(what + " tile " + done + "/" + total, index * total + done, count * total);
		}));
	}

	@Override
	public void close() {
		model.close();
	}
}
