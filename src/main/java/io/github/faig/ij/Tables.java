package io.github.faig.ij;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import ij.measure.ResultsTable;

/** Showing and saving {@link ResultsTable}s the same way in every command. */
public final class Tables {

	private Tables() {}

	/** Shows the table in a window, unless running headless. */
	public static void show(final ResultsTable table, final String title) {
		if (table != null && !GraphicsEnvironment.isHeadless()) table.show(title);
	}

	/**
	 * Saves the table as CSV: a header row, then one line per row; numbers at full precision (not the table's
	 * display precision), text quoted when it holds a comma or a quote; row labels, if any, as a first column
	 * {@code Label}.
	 */
	public static void saveCsv(final ResultsTable table, final File file) throws IOException {
		final String[] headings = table.getHeadings();
		try (PrintWriter out = new PrintWriter(file, StandardCharsets.UTF_8)) {
			out.println(String.join(",", quoteAll(headings)));
			for (int row = 0; row < table.size(); row++) {
				final StringBuilder line = new StringBuilder();
				for (int c = 0; c < headings.length; c++) {
					if (c > 0) line.append(',');
					line.append(cell(table, headings[c], row));
				}
				out.println(line);
			}
			if (out.checkError()) throw new IOException("could not write table " + file);
		}
	}

	private static String cell(final ResultsTable t, final String heading, final int row) {
		if (heading.equals("Label")) return quote(t.getLabel(row));
		final String s = t.getStringValue(heading, row);
		final double v = t.getValue(heading, row);
		if (!Double.isNaN(v) && isNumber(s)) {
			return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
		}
		if (Double.isNaN(v) && (s == null || s.equals("NaN"))) return "NaN";
		return quote(s);
	}

	private static boolean isNumber(final String s) {
		if (s == null) return false;
		try {
			Double.parseDouble(s.trim());
			return true;
		}
		catch (final NumberFormatException e) {
			return false;
		}
	}

	private static String[] quoteAll(final String[] a) {
		final String[] q = new String[a.length];
		for (int i = 0; i < a.length; i++) q[i] = quote(a[i]);
		return q;
	}

	private static String quote(final String s) {
		if (s == null) return "";
		if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) return s;
		return '"' + s.replace("\"", "\"\"") + '"';
	}
}
