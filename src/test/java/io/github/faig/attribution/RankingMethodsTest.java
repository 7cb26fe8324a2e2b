package io.github.faig.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The ranking-method registry: the paper's methods in the paper's order, and one added by the tests in one class. */
class RankingMethodsTest {

	private static final RankingMethods.Settings NO_SETS = new RankingMethods.Settings(null, false, 20, 0, 1, 7);

	@Test
	void paperMethodsThenAdded() {
		assertEquals(List.of("FAIG", "IG", "|theta-theta_bar|", "random", LeastChangedRanking.NAME), RankingMethods
			.providers().stream().map(RankingMethods.Provider::name).toList());
	}

	@Test
	void settingsChooseWhatRuns() {
		// no filter sets: no FAIG; no discovery images: no IG; the random order takes the experiment's seed
		final List<RankingMethod> m = RankingMethods.all(NO_SETS);
		assertEquals(List.of("|theta-theta_bar|", "random", LeastChangedRanking.NAME), m.stream().map(
			RankingMethod::name).toList());
		assertEquals(new RandomRanking(7), m.get(1));
		assertTrue(RankingMethods.all(new RankingMethods.Settings(null, true, 20, 0, 1, 7)).get(0) instanceof InputIgRanking);
	}

	@Test
	void foundByName() {
		assertTrue(RankingMethods.byName("Least-Changed").create(NO_SETS) instanceof LeastChangedRanking);
		assertNull(RankingMethods.byName("FAIG").create(NO_SETS));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RankingMethods.byName(
			"nope"));
		assertTrue(e.getMessage().startsWith("ranking method 'nope' is unknown: expected one of [FAIG, IG"), e
			.getMessage());
	}
}
