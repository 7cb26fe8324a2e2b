package io.github.faig.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** How {@link FaigCommand}'s declared-input check reads a choice in another case. */
class DeclaredInputsTest {

	@Test
	void aChoiceInAnotherCaseIsTheDeclaredOne() {
		final List<String> rules = List.of("paper", "blur-under-noise");
		assertEquals("blur-under-noise", FaigCommand.declaredChoice(rules, "Blur-Under-Noise"));
		assertEquals("paper", FaigCommand.declaredChoice(rules, " PAPER "));
		// a word that names no choice stays as given, for the error to quote
		assertEquals("blur_under_noise", FaigCommand.declaredChoice(rules, "blur_under_noise"));
	}
}
