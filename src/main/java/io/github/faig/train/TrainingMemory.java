package io.github.faig.train;

import io.github.faig.io.MemoryBudget;
import io.github.faig.nn.NetworkMemory;
import io.github.faig.nn.NetworkSpec;

/**
 * The memory one training step takes, estimated from the network's shapes before anything is allocated
 * (README, Troubleshooting): a batch too large for the machine is refused in one line, rather than growing native
 * memory until the kernel ends the process.
 * <p>
 * Native (the engine's tensors): for every sample, each convolution's output, its activation and the gradients of
 * both kept for the backward pass ({@link #COPIES} floats per output value), plus the LR input and the HR target,
 * output and loss terms. Java heap: the batch's LR and HR patches as floats, made by {@link HrDataset}.
 */
final class TrainingMemory {

	/** Floats kept per convolution output value during a step: output, activation, and their gradients. */
	static final int COPIES = 4;

	private TrainingMemory() {}

	/** Values a network's convolutions produce for one LR input of {@code side × side} pixels. */
	static long activations(final NetworkSpec spec, final int side) {
		return NetworkMemory.activations(spec.layers(), side, side);
	}

	/** Native bytes of one step with {@code batch} samples of LR side {@code patch}. */
	static long nativeBytes(final NetworkSpec spec, final int batch, final int patch) {
		final long hr = 3L * patch * spec.scale() * patch * spec.scale();
		final long perSample = COPIES * activations(spec, patch) + 3L * patch * patch + 4 * hr;
		return MemoryBudget.product(batch, perSample, Float.BYTES);
	}

	/** Heap bytes of one batch's patches (LR and HR, floats). */
	static long heapBytes(final NetworkSpec spec, final int batch, final int patch) {
		final long hr = 3L * patch * spec.scale() * patch * spec.scale();
		return MemoryBudget.product(batch, 3L * patch * patch + hr, Float.BYTES);
	}

	/**
	 * Refuses {@code batch_size} (and {@code patch_size}) when one step would not fit, saying the largest batch that
	 * would.
	 */
	static void check(final NetworkSpec spec, final int batch, final int patch) {
		final long native1 = nativeBytes(spec, 1, patch);
		final long heap1 = heapBytes(spec, 1, patch);
		// half the heap: the training photographs live there too
		final long heap = MemoryBudget.product(2, heapBytes(spec, batch, patch));
		final long fits = Math.min(MemoryBudget.nativeAvailable() / Math.max(1, native1), MemoryBudget.heapFree(heap) /
			2 / Math.max(1, heap1));
		final String what = "batch_size=" + batch + " with patch_size=" + patch + " for " + spec;
		final String advice = fits >= 1 ? "lower batch_size (at most about " + fits + " fit) or patch_size"
			: "lower patch_size or train a smaller network";
		MemoryBudget.requireNative(what, nativeBytes(spec, batch, patch), advice);
		MemoryBudget.requireHeap(what, heap, advice + ", or raise FAIG_HEAP");
	}
}
