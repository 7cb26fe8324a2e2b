package io.github.faig.ij;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;

import org.apache.commons.csv.CSVPrinter;

import ij.measure.ResultsTable;
import io.github.faig.io.Csv;

/** Showing and saving {@link ResultsTable}s the same way in every command. */
public final class Tables {

	private Tables() {}

	/** Shows the table in a window, unless running headless. */
	public static void show(final ResultsTable table, final String title) {
		if (table != null && !GraphicsEnvironment.isHeadless()) table.show(title);
	}

	/**
	 * Saves the table as CSV ({@link Csv}'s dialect): a header row, then one line per row; numbers at full precision
	 * (not the table's display precision), integers without a decimal point; row labels, if any, as a first column
	 * {@code Label}.
	 */
	public static void saveCsv(final ResultsTable table, final File file) throws IOException {
		final String[] headings = table.getHeadings();
		try (CSVPrinter out = Csv.create(file, headings)) {
			final String[] cells = new String[headings.length];
			for (int row = 0; row < table.size(); row++) {
				for (int c = 0; c < headings.length; c++) cells[c] = cell(table, headings[c], row);
				out.printRecord((Object[]) cells);
			}
		}
	}

	private static String cell(final ResultsTable t, final String heading, final int row) {
		if (heading.equals("Label")) return t.getLabel(row);
		final String s = t.getStringValue(heading, row);
		final double v = t.getValue(heading, row);
		if (!Double.isNaN(v) && isNumber(s)) {
			return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
		}
		if (Double.isNaN(v) && (s == null || s.equals("NaN"))) return "NaN";
		return s;
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
}
