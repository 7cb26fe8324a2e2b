package io.github.faig.representation;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Principal component analysis of row vectors (samples × features) for many features and few samples: the
 * eigen-decomposition (EJML) of the samples' centred Gram matrix gives the components without forming the
 * features × features covariance. Fitted on one set of samples, it projects others with the same mean and axes.
 */
public final class Pca {

	private final double[] mean;
	/** Unit principal axes, {@code [component][feature]}, by decreasing variance. */
	private final double[][] axes;
	private final double[] variances;

	private Pca(final double[] mean, final double[][] axes, final double[] variances) {
		this.mean = mean;
		this.axes = axes;
		this.variances = variances;
	}

	/**
	 * Fits up to {@code components} components (fewer when the samples span fewer dimensions).
	 *
	 * @param x samples × features
	 */
	public static Pca fit(final float[][] x, final int components) {
		final int n = x.length;
		if (n < 2) throw new IllegalArgumentException("PCA needs at least 2 samples, got " + n);
		final int d = x[0].length;
		final double[] mean = new double[d];
		for (final float[] r : x) for (int j = 0; j < d; j++) mean[j] += r[j];
		for (int j = 0; j < d; j++) mean[j] /= n;
		final double[][] c = new double[n][d];
		for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) c[i][j] = x[i][j] - mean[j];
		// Gram matrix G = C Cᵀ (n × n); its eigenvectors u give the axes Cᵀu / |Cᵀu|.
		final DMatrixRMaj g = new DMatrixRMaj(n, n);
		for (int i = 0; i < n; i++) {
			for (int k = i; k < n; k++) {
				double s = 0;
				final double[] a = c[i];
				final double[] b = c[k];
				for (int j = 0; j < d; j++) s += a[j] * b[j];
				g.set(i, k, s);
				g.set(k, i, s);
			}
		}
		final EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
		if (!eig.decompose(g)) throw new IllegalStateException("eigen-decomposition failed");
		final Integer[] order = new Integer[n];
		for (int i = 0; i < n; i++) order[i] = i;
		Arrays.sort(order, (p, q) -> Double.compare(eig.getEigenvalue(q).getReal(), eig.getEigenvalue(p)
			.getReal()));
		final double total = trace(g);
		int k = 0;
		final double[][] axes = new double[Math.min(components, n - 1)][];
		final double[] vars = new double[axes.length];
		for (final int idx : order) {
			if (k == axes.length) break;
			final double lambda = eig.getEigenvalue(idx).getReal();
			if (lambda <= 1e-12 * Math.max(total, 1e-300)) break;
			final DMatrixRMaj u = eig.getEigenVector(idx);
			final double[] axis = new double[d];
			for (int i = 0; i < n; i++) {
				final double ui = u.get(i, 0);
				for (int j = 0; j < d; j++) axis[j] += ui * c[i][j];
			}
			double norm = 0;
			for (final double v : axis) norm += v * v;
			norm = Math.sqrt(norm);
			for (int j = 0; j < d; j++) axis[j] /= norm;
			// A deterministic sign: the largest coordinate positive.
			int arg = 0;
			for (int j = 1; j < d; j++) if (Math.abs(axis[j]) > Math.abs(axis[arg])) arg = j;
			if (axis[arg] < 0) for (int j = 0; j < d; j++) axis[j] = -axis[j];
			axes[k] = axis;
			vars[k] = lambda / (n - 1);
			k++;
		}
		return new Pca(mean, Arrays.copyOf(axes, k), Arrays.copyOf(vars, k));
	}

	private static double trace(final DMatrixRMaj g) {
		double t = 0;
		for (int i = 0; i < g.numRows; i++) t += g.get(i, i);
		return t;
	}

	public int components() {
		return axes.length;
	}

	/** Variance along each component. */
	public double[] variances() {
		return variances.clone();
	}

	/** Unit axis of component {@code k}. */
	public double[] axis(final int k) {
		return axes[k].clone();
	}

	/** The samples' coordinates on the components (samples × components). */
	public double[][] project(final float[][] x) {
		final double[][] out = new double[x.length][axes.length];
		for (int i = 0; i < x.length; i++) {
			for (int k = 0; k < axes.length; k++) {
				double s = 0;
				final double[] a = axes[k];
				for (int j = 0; j < a.length; j++) s += (x[i][j] - mean[j]) * a[j];
				out[i][k] = s;
			}
		}
		return out;
	}
}
