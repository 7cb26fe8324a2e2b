package io.github.faig.command;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.faig.ij.GroundTruths;
import io.github.faig.attribution.ComputeFilters;
import io.github.faig.attribution.FilterSets;
import io.github.faig.attribution.Quadrature;
import io.github.faig.attribution.Ranking;
import io.github.faig.degrade.Degradation;
import io.github.faig.ij.FilterPlots;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.ResultTables;
import io.github.faig.image.FloatImage;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.nn.io.ModelPair;

/**
 * {@code Plugins>FAIG>FAIG Compute Filters}: the discriminative filters of a baseline/target pair for blur and for
 * noise (docs/method.md §3, Eq. 7) from ground-truth images — the ranked filter sets in the reference's format, a table of
 * the top filters, how many each layer holds, where they sit in the network, and the completeness check.
 */
@Plugin(type = Command.class, menu = { @Menu(label = "Plugins"), @Menu(label = "FAIG"), @Menu(label = "FAIG Compute Filters",
		weight = 30) }, headless = true,
	label = "FAIG Compute Filters")
public class ComputeFiltersCommand extends DegradationCommand {

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String section_models = "<html><b>Models</b>";

	@Parameter(label = "Baseline model (plain SR)", style = MODEL_STYLE)
	private String baseline_model = "msrresnet-x2-baseline";

	@Parameter(label = "Target model (also removes blur and noise)", style = MODEL_STYLE)
	private String target_model = "msrresnet-x2-target";

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String section_images = "<html><b>Ground truths</b>";

	@Parameter(label = "Ground-truth images (stack)", required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "Ground-truth folder (instead of the stack)", required = false,
		style = FileWidget.DIRECTORY_STYLE)
	private File input_dir;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String section_attribution = "<html><b>Integrated gradients</b>";

	@Parameter(label = "Quadrature", choices = { "gauss-legendre", "riemann", "trapezoid" },
		description = "gauss-legendre: keeps >= 98 % of the paper's top 1 % at a sixth of its steps (RESULTS.md " +
			"sections 5 and 7.3); riemann: the paper's right Riemann sum")
	private String quadrature = DEFAULT_QUADRATURE;

	@Parameter(label = "Path steps N (0 = the rule's default)", min = "0", max = "10000",
		description = "0: 16 for gauss-legendre, 100 (the paper's) for riemann and trapezoid")
	private int steps = 0;

	@Parameter(label = "LR crop size (0 = whole images)", min = "0", max = "8192")
	private int crop_size = 0;

	@Parameter(label = "Crops per image", min = "1", max = "1000")
	private int crops = 1;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String section_output = "<html><b>Filter sets</b>";

	@Parameter(label = "Top percent", min = "0.01", max = "100")
	private double percent = 1.0;

	@Parameter(label = "Output folder", required = false, style = FileWidget.DIRECTORY_STYLE,
		description = "blur_index.txt, noise_index.txt, CSV tables, filter_positions.png, filter_sets.json")
	private File output_dir;

	@Parameter(type = ItemIO.OUTPUT, label = "FAIG top filters")
	private ResultsTable top_filters;

	@Parameter(type = ItemIO.OUTPUT, label = "FAIG filters per layer")
	private ResultsTable layer_counts;

	@Parameter(type = ItemIO.OUTPUT, label = "FAIG completeness")
	private ResultsTable completeness;

	@Parameter(type = ItemIO.OUTPUT, label = "Filter positions")
	private ImagePlus filter_positions;

	/** The default rule: Gauss–Legendre, affordable on whole photographs (the paper's rule is one choice away). */
	static final String DEFAULT_QUADRATURE = "gauss-legendre";

