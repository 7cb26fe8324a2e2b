package io.github.faig.command;

import java.awt.Color;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.Plots;
import io.github.faig.ij.Tables;
import io.github.faig.image.FloatImage;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.io.Csv;
import io.github.faig.io.OutputPaths;
import io.github.faig.nn.io.ModelLocator;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.representation.DegradationClass;
import io.github.faig.representation.DegradationRepresentations;
import io.github.faig.representation.RepresentationAnalysis;
import io.github.faig.representation.RepresentationOptions;

/**
 * {@code Plugins>FAIG>FAIG Degradation Representations}: where a network's deep features separate degradations
 * (the companion DDR paper, docs/method.md §7). LR patches of ground-truth images in labelled degradation classes go through
 * the network; each patch's feature map at a layer is one vector. Reports the Calinski–Harabasz index (on PCA
 * vectors), clean-vs-class separations and held-out nearest-centroid identification accuracy, a 2-D scatter plot
 * (the first two principal components) coloured by class, and the PCA vectors as CSV. Optionally sweeps every layer
 * and compares a second model (CHI against depth).
 */
@Plugin(type = Command.class, menu = { @Menu(label = "Plugins"), @Menu(label = "FAIG"), @Menu(label = "FAIG Degradation Representations",
		weight = 70) }, headless = true,
	label = "FAIG Degradation Representations")
public class DegradationRepresentationsCommand extends FaigCommand {

	/** Class colours, distinct in hue: clean black, then red, blue, orange, magenta, green, brown, cyan. */
	static final Color[] COLOURS = { Color.BLACK, new Color(220, 40, 40), new Color(40, 90, 230), new Color(240, 140,
		20), new Color(200, 40, 200), new Color(20, 150, 60), new Color(120, 80, 30), new Color(20, 170, 200) };

	@Parameter(label = "Model", style = MODEL_STYLE)
	private String model = "msrresnet-x2-baseline";

	@Parameter(label = "Second model to compare (optional)", required = false,
		style = MODEL_STYLE)
	private String comparison;

	@Parameter(label = "Ground-truth images (stack)", required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "Ground-truth folder (instead of the stack)", required = false,
		style = FileWidget.DIRECTORY_STYLE)
	private File input_dir;

	@Parameter(label = "Classes",
		description = "clean;blur:SIGMA;noise:SIGMA;blur+noise:SIGMA:SIGMA separated by ';'")
	private String classes = DegradationClass.DEFAULT;

	@Parameter(label = "Patch size (LR pixels)", min = "4", max = "1024")
	private int patch_size = 32;

	@Parameter(label = "Patches per image", min = "1", max = "10000")
	private int patches = 16;

	@Parameter(label = "Layer (empty = the default tap)", required = false)
	private String layer;

	@Parameter(label = "Sweep all layers")
	private boolean sweep_layers = false;

	@Parameter(label = "PCA components", min = "2", max = "1000")
	private int components = 50;

	@Parameter(label = "Random seed")
	private long seed = 0;

	@Parameter(label = "Output folder (optional)", required = false,
		style = FileWidget.DIRECTORY_STYLE)
	private File output_dir;

	@Parameter(type = ItemIO.OUTPUT, label = "FAIG degradation representations")
	private ResultsTable representations;

	@Parameter(type = ItemIO.OUTPUT, label = "Embedding plot")
	private ImagePlus embedding;

	@Parameter(type = ItemIO.OUTPUT, label = "CHI by depth")
	private ImagePlus depth_plot;

	@Override
	protected void validate() throws Exception {
		notBlank(input_dir, "input_dir");
		notBlank(output_dir, "output_dir");
		outputDirNeededHeadless(output_dir);
		options();
		if (output_dir != null) AtomicOutputs.checkOutputDir(output_dir);
		OutputPaths.checkDistinct(output_dir, Collections.singletonMap("input_dir", input_dir));
	}

	private RepresentationOptions options() {
		return new RepresentationOptions(DegradationClass.parse(classes), patch_size, patches, layer, sweep_layers,
			components, seed);
	}

