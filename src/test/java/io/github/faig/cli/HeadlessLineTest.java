package io.github.faig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Writing a headless line: the text a user would type, and what the reader reads back. */
class HeadlessLineTest {

	@Test
	void formatWritesTextQuotedAndNumbersBareAndParsesBack() {
		final Map<String, Object> v = new LinkedHashMap<>();
		v.put("input_dir", new File("data/my photos"));
		v.put("role", "target");
		v.put("name", "it's");
		v.put("learning_rate", 4e-4);
		v.put("seed", 1L);
		v.put("with_clean", false);
		final String line = HeadlessLine.format(v);
		assertEquals("input_dir='data/my photos',role='target',name=\"it's\",learning_rate=0.0004,seed=1," +
			"with_clean=false", line);
		final Map<String, HeadlessLine.Value> back = HeadlessLine.parse(line);
		assertEquals(v.keySet(), back.keySet());
		assertEquals("it's", back.get("name").text());
		// as a user writes it, and the same double back
		assertEquals("0.0004", back.get("learning_rate").text());
		assertEquals(4e-4, Double.parseDouble(back.get("learning_rate").text()));
	}

	@Test
	void aDecimalCommaIsToldBothReadings() {
		// blur_sigma=1,5 reads as blur_sigma=1 and a stray 5: a list wants quotes, a decimal number a point
		final HeadlessLine.SyntaxException e = org.junit.jupiter.api.Assertions.assertThrows(
			HeadlessLine.SyntaxException.class, () -> HeadlessLine.parse("input_file='a.png',blur_sigma=1,5,seed=2"));
		assertEquals("expected an input name (key=value) at '5,seed=2'; a list must be quoted, as blur_sigma='1,5'; a " +
			"decimal number takes a point, as blur_sigma=1.5", e.getMessage());
		final HeadlessLine.SyntaxException list = org.junit.jupiter.api.Assertions.assertThrows(
			HeadlessLine.SyntaxException.class, () -> HeadlessLine.parse("proportions=1,3.5"));
		assertEquals("expected an input name (key=value) at '3.5'; a list must be quoted, as proportions='1,3.5'", list
			.getMessage());
	}
}
