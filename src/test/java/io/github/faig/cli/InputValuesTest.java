package io.github.faig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The number rule that macro lines share with headless lines ({@link InputValues#notANumber}). */
class InputValuesTest {

	@Test
	void numbersAsJavaAndImageJWriteThemPass() {
		for (final String v : new String[] { "0", "-1", "2.0", " 0.5 ", ".5", "1e-1", "1.0E-4", "+3" })
			assertNull(InputValues.notANumber("t_blur", double.class, v), v);
		assertNull(InputValues.notANumber("seed", int.class, "-7"));
		assertNull(InputValues.notANumber("seed", Long.class, "12"));
		// not a number input: nothing to say
		assertNull(InputValues.notANumber("mode", String.class, "abc"));
		assertNull(InputValues.notANumber("with_clean", boolean.class, "yes"));
	}

	@Test
	void aWordADecimalCommaOrNaNIsNamed() {
		assertEquals("t_blur expects a finite decimal number, got 'abc'", InputValues.notANumber("t_blur",
			double.class, "abc"));
		assertEquals("t_reblur expects a finite decimal number, got '0,5'", InputValues.notANumber("t_reblur",
			double.class, "0,5"));
		assertEquals("t_reblur expects a finite decimal number, got 'NaN'", InputValues.notANumber("t_reblur",
			Double.class, "NaN"));
		assertEquals("noise_sigma expects a finite decimal number, got ''", InputValues.notANumber("noise_sigma",
			float.class, ""));
		assertEquals("seed expects a whole number, got '1.5'", InputValues.notANumber("seed", int.class, "1.5"));
		assertEquals("tile_size expects a whole number, got '\\u0000'", InputValues.notANumber("tile_size",
			int.class, "\0"));
	}

	@Test
	void aNumberBeyondItsTypeIsNamedAsWritten() {
		// imagej-legacy's reader makes these 0 and Infinity: the message must show what the macro line wrote
		assertEquals("tile_size = 99999999999 is out of range for a whole number (from -2147483648 to 2147483647)",
			InputValues.notANumber("tile_size", int.class, "99999999999"));
		assertEquals("tile_size = -99999999999 is out of range for a whole number (from -2147483648 to 2147483647)",
			InputValues.notANumber("tile_size", int.class, "-99999999999"));
		assertEquals("noise_sigma = 1e400 is too large: expected a finite number", InputValues.notANumber(
			"noise_sigma", double.class, "1e400"));
		assertEquals("ratio = 1e39 is too large: expected a finite number", InputValues.notANumber("ratio",
			float.class, "1e39"));
		assertNull(InputValues.notANumber("seed", long.class, "99999999999"));
		assertNull(InputValues.notANumber("tile_size", int.class, "2147483647"));
	}

	@Test
	void aMacroBooleanIsTrueOrFalse() {
		// imagej-legacy reads with_clean=yes as false, and throws on with_clean= (trial finding)
		assertNull(InputValues.notABoolean("with_clean", boolean.class, "true"));
		assertNull(InputValues.notABoolean("with_clean", Boolean.class, "FALSE"));
		assertNull(InputValues.notABoolean("tile_size", int.class, ""));
		assertEquals("with_clean expects true or false, got ''", InputValues.notABoolean("with_clean", boolean.class,
			""));
		assertEquals("with_clean expects true or false, got 'yes'", InputValues.notABoolean("with_clean",
			boolean.class, "yes"));
	}
}