	@Override
	protected void execute() throws Exception {
		if (output_dir != null) AtomicOutputs.checkOutputDir(output_dir);
		final RepresentationOptions o = options();
		final List<String> names = new ArrayList<>();
		final List<FloatImage> gts = GroundTruths.load(image, input_dir, "input_dir", names);
		final List<ModelPackage> models = new ArrayList<>();
		models.add(ModelLocator.load(model, "model"));
		if (comparison != null && !comparison.isBlank()) models.add(ModelLocator.load(comparison, "comparison"));
		DegradationRepresentations.checkImages(gts, names, patch_size, models.stream().mapToInt(m -> m.spec().scale())
			.max().orElse(1));
		for (final ModelPackage m : models) {
			DegradationRepresentations.checkMemory(gts.size(), o.classes().size(), patch_size, patches, m.spec().numFeat(),
				sweep_layers ? m.spec().numBlock() + 2 : 1);
		}
		final List<DegradationRepresentations.ModelResult> results = new ArrayList<>();
		for (int m = 0; m < models.size(); m++) {
			progress("Features of " + models.get(m).name(), m, models.size());
			try (DegradationRepresentations r = new DegradationRepresentations(models.get(m), o)) {
				results.add(r.run(gts, monitor()));
			}
		}
		representations = new ResultsTable();
		for (final DegradationRepresentations.ModelResult r : results) {
			for (final DegradationRepresentations.Layer l : r.layers()) addRow(r.model(), l.depth(), l.result(), o.classes());
		}
		final List<Plot> scatterPlot = new ArrayList<>();
		final List<Plot> depthPlots = new ArrayList<>();
		embedding = scatter(results.get(0).shown(), o.classes(), models.get(0).name(), scatterPlot);
		depth_plot = depthPlot(results, depthPlots);
		Plots.show(scatterPlot);
		Plots.show(depthPlots);
		write(depthPlots, vectors(results.get(0), o.classes(), names));
	}

	/** The rows of vectors_pca.csv: every patch of the first model at the shown tap, on the first two components. */
	private static List<String[]> vectors(final DegradationRepresentations.ModelResult r,
		final List<DegradationClass> cls, final List<String> names)
	{
		final RepresentationAnalysis.Result a = r.shown();
		final List<String[]> csv = new ArrayList<>();
		for (int i = 0; i < a.samples(); i++) {
			csv.add(new String[] { r.model(), r.shownTap(), cls.get(r.patches().labels()[i]).label(), names.get(r.patches()
				.images()[i]), Double.toString(a.embedding2d()[i][0]), Double.toString(a.embedding2d()[i][1]) });
		}
		return csv;
	}

	private void write(final List<Plot> depthPlots, final List<String[]> csv) throws IOException {
		if (output_dir == null) return;
		try (AtomicOutputs out = new AtomicOutputs(output_dir)) {
			out.write("representations.csv", f -> Tables.saveCsv(representations, f));
			out.write("embedding.png", f -> ImageFiles.save(embedding, f));
			out.write("chi_by_depth.png", f -> ImageFiles.save(depth_plot, f));
			out.write("chi_by_depth_data.csv", f -> Plots.saveData(depthPlots, f));
			out.write("vectors_pca.csv", f -> Csv.write(f, List.of("model", "layer", "class", "image", "pc1", "pc2"),
				csv));
			checkCancelled();
			out.commit();
		}
	}

	private void addRow(final String name, final int depth, final RepresentationAnalysis.Result r,
		final List<DegradationClass> cls)
	{
		representations.incrementCounter();
		representations.addValue("model", name);
		representations.addValue("layer", r.tap());
		representations.addValue("depth", depth);
		representations.addValue("samples", r.samples());
		representations.addValue("features", r.features());
		representations.addValue("pca_components", r.components());
		representations.addValue("chi_pca", r.chi());
		representations.addValue("identification_accuracy_heldout", r.identificationAccuracy());
		for (int c = 1; c < cls.size(); c++) {
			representations.addValue("chi_clean_vs_" + cls.get(c).label(), r.pairwiseChi()[c]);
		}
	}

	private static ImagePlus scatter(final RepresentationAnalysis.Result r, final List<DegradationClass> cls,
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

	private static ImagePlus depthPlot(final List<DegradationRepresentations.ModelResult> all, final List<Plot> sink) {
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
