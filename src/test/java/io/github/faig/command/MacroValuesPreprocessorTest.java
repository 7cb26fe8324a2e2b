package io.github.faig.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import ij.Macro;

/** The macro line's entry that imagej-legacy would read, and only it, is taken out. */
class MacroValuesPreprocessorTest {

	@Test
	void takesOutExactlyTheEntryImageJReads() {
		assertEquals("model=srcnn-x2-target seed=3 ", MacroValuesPreprocessor.withoutKey(
			"model=srcnn-x2-target tile_size= seed=3 ", "tile_size"));
		assertEquals("model=srcnn-x2-target ", MacroValuesPreprocessor.withoutKey("tile_size=[] model=srcnn-x2-target ",
			"tile_size"));
		assertEquals("a=1 ", MacroValuesPreprocessor.withoutKey("a=1 t_blur='' ", "t_blur"));
		assertEquals("a=1 ", MacroValuesPreprocessor.withoutKey("a=1 t_blur=", "t_blur"));
		// a key inside a longer word is not the key (ImageJ's rule: not preceded by a letter)
		assertEquals("seeds=4 ", MacroValuesPreprocessor.withoutKey("seeds=4 seed= ", "seed"));
		assertEquals("abseed=4 ", MacroValuesPreprocessor.withoutKey("abseed=4 ", "seed"));
		// a bracketed value with spaces goes whole
		assertEquals("b=2 ", MacroValuesPreprocessor.withoutKey("t_blur=[ ] b=2 ", "t_blur"));
	}

	@Test
	void imageJThenReadsNothingForThatKey() {
		final String options = MacroValuesPreprocessor.withoutKey("model=m tile_size= seed=3 ", "tile_size");
		assertNull(Macro.getValue(options, "tile_size", null));
		assertEquals("3", Macro.getValue(options, "seed", null));
		assertEquals("m", Macro.getValue(options, "model", null));
	}
}
