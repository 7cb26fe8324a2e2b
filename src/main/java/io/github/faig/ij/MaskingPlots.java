package io.github.faig.ij;

import java.awt.Color;
import java.util.List;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import io.github.faig.degrade.Degradation;
import io.github.faig.masking.Mask;
import io.github.faig.masking.MaskingExperiment;

/**
 * The masking experiment as ImageJ shows it: its plot of the metric against the proportion (its table comes from
 * MaskingExperiment.Result#rows).
 */
public final class MaskingPlots {

	private MaskingPlots() {}

	/** One panel per mask and input kind (masks down, inputs across), one line per method: the paper's Fig. 3 idea. */
	public static ImagePlus plot(final MaskingExperiment.Result r, final MaskingExperiment.Options o,
		final List<Plot> panels)
	{
		final Color[] colours = { new Color(200, 40, 40), new Color(230, 140, 0), new Color(30, 90, 200), Color.GRAY };
		final double[] percents = o.percents();
		ImageProcessor out = null;
		for (int row = 0; row < o.masks().size(); row++) {
			final Mask mask = o.masks().get(row);
			for (int col = 0; col < o.inputs().size(); col++) {
				final Degradation in = o.inputs().get(col);
				final String input = MaskingExperiment.Cell.inputLabel(in);
				final Plot p = new Plot("mask " + mask.label() + " filters, " + input + " input", "masked filters (%)",
					"gradient-map metric (x1e-3)");
				p.setSize(420, 300);
				int m = 0;
				final StringBuilder legend = new StringBuilder();
				for (final String method : r.rankings().keySet()) {
					final double[] y = new double[percents.length];
					for (int k = 0; k < percents.length; k++) y[k] = r.cell(method, mask, in, percents[k]).metricMean();
					p.setColor(colours[m++ % colours.length]);
					p.setLineWidth(2);
					p.addPoints(percents, y, Plot.LINE);
					legend.append(method).append('\n');
				}
				p.setColor(Color.BLACK);
				// Plot titles are not drawn into the image: label each panel inside its frame.
				p.addLabel(0.01, 0.99, mask.label() + " mask, " + input + " input");
				p.addLegend(legend.toString().trim());
				p.setLimitsToFit(false);
				panels.add(p);
				final ImageProcessor ip = p.getProcessor().convertToRGB();
				if (out == null) {
					out = new ColorProcessor(ip.getWidth() * o.inputs().size(), ip.getHeight() * o.masks().size());
				}
				out.insert(ip, col * ip.getWidth(), row * ip.getHeight());
			}
		}
		return new ImagePlus("FAIG masking experiment", out);
	}
}
