package io.github.faig.nn;

import java.util.List;

import io.github.faig.io.MemoryBudget;

/**
 * The native memory a network's pass takes, estimated from its shapes before the pass runs (README, "Memory is
 * checked before work starts"): every value each convolution produces stays in the pass's manager until it closes,
 * with its activation (two floats per value), and with the gradients of both when gradients are recorded (four).
 * A pass that would not fit is refused in one line, not found out by the kernel's out-of-memory killer.
 */
public final class NetworkMemory {

	/** Floats kept per convolution output value: without gradients, with them. */
	public static final int INFERENCE_COPIES = 2;
	public static final int GRADIENT_COPIES = 4;

	private NetworkMemory() {}

	/**
	 * Values the convolutions of {@code layers} produce for one {@code h × w} input. The spatial size follows the
	 * pixel shuffles: where a layer makes {@code s²} times the channels the next one takes, the next one runs at
	 * {@code s} times the side.
	 */
	public static long activations(final List<ConvLayer> layers, final long h, final long w) {
		long area = MemoryBudget.product(h, w);
		long values = 0;
		for (int i = 0; i < layers.size(); i++) {
			final ConvLayer l = layers.get(i);
			values = saturatedAdd(values, MemoryBudget.product(l.out(), area));
			if (i + 1 < layers.size()) {
				final int next = layers.get(i + 1).in();
				if (next != l.out() && next > 0 && l.out() % next == 0) {
					final int s2 = l.out() / next;
					final int s = (int) Math.round(Math.sqrt(s2));
					if (s > 1 && s * s == s2) area = MemoryBudget.product(area, s2);
				}
			}
		}
		return values;
	}

	/** Native bytes of a pass of {@code n} inputs of {@code h × w} pixels, with or without gradients. */
	public static long bytes(final Architecture arch, final long n, final long h, final long w,
		final boolean gradients)
	{
		final long r = arch.spec().scale();
		final long perInput = saturatedAdd(MemoryBudget.product(gradients ? GRADIENT_COPIES : INFERENCE_COPIES,
			activations(arch.layers(), h, w)), MemoryBudget.product(3, h, w) + MemoryBudget.product(4 * 3, h * r, w * r));
		return MemoryBudget.product(n, perInput, Float.BYTES);
	}

	/**
	 * Refuses a pass that would not fit in native memory, in one line: "an input of 8000x8000 pixels to … needs about
	 * … of native memory …; use smaller tiles (tile_size) or crops (crop_size)".
	 */
	public static void check(final Architecture arch, final long n, final long h, final long w,
		final boolean gradients)
	{
		MemoryBudget.requireNative((n > 1 ? n + " inputs" : "an input") + " of " + w + "x" + h + " pixels to " + arch
			.spec() + (gradients ? " with gradients" : ""), bytes(arch, n, h, w, gradients),
			"use smaller tiles (tile_size) or crops (crop_size), or a smaller image");
	}

	private static long saturatedAdd(final long a, final long b) {
		final long s = a + b;
		return s < 0 ? Long.MAX_VALUE : s;
	}
}
