package io.github.faig.representation;

import java.io.Serializable;
import java.util.List;

/**
 * How deep degradation representations are sampled and analysed (docs/method.md §7).
 *
 * @param classes the labelled degradation classes, at least 2 (the first is the reference of the pairwise CHI)
 * @param patchSize side of the LR patches, at least 4
 * @param patchesPerImage patch positions per image (every class at each)
 * @param layer the tap to analyse, {@code null} or blank for the architecture's default
 * @param sweepLayers every tap instead of one
 * @param components PCA components, at least 2
 * @param seed the seed of the noise and the patch positions
 */
public record RepresentationOptions(List<DegradationClass> classes, int patchSize, int patchesPerImage, String layer,
	boolean sweepLayers, int components, long seed) implements Serializable
{

	public RepresentationOptions {
		if (classes == null || classes.size() < 2) throw new IllegalArgumentException("classes: need at least 2 classes");
		classes = List.copyOf(classes);
		if (patchSize < 4) throw new IllegalArgumentException("patch_size must be >= 4, got " + patchSize);
		if (patchesPerImage < 1) throw new IllegalArgumentException("patches must be >= 1, got " + patchesPerImage);
		if (components < 2) throw new IllegalArgumentException("components must be >= 2, got " + components);
		if (layer != null && layer.isBlank()) layer = null;
	}

	/** The default classes, 16 patches of 32 per image, the default tap, 50 components, seed 0. */
	public static RepresentationOptions defaults() {
		return new RepresentationOptions(DegradationClass.parse(DegradationClass.DEFAULT), 32, 16, null, false, 50, 0);
	}
}
