package io.github.faig.ij;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import io.github.faig.io.Rows;
import io.github.faig.representation.DegradationClass;
import io.github.faig.representation.DegradationRepresentations;
import io.github.faig.representation.RepresentationAnalysis;

/**
 * Degradation representations as ImageJ shows them: the 2-D scatter plot coloured by class, the CHI-by-depth plot,
 * and the rows of the PCA vectors' CSV (the table of separation measures: DegradationRepresentations#rows).
 */
public final class RepresentationPlots {

	private RepresentationPlots() {}

	/** Class colours, distinct in hue: clean black, then red, blue, orange, magenta, green, brown, cyan. */
	public static final Color[] COLOURS = { Color.BLACK, new Color(220, 40, 40), new Color(40, 90, 230), new Color(240, 140,
		20), new Color(200, 40, 200), new Color(20, 150, 60), new Color(120, 80, 30), new Color(20, 170, 200) };

	/**
	 * The rows of vectors_pca.csv: every patch of the first model at the shown tap, on the first two components (as
	 * text, in {@link Double#toString}'s form, as the file always had them).
	 */
	public static Rows vectors(final DegradationRepresentations.ModelResult r, final List<DegradationClass> cls,
		final List<String> names)
	{
		final RepresentationAnalysis.Result a = r.shown();
		final Rows csv = new Rows();
		for (final String c : List.of("model", "layer", "class", "image", "pc1", "pc2")) csv.column(c, Rows.Kind.TEXT);
		for (int i = 0; i < a.samples(); i++) {
			csv.add().text("model", r.model()).text("layer", r.shownTap()).text("class", cls.get(r.patches().labels()[i])
				.label()).text("image", names.get(r.patches().images()[i])).text("pc1", Double.toString(a
					.embedding2d()[i][0])).text("pc2", Double.toString(a.embedding2d()[i][1]));
		}
		return csv;
	}

	public static ImagePlus scatter(final RepresentationAnalysis.Result r, final List<DegradationClass> cls,
		final String model, final List<Plot> sink)
	{
		final Plot p = new Plot("Representations of " + model + " at " + r.tap() + " (PCA)", "PC 1", "PC 2");
		p.setSize(560, 420);
		final StringBuilder legend = new StringBuilder();
		for (int c = 0; c < cls.size(); c++) {
			final List<Double> xs = new ArrayList<>();
			final List<Double> ys = new ArrayList<>();
			for (int i = 0; i < r.samples(); i++) {
				if (i % cls.size() == c) {
					xs.add(r.embedding2d()[i][0]);
					ys.add(r.embedding2d()[i][1]);
				}
			}
			p.setColor(COLOURS[c % COLOURS.length]);
			p.addPoints(xs.stream().mapToDouble(Double::doubleValue).toArray(), ys.stream().mapToDouble(
				Double::doubleValue).toArray(), Plot.CIRCLE);
			legend.append(cls.get(c).label()).append('\n');
		}
		p.setColor(Color.BLACK);
		p.addLegend(legend.toString().trim());
		p.setLimitsToFit(false);
		sink.add(p);
		return new ImagePlus("FAIG representations", p.getProcessor());
	}

	public static ImagePlus depthPlot(final List<DegradationRepresentations.ModelResult> all, final List<Plot> sink) {
		final Plot p = new Plot("Calinski-Harabasz index by depth", "layer (depth)", "CHI (PCA vectors)");
		p.setSize(560, 360);
		final StringBuilder legend = new StringBuilder();
		for (int m = 0; m < all.size(); m++) {
			final List<DegradationRepresentations.Layer> rs = all.get(m).layers();
			final double[] x = new double[rs.size()];
			final double[] y = new double[rs.size()];
			for (int i = 0; i < rs.size(); i++) {
				x[i] = i;
				y[i] = rs.get(i).result().chi();
			}
			p.setColor(m == 0 ? new Color(30, 90, 200) : new Color(200, 40, 40));
			p.setLineWidth(2);
			p.addPoints(x, y, rs.size() > 1 ? Plot.CONNECTED_CIRCLES : Plot.CIRCLE);
			legend.append(all.get(m).model()).append('\n');
		}
		p.setColor(Color.BLACK);
		p.addLegend(legend.toString().trim());
		p.setLimitsToFit(false);
		sink.add(p);
		final ImageProcessor ip = p.getProcessor();
		return new ImagePlus("FAIG CHI by depth", ip instanceof ColorProcessor ? ip : ip.convertToRGB());
	}
}
