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

	@Test
	void numbersAreWrittenAsAUserWritesThem() {
		assertEquals("-2", Quoted.number(-2.0));
		assertEquals("-0.0002", Quoted.number(-2.0E-4));
		assertEquals("0.000001", Quoted.number(1e-6));
		assertEquals("1.5", Quoted.number(1.5));
		assertEquals("1.1", Quoted.number(1.1f));
		assertEquals("100.5", Quoted.number(100.5));
		assertEquals("0", Quoted.number(-0.0));
		assertEquals("1e-7", Quoted.number(1e-7));
		assertEquals("-2.5e-9", Quoted.number(-2.5e-9f));
		assertEquals("1e+20", Quoted.number(1e20));
		assertEquals(1e20, Double.parseDouble(Quoted.number(1e20)), "reads back");
		assertEquals("0.01", Quoted.number(0.01));
		assertEquals("NaN", Quoted.number(Double.NaN));
		assertEquals("Infinity", Quoted.number(Double.POSITIVE_INFINITY));
		assertEquals("16", Quoted.number(16));
	}
}
