package io.github.faig.ij;

import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ij.IJ;
import ij.gui.Plot;
import ij.measure.ResultsTable;
import io.github.faig.io.Rows;

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
	 * title when there are several plots. Cells past the end of a shorter curve are NaN.
	 */
	public static Rows data(final List<Plot> plots) {
		final Map<String, double[]> columns = new LinkedHashMap<>();
		for (final Plot p : plots) {
			final ResultsTable t = p.getResultsTable(true);
			if (t == null || t.size() == 0) continue;
			final String prefix = plots.size() > 1 ? p.getTitle() + ": " : "";
			final List<String> legend = curveLabels(p);
			for (final String h : t.getHeadings()) {
				if (h.equals(" ") || h.equals("Label")) continue;
				final double[] v = new double[t.size()];
				for (int r = 0; r < v.length; r++) v[r] = t.getValueAsDouble(t.getColumnIndex(h), r);
				// a name met again (two plots of one title) takes the later values where they reach
				columns.merge(prefix + heading(h, legend, t.getHeadings()), v, Plots::overwrite);
			}
		}
		final int n = columns.values().stream().mapToInt(v -> v.length).max().orElse(0);
		final Rows rows = new Rows();
		for (int r = 0; r < n; r++) {
			final Rows.Row row = rows.add();
			for (final Map.Entry<String, double[]> c : columns.entrySet()) {
				row.real(c.getKey(), r < c.getValue().length ? c.getValue()[r] : Double.NaN);
			}
		}
		return rows;
	}

	private static double[] overwrite(final double[] earlier, final double[] later) {
		final double[] out = Arrays.copyOf(earlier, Math.max(earlier.length, later.length));
		System.arraycopy(later, 0, out, 0, later.length);
		return out;
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
}
