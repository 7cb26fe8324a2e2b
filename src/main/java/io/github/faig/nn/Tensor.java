package io.github.faig.nn;

import java.util.Arrays;

/**
 * A float32 tensor in plain Java: row-major (C order) values and a shape. The unit of weight files, importers and
 * model packages, so they work without loading the native engine.
 */
public final class Tensor {

	private final long[] shape;
	private final float[] data;

	public Tensor(final long[] shape, final float[] data) {
		final long n = numel(shape);
		if (n != data.length) {
			throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " +
				data.length);
		}
		this.shape = shape.clone();
		this.data = data;
	}

	public static long numel(final long[] shape) {
		long n = 1;
		for (final long s : shape) {
			if (s < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
			n *= s;
		}
		return n;
	}

	public long[] shape() {
		return shape.clone();
	}

	/** The values (not a copy). */
	public float[] data() {
		return data;
	}

	public int numel() {
		return data.length;
	}

	public String shapeString() {
		return Arrays.toString(shape);
	}

	@Override
	public String toString() {
		return "Tensor" + shapeString();
	}
}
