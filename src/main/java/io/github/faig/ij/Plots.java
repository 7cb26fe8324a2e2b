package io.github.faig.ij;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.util.List;

import ij.IJ;
import ij.gui.Plot;
import ij.measure.ResultsTable;

/**
 * Plots as users of ImageJ expect them: in Fiji's GUI each opens as a live plot window (List, Save, Copy and the
 * data behind it work); headless the commands write the picture (PNG) and the plotted data (CSV).
 */
public final class Plots {

	private Plots() {}

	/** Whether plot windows can be shown: an ImageJ GUI is running and this is not a headless run. */
	public static boolean gui() {
		return !GraphicsEnvironment.isHeadless() && !Boolean.getBoolean("faig.launcher") && IJ
			.getInstance() != null;
	}

	/** Opens each plot as a live plot window, in the GUI only. */
	public static void show(final List<Plot> plots) {
		if (!gui()) return;
		for (final Plot p : plots) p.show();
	}

	/**
	 * The data of every plot as one table: each curve's columns named by its plot's title, so a CSV holds the
	 * numbers behind the picture. Cells past the end of a shorter curve are empty.
	 */
	public static ResultsTable data(final List<Plot> plots) {
		final ResultsTable all = new ResultsTable();
		all.setNaNEmptyCells(true);
		for (final Plot p : plots) {
			final ResultsTable t = p.getResultsTable(true);
			if (t == null) continue;
			final String prefix = plots.size() > 1 ? p.getTitle() + ": " : "";
			for (final String h : t.getHeadings()) {
				if (h.equals(" ") || h.equals("Label")) continue;
				final String name = prefix + h;
				for (int r = 0; r < t.size(); r++) {
					while (all.size() <= r) all.incrementCounter();
					all.setValue(name, r, t.getValueAsDouble(t.getColumnIndex(h), r));
				}
			}
		}
		return all;
	}

	/** Writes {@link #data} as CSV. */
	public static void saveData(final List<Plot> plots, final File f) throws IOException {
		Tables.saveCsv(data(plots), f);
	}
}
