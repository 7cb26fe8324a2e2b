package io.github.faig.representation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.degrade.Degrader;
import io.github.faig.image.CropPositions;
import io.github.faig.image.FloatImage;
import io.github.faig.nn.Engines;
import io.github.faig.nn.SrNetwork;
import io.github.faig.sr.SrModel;
import io.github.faig.workflow.Monitor;

/**
 * Deep degradation representations (docs/method.md §7): fixed-size LR patches at seeded positions of ground-truth images,
 * degraded into labelled classes (the same positions for every class), each patch's feature map at one or more taps
 * flattened into a vector, without building a gradient graph.
 */
public final class RepresentationSet {

	/** Vectors of one tap: {@code [sample][feature]}, with each sample's class and source image. */
	public record Vectors(String tap, float[][] x, int[] labels, int[] images) {}

	/** The LR patches and their labels, before any network sees them. */
	public record Patches(List<FloatImage> patches, int[] labels, int[] images, List<DegradationClass> classes) {}

	private RepresentationSet() {}

	/**
	 * Cuts {@code perImage} patches of {@code size}² LR pixels from every image, in every class (image by image, as
	 * {@link #patches(int, FloatImage, List, int, int, int, long)}).
	 *
	 * @param scale the network's scale (LR = HR / scale)
	 */
	public static Patches patches(final List<FloatImage> groundTruths, final List<DegradationClass> classes,
		final int size, final int perImage, final int scale, final long seed)
	{
		final List<Patches> each = new ArrayList<>();
		for (int i = 0; i < groundTruths.size(); i++) {
			each.add(patches(i, groundTruths.get(i), classes, size, perImage, scale, seed));
		}
		return concat(each, classes);
	}

	/**
	 * The patches of image {@code index} (0-based) of a set: {@code perImage} positions, every class at each. The
	 * noise and the positions depend on the seed and the index only, so any share of a set gives the same patches.
	 */
	public static Patches patches(final int index, final FloatImage groundTruth, final List<DegradationClass> classes,
		final int size, final int perImage, final int scale, final long seed)
	{
		if (size < 4) throw new IllegalArgumentException("patch_size must be >= 4, got " + size);
		if (perImage < 1) throw new IllegalArgumentException("patches must be >= 1, got " + perImage);
		final List<FloatImage> out = new ArrayList<>();
		final FloatImage[] lr = new FloatImage[classes.size()];
		for (int c = 0; c < classes.size(); c++) {
			final DegradationClass k = classes.get(c);
			final DegradationParams p = new DegradationParams(k.blurSigma() > 0 ? k.blurSigma() : 1, 21, scale, k
				.noiseSigma());
			final Degrader d = new Degrader(p);
			final FloatImage gt = d.groundTruth(groundTruth);
			lr[c] = d.degrade(gt, Degradation.of(k.blurSigma() > 0, k.noiseSigma() > 0), seed * 1_000_003L + 31L * index +
				c);
		}
		final CropPositions pos = new CropPositions(seed, CropPositions.REPRESENTATION, index, lr[0].width(), lr[0]
			.height(), size, "image " + (index + 1) + " (patch_size, in LR pixels)");
		final int[] labels = new int[perImage * classes.size()];
		for (int k = 0; k < perImage; k++) {
			final int[] yx = pos.next();
			for (int c = 0; c < classes.size(); c++) {
				labels[out.size()] = c;
				out.add(lr[c].crop(yx[0], yx[1], size, size));
			}
		}
		final int[] images = new int[labels.length];
		Arrays.fill(images, index);
		return new Patches(out, labels, images, classes);
	}

	/** The patches of several shares of a set, in order. */
	public static Patches concat(final List<Patches> parts, final List<DegradationClass> classes) {
		final List<FloatImage> out = new ArrayList<>();
		final List<Integer> labels = new ArrayList<>();
		final List<Integer> images = new ArrayList<>();
		for (final Patches p : parts) {
			out.addAll(p.patches());
			for (final int l : p.labels()) labels.add(l);
			for (final int i : p.images()) images.add(i);
		}
		return new Patches(out, labels.stream().mapToInt(Integer::intValue).toArray(), images.stream().mapToInt(
			Integer::intValue).toArray(), classes);
	}

	/** {@link #features(SrNetwork, NDManager, Patches, List, int, Monitor)} of a loaded model, in its own scope. */
	public static Map<String, Vectors> features(final SrModel model, final Patches p,
		final List<String> taps, final int batch, final Monitor monitor)
	{
		try (NDManager scope = model.newScope()) {
			return features(model.network(), scope, p, taps, batch, monitor);
		}
	}

	/**
	 * The flattened feature maps of every patch at each tap, in batches of {@code batch} patches.
	 *
	 * @param monitor asked before every batch: cancelled, the work stops with {@link CancellationException}
	 */
	public static Map<String, Vectors> features(final SrNetwork net, final NDManager manager, final Patches p,
		final List<String> taps, final int batch, final Monitor monitor)
	{
		for (final String t : taps) {
			if (!net.architecture().tapNames().contains(t)) {
				throw new IllegalArgumentException("layer '" + t + "' is not a tap of " + net.spec() + "; taps: " + net
					.architecture().tapNames());
			}
		}
		Engines.workerThread();
		final int n = p.patches().size();
		final Map<String, float[][]> out = new LinkedHashMap<>();
		for (final String t : taps) out.put(t, new float[n][]);
		final int size = p.patches().get(0).width();
		for (int b0 = 0; b0 < n; b0 += batch) {
			if (monitor.isCancelled()) throw new CancellationException();
			final int b1 = Math.min(n, b0 + batch);
			// grey patches through an RGB network as three equal channels; a grey network takes one
			final int c = net.spec().numInCh();
			final float[] data = new float[(b1 - b0) * c * size * size];
			for (int i = b0; i < b1; i++) {
				System.arraycopy(p.patches().get(i).withChannels(c).data(), 0, data, (i - b0) * c * size * size, c * size *
					size);
			}
			final int start = b0;
			try (NDManager sub = manager.newSubManager()) {
				final NDArray x = sub.create(data, new Shape(b1 - b0, c, size, size));
				net.forward(x, (name, a) -> {
					final float[][] dst = out.get(name);
					if (dst == null) return;
					final float[] all = a.toFloatArray();
					final int per = all.length / (b1 - start);
					for (int i = 0; i < b1 - start; i++) {
						dst[start + i] = Arrays.copyOfRange(all, i * per, (i + 1) * per);
					}
				});
			}
		}
		final Map<String, Vectors> v = new LinkedHashMap<>();
		for (final Map.Entry<String, float[][]> e : out.entrySet()) {
			v.put(e.getKey(), new Vectors(e.getKey(), e.getValue(), p.labels(), p.images()));
		}
		return v;
	}
}
