package io.github.faig.representation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class AnalysisTest {

	/** Points on a line y = 2x (plus their mean offset): one component along (1, 2)/√5 with the variance by hand. */
	@Test
	void pcaOfATinyMatrixMatchesAHandComputation() {
		final float[][] x = { { 1, 2 }, { 2, 4 }, { 3, 6 }, { 4, 8 } };
		final Pca p = Pca.fit(x, 2);
		assertEquals(1, p.components(), "the points span one dimension");
		final double s = Math.sqrt(5);
		assertArrayEquals(new double[] { 1 / s, 2 / s }, p.axis(0), 1e-9);
		// Coordinates along the axis: (x - mean)·axis = (-1.5, -0.5, 0.5, 1.5)·√5; variance = 5·(2.25+0.25)·2/3.
		final double[][] y = p.project(x);
		assertEquals(-1.5 * s, y[0][0], 1e-6);
		assertEquals(1.5 * s, y[3][0], 1e-6);
		assertEquals(5 * (2 * 2.25 + 2 * 0.25) / 3, p.variances()[0], 1e-6);
	}

	@Test
	void pcaFindsTheAxesOfAnAxisAlignedCloud() {
		final Random r = new Random(1);
		final float[][] x = new float[400][3];
		for (final float[] v : x) {
			v[0] = (float) (3 * r.nextGaussian());
			v[1] = (float) (1 * r.nextGaussian());
			v[2] = (float) (0.1 * r.nextGaussian());
		}
		final Pca p = Pca.fit(x, 3);
		assertEquals(1, Math.abs(p.axis(0)[0]), 0.01);
		assertEquals(1, Math.abs(p.axis(1)[1]), 0.01);
		assertEquals(9, p.variances()[0], 1.0);
		assertEquals(1, p.variances()[1], 0.15);
	}

	/** Features that are the class label plus small noise: separable, CHI large, identification perfect. */
	@Test
	void chiAndIdentificationOnLabelPlusNoise() {
		final Random r = new Random(2);
		final int n = 300;
		final double[][] x = new double[n][4];
		final int[] labels = new int[n];
		for (int i = 0; i < n; i++) {
			labels[i] = i % 3;
			for (int j = 0; j < 4; j++) x[i][j] = (j == labels[i] ? 1 : 0) + 0.05 * r.nextGaussian();
		}
		final double chi = Discriminability.calinskiHarabasz(x, labels);
		assertTrue(chi > 1000, "CHI " + chi);
		final double[][] c = Discriminability.centroids(x, labels, 3);
		assertEquals(1.0, Discriminability.accuracy(labels, Discriminability.nearestCentroid(c, x)), 0);
		// More noise, lower CHI; random labels, CHI about 1.
		final double[][] noisy = new double[n][4];
		for (int i = 0; i < n; i++) for (int j = 0; j < 4; j++) noisy[i][j] = x[i][j] + 0.5 * r.nextGaussian();
		final double chiNoisy = Discriminability.calinskiHarabasz(noisy, labels);
		assertTrue(chiNoisy < chi / 10, chiNoisy + " vs " + chi);
		final int[] shuffled = new int[n];
		for (int i = 0; i < n; i++) shuffled[i] = r.nextInt(3);
		assertEquals(1.0, Discriminability.calinskiHarabasz(noisy, shuffled), 2.0);
	}

	/** CHI by hand: two classes of two points on a line. */
	@Test
	void chiByHand() {
		final double[][] x = { { 0 }, { 2 }, { 10 }, { 12 } };
		final int[] l = { 0, 0, 1, 1 };
		// Means 1 and 11, overall 6: B = 2·25 + 2·25 = 100 (K−1 = 1); W = 4·1 = 4 (n−K = 2): CHI = 100 / 2 = 50.
		assertEquals(50.0, Discriminability.calinskiHarabasz(x, l), 1e-12);
		assertEquals(50.0, Discriminability.pairwise(x, l, 0, 1), 1e-12);
	}
}
