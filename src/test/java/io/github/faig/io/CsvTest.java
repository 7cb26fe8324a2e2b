package io.github.faig.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.measure.ResultsTable;
import io.github.faig.ij.Tables;

/** The one CSV dialect: quoting where needed, "\n" line ends on every platform, values read back as written. */
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
	void aResultsTableKeepsItsLabelsAndNumbers(@TempDir final Path dir) throws Exception {
		final ResultsTable t = new ResultsTable();
		t.incrementCounter();
		t.setLabel(NAME, 0);
		t.addValue("count", 3);
		t.addValue("score", 0.125);
		t.addValue("decision", "blur, noise");
		t.incrementCounter();
		t.setLabel("b.png", 1);
		t.addValue("count", 4);
		t.addValue("score", 1e-7);
		t.addValue("decision", "clean");
		final File f = dir.resolve("t.csv").toFile();
		Tables.saveCsv(t, f);
		final String text = Files.readString(f.toPath(), StandardCharsets.UTF_8);
		assertFalse(text.contains("\r"), "line ends are \\n whatever the platform");
		final List<CSVRecord> back = Csv.read(f);
		assertEquals(NAME, back.get(0).get("Label"));
		assertEquals("3", back.get(0).get("count"), "whole numbers without a decimal point");
		assertEquals("0.125", back.get(0).get("score"));
		assertEquals("blur, noise", back.get(0).get("decision"));
		assertEquals("1.0E-7", back.get(1).get("score"), "full precision, Java's locale-free form");
	}
}
