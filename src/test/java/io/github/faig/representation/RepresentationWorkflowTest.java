package io.github.faig.representation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.github.faig.TestImages;
import io.github.faig.image.FloatImage;

/** The representation analysis at value level: separable features, and patches that shard by image. */
class RepresentationWorkflowTest {

	/**
	 * Three classes whose features are their one-hot label plus small noise, over 8 images: every held-out sample is
	 * identified, and CHI on the PCA vectors (all dimensions kept) is CHI of the raw features, computed apart.
	 */
	@Test
	void separableFeaturesAreIdentifiedAndTheirChiIsKeptByPca() {
		final Random r = new Random(3);
		final int n = 240;
		final float[][] x = new float[n][3];
		final double[][] raw = new double[n][3];
		final int[] labels = new int[n];
		final int[] images = new int[n];
		for (int i = 0; i < n; i++) {
			labels[i] = i % 3;
			images[i] = i / 30;
			for (int j = 0; j < 3; j++) {
				x[i][j] = (float) ((j == labels[i] ? 1 : 0) + 0.05 * r.nextGaussian());
				raw[i][j] = x[i][j];
			}
		}
		final RepresentationAnalysis.Result a = RepresentationAnalysis.analyse(new RepresentationSet.Vectors("t", x,
			labels, images), 3, 3);
		assertEquals(1.0, a.identificationAccuracy(), 0);
		assertEquals(Discriminability.calinskiHarabasz(raw, labels), a.chi(), 1e-6 * a.chi());
		assertTrue(a.chi() > 1000, "CHI " + a.chi());
		assertTrue(Double.isNaN(a.pairwiseChi()[0]));
		assertEquals(Discriminability.pairwise(raw, labels, 0, 2), a.pairwiseChi()[2], 1e-6 * a.pairwiseChi()[2]);
	}

	/** A set's patches are the patches of its images, each cut on its own: a share of the set gives the same. */
	@Test
	void patchesOfASetAreThoseOfEachImage() {
		final List<FloatImage> gts = TestImages.images(3, 48, 5);
		final List<DegradationClass> cls = DegradationClass.parse("clean;blur:2;noise:0.1");
		final RepresentationSet.Patches all = RepresentationSet.patches(gts, cls, 8, 2, 2, 7);
		final RepresentationSet.Patches third = RepresentationSet.patches(2, gts.get(2), cls, 8, 2, 2, 7);
		assertEquals(3 * 2 * 3, all.patches().size());
		for (int i = 0; i < third.patches().size(); i++) {
			final int j = 12 + i;
			assertEquals(2, all.images()[j]);
			assertEquals(third.labels()[i], all.labels()[j]);
			assertTrue(Arrays.equals(third.patches().get(i).data(), all.patches().get(j).data()));
		}
	}
}
