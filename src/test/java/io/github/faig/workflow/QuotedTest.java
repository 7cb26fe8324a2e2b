package io.github.faig.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuotedTest {

	@Test
	void shortValuesStayAsTheyAre() {
		assertEquals("model.safetensors", Quoted.of("model.safetensors"));
		assertEquals("null", Quoted.of(null));
	}

	@Test
	void controlCharactersAreEscaped() {
		assertEquals("a\\u0000b\\u000ac\\u001b[0m", Quoted.of("a\u0000b\nc\u001b[0m"));
	}

	@Test
	void longValuesAreCutAfterTheirFirstCharacters() {
		final String q = Quoted.of("7".repeat(100_000_000 / 1000));
		assertEquals("7".repeat(Quoted.MAX) + "\u2026 (100000 characters)", q);
	}
}
