package io.github.faig.ij;

import java.awt.GraphicsEnvironment;

import org.scijava.module.Module;
import org.scijava.module.ModuleItem;

import ij.measure.ResultsTable;
import ij.plugin.filter.Analyzer;

/** Showing {@link ResultsTable}s the same way in every command (their CSV files come from the rows: io.Csv). */
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
}
