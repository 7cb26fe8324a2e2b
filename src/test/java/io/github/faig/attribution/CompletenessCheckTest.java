package io.github.faig.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.faig.image.FloatImage;
import io.github.faig.nn.NetworkSpec;
import io.github.faig.nn.StateDict;

/** The completeness warning on the tiny pair of {@link FaigEngineTest}: a coarse rule is flagged, a fine one not. */
class CompletenessCheckTest {

	@Test
	void coarseRuleIsFlaggedAndFineRuleIsNot() {
		final StateDict theta = FaigEngineTest.target();
		final StateDict thetaBar = FaigEngineTest.perturb(theta, null, 0.05, 11);
		final FloatImage lr = FaigEngineTest.random(3, 10, 12, 6);
		final FloatImage gt = FaigEngineTest.random(3, 20, 24, 7);
		final FaigEngine.Attribution coarse;
		final FaigEngine.Attribution fine;
		try (FaigEngine e = new FaigEngine(FaigEngineTest.SPEC, thetaBar, theta)) {
			coarse = e.attribute(lr, gt, Quadrature.RIEMANN, 2);
			fine = e.attribute(lr, gt, Quadrature.GAUSS_LEGENDRE, 32);
		}
		final CompletenessCheck check = new CompletenessCheck();
		// The pair is far enough apart that the input is judged, not exempt.
		assertTrue(Math.abs(coarse.lossGap()) >= CompletenessCheck.DEFAULT_MIN_LOSS_GAP, "gap " + coarse.lossGap());
		assertTrue(coarse.completenessError() > CompletenessCheck.DEFAULT_MAX_RELATIVE_ERROR, "coarse error " + coarse
			.completenessError());
		assertTrue(fine.completenessError() < CompletenessCheck.DEFAULT_MAX_RELATIVE_ERROR, "fine error " + fine
			.completenessError());

		assertEquals(CompletenessCheck.Verdict.EXCEEDS, check.verdict(coarse));
		assertEquals(CompletenessCheck.Verdict.OK, check.verdict(fine));
		final String w = check.warning(List.of(coarse, fine), NetworkSpec.MSRRESNET);
		assertNotNull(w);
		assertTrue(w.contains("1 of 2 inputs"), w);
		assertTrue(w.contains("riemann N=2"), w);
		assertTrue(w.contains(CompletenessCheck.recommendation(NetworkSpec.MSRRESNET).options()), w);
		assertEquals(1, check.exceeding(List.of(coarse, fine)));
		assertNull(check.warning(List.of(fine), NetworkSpec.MSRRESNET));

		// Below the loss-gap floor the same attribution is exempt, and no warning is given.
		final CompletenessCheck floor = new CompletenessCheck(0.05, 2 * Math.abs(coarse.lossGap()));
		assertEquals(CompletenessCheck.Verdict.EXEMPT, floor.verdict(coarse));
		assertNull(floor.warning(List.of(coarse), NetworkSpec.MSRRESNET));
	}

	@Test
	void recommendationsPerArchitecture() {
		final CompletenessCheck.Recommendation m = CompletenessCheck.recommendation(NetworkSpec.MSRRESNET);
		final CompletenessCheck.Recommendation s = CompletenessCheck.recommendation(NetworkSpec.SRCNN_STYLE);
		assertTrue(m.steps() >= 2 && s.steps() >= 2);
		assertTrue(s.options().startsWith("quadrature=" + s.rule().label() + " steps="), s.options());
		assertTrue(m.studied() && s.studied());
		// an architecture without a study gets a starting point that says so, never another network's finding as its own
		final CompletenessCheck.Recommendation e = CompletenessCheck.recommendation("EDSR");
		assertFalse(e.studied());
		assertTrue(e.steps() >= Math.max(m.steps(), s.steps()));
		assertThrows(IllegalArgumentException.class, () -> new CompletenessCheck(0, 0.01));
		assertThrows(IllegalArgumentException.class, () -> new CompletenessCheck(0.05, -1));
	}
}
