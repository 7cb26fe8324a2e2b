package io.github.faig.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.faig.degrade.Degradation;
import io.github.faig.masking.MaskingExperiment.Cell;
import io.github.faig.masking.MaskingExperiment.Result;

/** The log line of the Masking Experiment: the paper's two checks, from the cells by hand. */
class MaskingSummaryTest {

	/** The SRCNN-style pair's 1 % means (RESULTS.md §7.5), one image each. */
	private static List<Cell> cells() {
		final List<Cell> c = new ArrayList<>();
		add(c, "FAIG", Mask.DEBLURRING, 1.912, 0.358);
		add(c, "FAIG", Mask.DENOISING, 0.171, 2.918);
		add(c, "random", Mask.DEBLURRING, 0.050, 0.031);
		add(c, "random", Mask.DENOISING, 0.050, 0.031);
		return c;
	}

	private static void add(final List<Cell> c, final String method, final Mask m, final double blurry,
		final double noisy)
	{
		c.add(new Cell(method, m, Degradation.BLUR, 1, 392, new double[] { blurry }, new double[] { 30 }));
		c.add(new Cell(method, m, Degradation.NOISE, 1, 392, new double[] { noisy }, new double[] { 30 }));
	}

	@Test
	void ratiosAndCrossEffects() {
		// 1.912 / 0.050 = 38.24, 0.358 / 1.912 = 18.72 %; 2.918 / 0.031 = 94.13, 0.171 / 2.918 = 5.86 %
		assertEquals("deblurring mask 38.2× random on blurry inputs, cross-effect 18.7 % (on noisy); denoising mask " +
			"94.1× random on noisy inputs, cross-effect 5.9 % (on blurry)", new Result(Map.of(), cells()).summary(1));
	}

	@Test
	void whatWasNotComputedIsLeftOut() {
		assertEquals("", new Result(Map.of(), cells()).summary(3), "no cells at 3 %");
		final List<Cell> noRandom = new ArrayList<>(cells());
		noRandom.removeIf(c -> c.method().equals("random") && c.mask() == Mask.DEBLURRING);
		assertEquals("denoising mask 94.1× random on noisy inputs, cross-effect 5.9 % (on blurry)", new Result(Map
			.of(), noRandom).summary(1));
		final List<Cell> zero = new ArrayList<>();
		add(zero, "FAIG", Mask.DEBLURRING, 0, 0);
		add(zero, "random", Mask.DEBLURRING, 0, 0);
		assertEquals("deblurring mask n/a× random on blurry inputs, cross-effect n/a (on noisy)", new Result(Map.of(),
			zero).summary(1));
	}
}
