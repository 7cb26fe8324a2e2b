package io.github.faig.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;

/**
 * Compares what two runs of one command line wrote: the same files; images with the same dimensions, bit depth and
 * pixels; CSV files with the same header and values (timing columns left out); other files byte for byte once the
 * output folder's own path is written the same way.
 */
final class Outputs {

	/** Columns that measure time, not results. */
	static final Pattern TIMING = Pattern.compile("(?i).*(seconds|elapsed|duration|millis|time_s|_ms)$|time|" +
		"wall_time.*");

	private Outputs() {}

	static void assertSame(final String what, final Path expectedDir, final Path actualDir) throws IOException {
		final Map<String, Path> expected = Fiji.files(expectedDir);
		final Map<String, Path> actual = Fiji.files(actualDir);
		assertFalse(expected.isEmpty(), what + ": ./faig wrote nothing into " + expectedDir);
		assertEquals(expected.keySet(), actual.keySet(), what + ": the files written");
		for (final String name : expected.keySet()) {
			final Path e = expected.get(name);
			final Path a = actual.get(name);
			final String lower = name.toLowerCase();
			if (lower.endsWith(".tif") || lower.endsWith(".tiff") || lower.endsWith(".png")) {
				assertSameImage(what + ": " + name, e, a);
			}
			else if (lower.endsWith(".csv")) {
				assertSameCsv(what + ": " + name, read(e, expectedDir), read(a, actualDir));
			}
			else if (lower.endsWith(".json")) {
				assertEquals(withoutTiming(JsonParser.parseString(read(e, expectedDir))), withoutTiming(JsonParser
					.parseString(read(a, actualDir))), what + ": " + name);
			}
			else if (lower.endsWith(".txt") || lower.endsWith(".md")) {
				assertEquals(read(e, expectedDir), read(a, actualDir), what + ": " + name);
			}
			else {
				assertArrayEquals(Files.readAllBytes(e), Files.readAllBytes(a), what + ": " + name + " (bytes)");
			}
		}
	}

	/** A JSON tree without the members that measure time. */
	static JsonElement withoutTiming(final JsonElement e) {
		if (e.isJsonObject()) {
			final JsonObject o = new JsonObject();
			for (final Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet())
				if (!TIMING.matcher(m.getKey()).matches()) o.add(m.getKey(), withoutTiming(m.getValue()));
			return o;
		}
		if (e.isJsonArray()) {
			final JsonArray a = new JsonArray();
			for (final JsonElement x : e.getAsJsonArray())
				a.add(withoutTiming(x));
			return a;
		}
		return e;
	}

	/** A text file with its output folder's path written as {out}. */
	static String read(final Path file, final Path dir) throws IOException {
		return Files.readString(file).replace(dir.toAbsolutePath().toString(), "{out}");
	}

	static void assertSameImage(final String what, final Path e, final Path a) throws IOException {
		final ImagePlus ie = IJ.openImage(e.toString());
		final ImagePlus ia = IJ.openImage(a.toString());
		if (ie == null || ia == null) { // a picture ImageJ does not open: compare the decoded pixels
			final BufferedImage be = ImageIO.read(e.toFile());
			final BufferedImage ba = ImageIO.read(a.toFile());
			assertEquals(be.getWidth(), ba.getWidth(), what + " width");
			assertEquals(be.getHeight(), ba.getHeight(), what + " height");
			assertArrayEquals(be.getRGB(0, 0, be.getWidth(), be.getHeight(), null, 0, be.getWidth()),
				ba.getRGB(0, 0, ba.getWidth(), ba.getHeight(), null, 0, ba.getWidth()), what + " pixels");
			return;
		}
		assertArrayEquals(ie.getDimensions(), ia.getDimensions(), what + " dimensions");
		assertEquals(ie.getBitDepth(), ia.getBitDepth(), what + " bit depth");
		assertEquals(ie.getCalibration().toString(), ia.getCalibration().toString(), what + " calibration");
		final ImageStack se = ie.getStack();
		final ImageStack sa = ia.getStack();
		for (int i = 1; i <= se.getSize(); i++) {
			assertEquals(se.getSliceLabel(i), sa.getSliceLabel(i), what + " label of slice " + i);
			final Object pe = se.getPixels(i);
			final Object pa = sa.getPixels(i);
			if (pe instanceof byte[] b) assertArrayEquals(b, (byte[]) pa, what + " pixels of slice " + i);
			else if (pe instanceof short[] s) assertArrayEquals(s, (short[]) pa, what + " pixels of slice " + i);
			else if (pe instanceof float[] f) assertArrayEquals(f, (float[]) pa, what + " pixels of slice " + i);
			else assertArrayEquals((int[]) pe, (int[]) pa, what + " pixels of slice " + i);
		}
	}

	static void assertSameCsv(final String what, final String e, final String a) throws IOException {
		final List<List<String>> re = rows(e);
		final List<List<String>> ra = rows(a);
		assertEquals(re.get(0), ra.get(0), what + " header");
		assertEquals(re.size(), ra.size(), what + " rows");
		final List<String> header = re.get(0);
		for (int r = 1; r < re.size(); r++) {
			for (int c = 0; c < header.size(); c++) {
				if (TIMING.matcher(header.get(c)).matches()) continue;
				assertEquals(re.get(r).get(c), ra.get(r).get(c), what + " row " + r + " column " + header.get(c));
			}
		}
	}

	static List<List<String>> rows(final String csv) throws IOException {
		final List<List<String>> rows = new ArrayList<>();
		try (Reader r = new StringReader(csv); CSVParser p = CSVFormat.DEFAULT.parse(r)) {
			for (final CSVRecord rec : p)
				rows.add(rec.toList());
		}
		return rows;
	}
}