	/**
	 * The path steps N of {@code steps} (0 = the rule's default) for {@code quadrature}: Gauss–Legendre 16, which
	 * keeps >= 98 % of the Riemann N = 100 top 1 % on both bundled architectures (RESULTS.md sections 5 and 7.3; 8
	 * suffices for MSRResNet, the SRCNN-style pair needs 16); Riemann and trapezoid 100, the paper's N.
	 */
	static int stepsFor(final String quadrature, final int steps) {
		if (steps != 0) return steps;
		return Quadrature.parse(quadrature) == Quadrature.GAUSS_LEGENDRE ? 16 : 100;
	}

	@Override
	protected void validate() throws Exception {
		Quadrature.parse(quadrature).rule(stepsFor(quadrature, steps));
		usedOnly("crops", crops, 1, crop_size > 0, "when crop_size > 0");
	}

	@Override
	protected void execute() throws Exception {
		final ComputeFilters.Options options = new ComputeFilters.Options(degradations(), Quadrature.parse(quadrature),
			stepsFor(quadrature, steps), crop_size, crops, percent);
		final ModelPair pair = ModelPair.load(baseline_model, target_model);
		final List<String> names = new ArrayList<>();
		final List<FloatImage> gts = GroundTruths.load(image, input_dir, "input_dir", names);
		final ComputeFilters.Result r;
		try (ComputeFilters workflow = new ComputeFilters(pair, options)) {
			r = workflow.run(gts, names, sharding(), monitor());
		}
		checkCancelled();
		top_filters = ResultTables.of(r.topFilterRows());
		layer_counts = ResultTables.of(r.layerCountRows());
		completeness = ResultTables.of(r.completenessRows());
		final List<ij.gui.Plot> panels = new ArrayList<>();
		filter_positions = FilterPlots.positions("FAIG filter positions", r.filters(), List.of("deblurring (blur)",
			"denoising (noise)"), List.of(r.topIndices(Degradation.BLUR, percent), r.topIndices(Degradation.NOISE,
				percent)), panels);
		io.github.faig.ij.Plots.show(panels);
		log.info(String.format(Locale.ROOT, "FAIG Compute Filters: %d inputs, %s N=%d, completeness error mean %.3g %%, " +
			"max %.3g %%, %.1f s", r.completeness().size(), options.rule(), stepsFor(quadrature, steps), 100 * r.attribution()
				.meanCompletenessError(), 100 * r.attribution().maxCompletenessError(), r.seconds()));
		if (r.warning() != null) log.warn("FAIG Compute Filters: " + r.warning());
		if (output_dir != null) write(r, panels);
	}

	/** The tables every run with an {@code output_dir} writes there, by stem. */
	private static final List<String> TABLES = List.of("blur_filters", "noise_filters", "top_filters", "layer_counts",
		"completeness", "filter_positions_data");

	@Override
	protected List<String> fixedOutputNames() {
		final List<String> names = new ArrayList<>(List.of(FilterSets.BLUR_FILE, FilterSets.NOISE_FILE, FilterSets.JSON,
			"filter_positions.png"));
		for (final String t : TABLES) names.addAll(AtomicOutputs.tableNames(t));
		return names;
	}

	private void write(final ComputeFilters.Result r, final List<ij.gui.Plot> panels) throws Exception {
		final Ranking blur = r.sets().ranking(Degradation.BLUR);
		final Ranking noise = r.sets().ranking(Degradation.NOISE);
		try (AtomicOutputs out = new AtomicOutputs(output_dir)) {
			r.sets().writeFolder(out, output_dir, r.provenance(), null);
			out.table("blur_filters", blur.rows(r.filters(), 100));
			out.table("noise_filters", noise.rows(r.filters(), 100));
			out.table("top_filters", r.topFilterRows());
			out.table("layer_counts", r.layerCountRows());
			out.table("completeness", r.completenessRows());
			out.write("filter_positions.png", f -> ImageFiles.save(filter_positions, f));
			out.table("filter_positions_data", io.github.faig.ij.Plots.data(panels));
			checkCancelled();
			out.commit();
		}
	}

}
