package io.github.faig.representation;

import java.util.ArrayList;
import java.util.List;

/**
 * The discriminability of one set of vectors (docs/method.md §7): PCA fitted on the training images' samples; the
 * Calinski–Harabasz index with the true labels on the PCA vectors (all samples); CHI of clean against each other
 * class; nearest-centroid distortion identification trained on the samples of half the images (even image index)
 * and tested on the other half (held-out images), in the same PCA space.
 */
public final class RepresentationAnalysis {

	/** The figures of one tap. */
	public record Result(String tap, int samples, int features, int components, double chi, double[] pairwiseChi,
		double identificationAccuracy, double[][] embedding2d)
	{}

	private RepresentationAnalysis() {}

	public static Result analyse(final RepresentationSet.Vectors v, final int classes, final int components) {
		final int n = v.x().length;
		final List<float[]> train = new ArrayList<>();
		final List<Integer> trainLabels = new ArrayList<>();
		final List<Integer> testIdx = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			if (v.images()[i] % 2 == 0) {
				train.add(v.x()[i]);
				trainLabels.add(v.labels()[i]);
			}
			else testIdx.add(i);
		}
		if (train.size() < 2 || testIdx.isEmpty()) {
			throw new IllegalArgumentException("need at least 2 images (one to fit, one held out)");
		}
		final Pca pca = Pca.fit(train.toArray(new float[0][]), components);
		final double[][] all = pca.project(v.x());
		final double chi = Discriminability.calinskiHarabasz(all, v.labels());
		final double[] pair = new double[classes];
		for (int c = 1; c < classes; c++) pair[c] = Discriminability.pairwise(all, v.labels(), 0, c);
		pair[0] = Double.NaN;
		final double[][] trainY = pca.project(train.toArray(new float[0][]));
		final double[][] centroids = Discriminability.centroids(trainY, trainLabels.stream().mapToInt(
			Integer::intValue).toArray(), classes);
		final double[][] testY = new double[testIdx.size()][];
		final int[] testL = new int[testIdx.size()];
		for (int i = 0; i < testIdx.size(); i++) {
			testY[i] = all[testIdx.get(i)];
			testL[i] = v.labels()[testIdx.get(i)];
		}
		final double acc = Discriminability.accuracy(testL, Discriminability.nearestCentroid(centroids, testY));
		final double[][] emb = new double[n][2];
		for (int i = 0; i < n; i++) {
			emb[i][0] = all[i][0];
			emb[i][1] = all[i].length > 1 ? all[i][1] : 0;
		}
		return new Result(v.tap(), n, v.x()[0].length, pca.components(), chi, pair, acc, emb);
	}
}
