package io.github.faig.command;

import io.github.faig.io.OutputPaths;
import java.awt.Color;
import java.io.File;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
import io.github.faig.ij.Tables;
import io.github.faig.image.FloatImage;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.nn.io.ModelLocator;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.representation.DegradationClass;
import io.github.faig.representation.RepresentationAnalysis;
import io.github.faig.representation.RepresentationSet;
import io.github.faig.sr.SrModel;

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

	@Parameter(label = "Model", persist = false)
	private String model = "msrresnet-x2-baseline";

	@Parameter(label = "Second model to compare (optional)", required = false, persist = false)
	private String comparison;

	@Parameter(label = "Ground-truth images (stack)", required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "Ground-truth folder (headless)", required = false, persist = false,
		style = FileWidget.DIRECTORY_STYLE)
	private File input_dir;

	@Parameter(label = "Classes", persist = false,
		description = "clean;blur:SIGMA;noise:SIGMA;blur+noise:SIGMA:SIGMA separated by ';'")
	private String classes = DegradationClass.DEFAULT;

	@Parameter(label = "Patch size (LR pixels)", min = "4", persist = false)
	private int patch_size = 32;

	@Parameter(label = "Patches per image", min = "1", persist = false)
	private int patches = 16;

	@Parameter(label = "Layer (empty = the default tap)", required = false, persist = false)
	private String layer;

	@Parameter(label = "Sweep all layers", persist = false)
	private boolean sweep_layers = false;

	@Parameter(label = "PCA components", min = "2", persist = false)
	private int components = 50;

	@Parameter(label = "Random seed", persist = false)
	private long seed = 0;

	@Parameter(label = "Output folder (optional)", required = false, persist = false,
		style = FileWidget.DIRECTORY_STYLE)
	private File output_dir;

	@Parameter(type = ItemIO.OUTPUT, label = "Representations")
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
		DegradationClass.parse(classes);
		if (output_dir != null) AtomicOutputs.checkOutputDir(output_dir);
		OutputPaths.checkDistinct(output_dir, java.util.Collections.singletonMap("input_dir", input_dir));
	}

	@Override
	protected void execute() throws Exception {
		if (output_dir != null) AtomicOutputs.checkOutputDir(output_dir);
		final List<DegradationClass> cls = DegradationClass.parse(classes);
		final List<String> names = new ArrayList<>();
		final List<FloatImage> gts = GroundTruths.load(image, input_dir, names);
		if (gts.size() < 2) throw new IllegalArgumentException("need at least 2 images (half fit, half held out)");
		final List<ModelPackage> models = new ArrayList<>();
		models.add(ModelLocator.load(model, "model"));
		if (comparison != null && !comparison.isBlank()) models.add(ModelLocator.load(comparison,
			"comparison"));
		int scale = 1;
		for (final ModelPackage pkg : models) scale = Math.max(scale, pkg.spec().scale());
		for (int i = 0; i < gts.size(); i++) {
			// the patches are cut from the LR image: each side must hold patch_size x the model's scale HR pixels
			final int side = Math.min(gts.get(i).width(), gts.get(i).height());
			if (side < patch_size * scale) {
				throw new IllegalArgumentException("image " + names.get(i) + " (" + gts.get(i).width() + "x" + gts.get(i)
					.height() + ") is smaller than patch_size=" + patch_size + " LR pixels at x" + scale + ": expected a smaller " +
					"patch_size");
			}
		}
		representations = new ResultsTable();
		final List<List<RepresentationAnalysis.Result>> all = new ArrayList<>();
		RepresentationAnalysis.Result shown = null;
		final List<String[]> csv = new ArrayList<>();
		for (int m = 0; m < models.size(); m++) {
			final ModelPackage pkg = models.get(m);
			final RepresentationSet.Patches p = RepresentationSet.patches(gts, cls, patch_size, patches, pkg.spec()
				.scale(), seed);
			final List<RepresentationAnalysis.Result> results = new ArrayList<>();
			try (SrModel sr = SrModel.load(pkg)) {
				final String tap = layer == null || layer.isBlank() ? sr.network().architecture().defaultTap() : layer;
				final List<String> taps = sweep_layers ? sr.network().architecture().tapNames() : List.of(tap);
				progress("Features of " + pkg.name(), m, models.size());
				final Map<String, RepresentationSet.Vectors> v = RepresentationSet.features(sr, p,
					taps, 16, this::isCanceled);
				for (final String t : taps) {
					checkCancelled();
					final RepresentationAnalysis.Result r = RepresentationAnalysis.analyse(v.get(t), cls.size(), components);
					results.add(r);
					addRow(pkg.name(), sr.network().architecture().tapNames().indexOf(t), r, cls);
					if (m == 0 && t.equals(tap)) {
						shown = r;
						for (int i = 0; i < r.samples(); i++) {
							csv.add(new String[] { pkg.name(), t, cls.get(p.labels()[i]).label(), names.get(p.images()[i]),
								Double.toString(r.embedding2d()[i][0]), Double.toString(r.embedding2d()[i][1]) });
						}
					}
				}
			}
			all.add(results);
		}
		final List<Plot> scatterPlot = new ArrayList<>();
		final List<Plot> depthPlots = new ArrayList<>();
		embedding = scatter(shown, cls, models.get(0).name(), scatterPlot);
		depth_plot = depthPlot(all, models, depthPlots);
		io.github.faig.ij.Plots.show(scatterPlot);
		io.github.faig.ij.Plots.show(depthPlots);
		Tables.show(representations, "FAIG degradation representations");
		if (output_dir != null) {
			try (AtomicOutputs out = new AtomicOutputs(output_dir)) {
				out.write("representations.csv", f -> Tables.saveCsv(representations, f));
				out.write("embedding.png", f -> ImageFiles.save(embedding, f));
				out.write("chi_by_depth.png", f -> ImageFiles.save(depth_plot, f));
				out.write("chi_by_depth_data.csv", f -> io.github.faig.ij.Plots.saveData(depthPlots, f));
				out.write("vectors_pca.csv", f -> {
					try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(f.toPath(), StandardCharsets.UTF_8))) {
						w.println("model,layer,class,image,pc1,pc2");
						for (final String[] r : csv) w.println(String.join(",", r));
					}
				});
				checkCancelled();
				out.commit();
			}
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

	private static ImagePlus depthPlot(final List<List<RepresentationAnalysis.Result>> all,
		final List<ModelPackage> models, final List<Plot> sink)
	{
		final Plot p = new Plot("Calinski-Harabasz index by depth", "layer (depth)", "CHI (PCA vectors)");
		p.setSize(560, 360);
		final StringBuilder legend = new StringBuilder();
		for (int m = 0; m < all.size(); m++) {
			final List<RepresentationAnalysis.Result> rs = all.get(m);
			final double[] x = new double[rs.size()];
			final double[] y = new double[rs.size()];
			for (int i = 0; i < rs.size(); i++) {
				x[i] = i;
				y[i] = rs.get(i).chi();
			}
			p.setColor(m == 0 ? new Color(30, 90, 200) : new Color(200, 40, 40));
			p.setLineWidth(2);
			p.addPoints(x, y, rs.size() > 1 ? Plot.CONNECTED_CIRCLES : Plot.CIRCLE);
			legend.append(models.get(m).name()).append('\n');
		}
		p.setColor(Color.BLACK);
		p.addLegend(legend.toString().trim());
		p.setLimitsToFit(false);
		sink.add(p);
		final ImageProcessor ip = p.getProcessor();
		return new ImagePlus("FAIG CHI by depth", ip instanceof ColorProcessor ? ip : ip.convertToRGB());
	}

}
