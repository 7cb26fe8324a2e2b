package io.github.faig.ij;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;

import org.apache.commons.csv.CSVPrinter;

import org.scijava.module.Module;
import org.scijava.module.ModuleItem;

import ij.measure.ResultsTable;
import ij.plugin.filter.Analyzer;
import io.github.faig.io.Csv;

/** Showing and saving {@link ResultsTable}s the same way in every command. */
public final class Tables {

	private Tables() {}

	/** The title of ImageJ's system table, which macros read with {@code nResults} and {@code getResult}. */
	public static final String RESULTS = "Results";

	/**
	 * Shows the table under {@code title}, where the macro that ran the command reads it: {@value #RESULTS} makes it
	 * ImageJ's system table ({@code nResults}, {@code getResult}, {@code getResultString}; also headless and in batch
	 * mode); any other title opens a table window of that title ({@code Table.*} functions), which ImageJ cannot
	 * open headless.
	 */
	public static void show(final ResultsTable table, final String title) {
		if (table == null) return;
		if (RESULTS.equals(title)) {
			// ImageJ's own measurements replace the system table the same way; its window (if any) follows
			Analyzer.setResultsTable(table);
			Analyzer.setUnsavedMeasurements(false);
		}
		if (!GraphicsEnvironment.isHeadless()) table.show(title);
	}

	/**
	 * Shows every {@link ResultsTable} output of {@code module} under its label (the documented title, see
	 * {@link #show}) and marks it resolved, so that SciJava's display step does not report it as unsupported.
	 */
	public static void showOutputs(final Module module) {
		for (final ModuleItem<?> item : module.getInfo().outputs()) {
			if (!ResultsTable.class.isAssignableFrom(item.getType()) || module.isOutputResolved(item.getName())) continue;
			show((ResultsTable) item.getValue(module), item.getLabel());
			module.resolveOutput(item.getName());
		}
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
