package io.github.faig.command;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
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
import io.github.faig.ij.GroundTruths;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.Plots;
import io.github.faig.ij.RepresentationPlots;
import io.github.faig.ij.ResultTables;
import io.github.faig.image.FloatImage;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.io.Rows;
import io.github.faig.nn.io.ModelLocator;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.representation.DegradationClass;
import io.github.faig.representation.DegradationRepresentations;
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
		options();
	}

	private RepresentationOptions options() {
		return new RepresentationOptions(DegradationClass.parse(classes), patch_size, patches, layer, sweep_layers,
			components, seed);
	}

	@Override
	protected void execute() throws Exception {
		final RepresentationOptions o = options();
		final List<String> names = new ArrayList<>();
		final List<FloatImage> gts = GroundTruths.load(image, input_dir, "input_dir", names);
		final List<ModelPackage> models = new ArrayList<>();
		models.add(ModelLocator.load(model, "model"));
		if (comparison != null && !comparison.isBlank()) models.add(ModelLocator.load(comparison, "comparison"));
		final List<DegradationRepresentations.ModelResult> results = DegradationRepresentations.compare(models, o, gts,
			names, monitor());
		final Rows rows = DegradationRepresentations.rows(results, o.classes());
		representations = ResultTables.of(rows);
		final List<Plot> scatterPlot = new ArrayList<>();
		final List<Plot> depthPlots = new ArrayList<>();
		embedding = RepresentationPlots.scatter(results.get(0).shown(), o.classes(), models.get(0).name(), scatterPlot);
		depth_plot = RepresentationPlots.depthPlot(results, depthPlots);
		Plots.show(scatterPlot);
		Plots.show(depthPlots);
		write(rows, depthPlots, RepresentationPlots.vectors(results.get(0), o.classes(), names));
	}

	private void write(final Rows rows, final List<Plot> depthPlots, final Rows vectors) throws IOException {
		if (output_dir == null) return;
		try (AtomicOutputs out = new AtomicOutputs(output_dir)) {
			out.table("representations", rows);
			out.write("embedding.png", f -> ImageFiles.save(embedding, f));
			out.write("chi_by_depth.png", f -> ImageFiles.save(depth_plot, f));
			out.table("chi_by_depth_data", Plots.data(depthPlots));
			out.table("vectors_pca", vectors);
			checkCancelled();
			out.commit();
		}
	}
}
