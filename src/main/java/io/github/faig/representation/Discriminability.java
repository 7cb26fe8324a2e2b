package io.github.faig.representation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How well labelled vectors separate by class: the Calinski–Harabasz index, and nearest-centroid identification.
 */
public final class Discriminability {

	private Discriminability() {}

	/**
	 * Calinski–Harabasz index: {@code [tr(B)/(K − 1)] / [tr(W)/(n − K)]}, between-class over within-class dispersion,
	 * each per degree of freedom. Larger is better separated; needs K ≥ 2 classes and n > K samples.
	 */
	public static double calinskiHarabasz(final double[][] x, final int[] labels) {
		final int n = x.length;
		final int d = x[0].length;
		final int k = classCount(labels);
		if (k < 2 || n <= k) throw new IllegalArgumentException("CHI needs >= 2 classes and more samples than classes");
		final double[] mean = new double[d];
		for (final double[] r : x) for (int j = 0; j < d; j++) mean[j] += r[j] / n;
		final double[][] c = centroids(x, labels, k);
		final int[] count = new int[k];
		for (final int l : labels) count[l]++;
		double b = 0;
		for (int l = 0; l < k; l++) {
			if (count[l] == 0) continue;
			for (int j = 0; j < d; j++) b += count[l] * (c[l][j] - mean[j]) * (c[l][j] - mean[j]);
		}
		double w = 0;
		for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) w += (x[i][j] - c[labels[i]][j]) * (x[i][j] -
			c[labels[i]][j]);
		final int used = (int) Arrays.stream(count).filter(v -> v > 0).count();
		return (b / (used - 1)) / (w / (n - used));
	}

	/** Class means ({@code [class][dim]}); labels are 0 … k−1. */
	public static double[][] centroids(final double[][] x, final int[] labels, final int k) {
		final int d = x[0].length;
		final double[][] c = new double[k][d];
		final int[] count = new int[k];
		for (int i = 0; i < x.length; i++) {
			count[labels[i]]++;
			for (int j = 0; j < d; j++) c[labels[i]][j] += x[i][j];
		}
		for (int l = 0; l < k; l++) for (int j = 0; j < d; j++) if (count[l] > 0) c[l][j] /= count[l];
		return c;
	}

	/** The label of the nearest centroid (Euclidean) for each vector. */
	public static int[] nearestCentroid(final double[][] centroids, final double[][] x) {
		final int[] out = new int[x.length];
		for (int i = 0; i < x.length; i++) {
			double best = Double.POSITIVE_INFINITY;
			for (int l = 0; l < centroids.length; l++) {
				double s = 0;
				for (int j = 0; j < x[i].length; j++) s += (x[i][j] - centroids[l][j]) * (x[i][j] - centroids[l][j]);
				if (s < best) {
					best = s;
					out[i] = l;
				}
			}
		}
		return out;
	}

	/** Share of equal entries. */
	public static double accuracy(final int[] truth, final int[] predicted) {
		int ok = 0;
		for (int i = 0; i < truth.length; i++) if (truth[i] == predicted[i]) ok++;
		return ok / (double) truth.length;
	}

	/** The rows of {@code x} whose label is {@code a} or {@code b}, relabelled 0 and 1 (for pairwise CHI). */
	public static double pairwise(final double[][] x, final int[] labels, final int a, final int b) {
		final List<double[]> rows = new ArrayList<>();
		final List<Integer> l = new ArrayList<>();
		for (int i = 0; i < x.length; i++) {
			if (labels[i] == a || labels[i] == b) {
				rows.add(x[i]);
				l.add(labels[i] == a ? 0 : 1);
			}
		}
		return calinskiHarabasz(rows.toArray(new double[0][]), l.stream().mapToInt(Integer::intValue).toArray());
	}

	static int classCount(final int[] labels) {
		int k = 0;
		for (final int l : labels) k = Math.max(k, l + 1);
		return k;
	}
}
