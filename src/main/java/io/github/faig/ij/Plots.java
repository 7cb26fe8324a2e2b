package io.github.faig.ij;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
		// the ./faig launcher runs with java.awt.headless and without an ImageJ window
		return !GraphicsEnvironment.isHeadless() && IJ.getInstance() != null;
	}

	/** Opens each plot as a live plot window, in the GUI only. */
	public static void show(final List<Plot> plots) {
		if (!gui()) return;
		for (final Plot p : plots) p.show();
	}

	/**
	 * The data of every plot as one table, so a CSV holds the numbers behind the picture: each curve's y column is
	 * named by its legend label (its plot's {@code Y0}, {@code Y1}, … where it has none), prefixed with its plot's
	 * title when there are several plots. Cells past the end of a shorter curve are empty.
	 */
	public static ResultsTable data(final List<Plot> plots) {
		final ResultsTable all = new ResultsTable();
		all.setNaNEmptyCells(true);
		for (final Plot p : plots) {
			final ResultsTable t = p.getResultsTable(true);
			if (t == null) continue;
			final String prefix = plots.size() > 1 ? p.getTitle() + ": " : "";
			final List<String> legend = curveLabels(p);
			for (final String h : t.getHeadings()) {
				if (h.equals(" ") || h.equals("Label")) continue;
				final String name = prefix + heading(h, legend, t.getHeadings());
				for (int r = 0; r < t.size(); r++) {
					while (all.size() <= r) all.incrementCounter();
					all.setValue(name, r, t.getValueAsDouble(t.getColumnIndex(h), r));
				}
			}
		}
		return all;
	}

	/** The legend label of each curve (a plot object drawn with a shape), in plotting order; {@code null} for none. */
	private static List<String> curveLabels(final Plot p) {
		final List<String> out = new ArrayList<>();
		for (int i = 0; i < p.getNumPlotObjects(); i++) {
			// a curve's style is "colour,fill,width,shape"; a text label's has no shape
			final String[] style = String.valueOf(p.getPlotObjectStyle(i)).split(",");
			if (style.length < 4 || style[3].isBlank()) continue;
			final String l = p.getPlotObjectLabel(i);
			out.add(l == null || l.isBlank() ? null : l.trim());
		}
		return out;
	}

	/** ImageJ's y heading ({@code Y}, {@code Y0}, {@code Y1}, …) as its curve's legend label, unless that is ambiguous. */
	private static String heading(final String h, final List<String> legend, final String[] headings) {
		final Matcher m = Pattern.compile("Y(\\d*)").matcher(h);
		if (!m.matches()) return h;
		final int k = m.group(1).isEmpty() ? 0 : Integer.parseInt(m.group(1));
		if (k >= legend.size() || legend.get(k) == null || Collections.frequency(legend, legend.get(k)) > 1 || Arrays
			.asList(headings).contains(legend.get(k))) return h;
		return legend.get(k);
	}

	/** Writes {@link #data} as CSV. */
	public static void saveData(final List<Plot> plots, final File f) throws IOException {
		Tables.saveCsv(data(plots), f);
	}
}
