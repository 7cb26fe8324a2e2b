package io.github.faig.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one CSV dialect: quoting where needed, "\n" line ends on every platform, values read back as written; rows
 * written cell by cell by one rule.
 */
class CsvTest {

	/** An image name a plain comma join would split and a naive quote would break. */
	private static final String NAME = "a, \"quoted\" name.png";

	@Test
	void anImageNameWithACommaAndAQuoteRoundTrips(@TempDir final Path dir) throws Exception {
		final File f = dir.resolve("v.csv").toFile();
		Csv.write(f, List.of("model", "image", "pc1"), List.of(new String[] { "m", NAME, "0.25" }, new Object[] { "m",
			"plain.png", -1.5 }));
		final String text = Files.readString(f.toPath(), StandardCharsets.UTF_8);
		// RFC 4180 by hand: the field in quotes, each inner quote doubled; plain fields bare
		assertEquals("model,image,pc1\nm,\"a, \"\"quoted\"\" name.png\",0.25\nm,plain.png,-1.5\n", text);
		final List<CSVRecord> back = Csv.read(f);
		assertEquals(2, back.size());
		assertEquals(NAME, back.get(0).get("image"));
		assertEquals("0.25", back.get(0).get("pc1"));
		assertEquals("plain.png", back.get(1).get("image"));
	}

	@Test
	void rowsKeepTheirTextsAndNumbers(@TempDir final Path dir) throws Exception {
		final Rows t = new Rows();
		t.add().text("image", NAME).integer("count", 3).real("score", 0.125).text("decision", "blur, noise");
		t.add().text("image", "b.png").integer("count", -4).real("score", 1e-7).text("decision", "clean");
		final File f = dir.resolve("t.csv").toFile();
		Csv.write(f, t);
		final String text = Files.readString(f.toPath(), StandardCharsets.UTF_8);
		assertEquals("image,count,score,decision\n\"a, \"\"quoted\"\" name.png\",3,0.125,\"blur, noise\"\n" +
			"b.png,-4,1.0E-7,clean\n", text);
		final List<CSVRecord> back = Csv.read(f);
		assertEquals(NAME, back.get(0).get("image"));
		assertEquals("3", back.get(0).get("count"), "whole numbers without a decimal point");
		assertEquals("1.0E-7", back.get(1).get("score"), "full precision, Java's locale-free form");
	}

	/** Each cell's text, worked out by hand: the rule every text format of the project shares. */
	@Test
	void cellsAsText() {
		final Rows t = new Rows();
		final double[] reals = { Double.NaN, 3.0, -0.0, 1e-7, 1e15, 999_999_999_999_999.0, -2.5, 0.1 + 0.2,
			Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1f };
		final String[] expected = { "NaN", "3", "0", "1.0E-7", "1.0E15", "999999999999999", "-2.5",
			"0.30000000000000004", "Infinity", "-Infinity", "0.10000000149011612" };
		for (final double v : reals) t.add().real("v", v).integer("i", Integer.MIN_VALUE).text("s", "12345678901234567");
		for (int r = 0; r < reals.length; r++) {
			assertEquals(expected[r], t.text(r, 0));
			assertEquals("-2147483648", t.text(r, 1));
			assertEquals("12345678901234567", t.text(r, 2), "a text that reads as a number stays as given");
		}
		final Rows s = new Rows();
		s.add().text("s", "two\nlines").text("n", null);
		assertEquals("two\\nlines", s.text(0, 0), "a line break as ImageJ's tables write it");
		assertEquals("NaN", s.text(0, 1), "a missing text as ImageJ's tables write it");
	}

	@Test
	void aColumnKeepsItsKindAndEveryRowFillsIt() {
		final Rows t = new Rows();
		t.add().integer("n", 1).text("s", "a");
		assertThrows(IllegalArgumentException.class, () -> t.add().real("n", 1.5));
		final Rows u = new Rows();
		u.add().integer("n", 1).integer("m", 2);
		u.add().integer("n", 3);
		assertThrows(IllegalStateException.class, () -> u.text(1, 1));
		assertThrows(IllegalArgumentException.class, () -> u.add().integer("n", 1).integer("n", 2));
		assertEquals(List.of("n", "m"), u.columns());
	}
}
