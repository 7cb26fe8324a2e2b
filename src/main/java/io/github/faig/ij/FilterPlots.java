package io.github.faig.ij;

import java.awt.Color;
import java.util.List;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import io.github.faig.attribution.FilterIndex;

/**
 * Where discovered filters sit in a network (the idea of the paper's Fig. 4): one panel per filter set, layer depth
 * on the x axis, position inside the layer ({@code (o · in + i) / filters of the layer}) on the y axis, one dot per
 * filter. Rendered off-screen, so it works headless.
 */
public final class FilterPlots {

	private FilterPlots() {}

	/** Side-by-side panels, one per named set of filter indices. */
	public static ImagePlus positions(final String title, final FilterIndex filters, final List<String> names,
		final List<int[]> sets)
	{
		return positions(title, filters, names, sets, null);
	}

	/** As above; each panel's {@link Plot} is also added to {@code panels} (for live windows and their data). */
	public static ImagePlus positions(final String title, final FilterIndex filters, final List<String> names,
		final List<int[]> sets, final List<Plot> panels)
	{
		final Color[] colours = { new Color(200, 40, 40), new Color(30, 90, 200), new Color(20, 140, 60) };
		ImageProcessor out = null;
		for (int s = 0; s < sets.size(); s++) {
			final int[] set = sets.get(s);
			final double[] x = new double[set.length];
			final double[] y = new double[set.length];
			for (int k = 0; k < set.length; k++) {
				final FilterIndex.Filter f = filters.filter(set[k]);
				x[k] = f.layer();
				y[k] = (f.out() * filters.layers().get(f.layer()).in() + f.in() + 0.5) / filters.layers().get(f.layer())
					.filterCount();
			}
			final int last = filters.layers().size() - 1;
			final Plot p = new Plot(names.get(s) + " (" + set.length + " filters)", "layer depth (0 = " + filters
				.layerNames().get(0) + ", " + last + " = " + filters.layerNames().get(last) + ")", "position in layer");
			p.setSize(520, 360);
			p.setLimits(-0.5, filters.layers().size() - 0.5, 0, 1);
			p.setColor(colours[s % colours.length]);
			p.add("circle", x, y);
			p.setColor(Color.BLACK);
			p.addLabel(0.01, 0.99, names.get(s) + ": " + set.length + " filters");
			if (panels != null) panels.add(p);
			final ImageProcessor ip = p.getProcessor().convertToRGB();
			if (out == null) out = new ColorProcessor(ip.getWidth() * sets.size(), ip.getHeight());
			out.insert(ip, s * ip.getWidth(), 0);
		}
		return new ImagePlus(title, out);
	}
}
