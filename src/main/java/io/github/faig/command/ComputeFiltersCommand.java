package io.github.faig.command;

import io.github.faig.io.OutputPaths;
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
import io.github.faig.attribution.CompletenessCheck;
import io.github.faig.attribution.DegradationAttribution;
import io.github.faig.attribution.FaigEngine;
import io.github.faig.attribution.FilterIndex;
import io.github.faig.attribution.FilterSets;
import io.github.faig.attribution.Quadrature;
import io.github.faig.attribution.Ranking;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.ij.FilterPlots;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.Tables;
import io.github.faig.image.FloatImage;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.workflow.Durations;
import io.github.faig.nn.io.ModelPair;
import io.github.faig.nn.io.ModelPackage;

/**
 * {@code Plugins>FAIG>FAIG Compute Filters}: the discriminative filters of a baseline/target pair for blur and for
 * noise (docs/method.md §3, Eq. 7) from ground-truth images — the ranked filter sets in the reference's format, a table of
 * the top filters, how many each layer holds, where they sit in the network, and the completeness check.
 */
@Plugin(type = Command.class, menu = { @Menu(label = "Plugins"), @Menu(label = "FAIG"), @Menu(label = "FAIG Compute Filters",
		weight = 30) }, headless = true,
	label = "FAIG Compute Filters")
public class ComputeFiltersCommand extends FaigCommand {

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String section_models = "<html><b>Models</b>";

	@Parameter(label = "Baseline model (plain SR)", persist = false, style = MODEL_STYLE)
	private String baseline_model = "msrresnet-x2-baseline";

	@Parameter(label = "Target model (also removes blur and noise)", persist = false, style = MODEL_STYLE)
	private String target_model = "msrresnet-x2-target";

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String section_images = "<html><b>Ground truths</b>";

	@Parameter(label = "Ground-truth images (stack)", required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "Ground-truth folder (headless)", required = false, persist = false,
		style = FileWidget.DIRECTORY_STYLE)
	private File input_dir;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String section_degradations = "<html><b>Degradations (docs/method.md section 1)</b>";

	@Parameter(label = "Blur sigma", persist = false, min = DegradationParams.BLUR_MIN)
	private double blur_sigma = DegradationParams.DEFAULT_BLUR_SIGMA;

	@Parameter(label = "Kernel size", persist = false, min = DegradationParams.KERNEL_MIN, max = DegradationParams.KERNEL_MAX)
	private int kernel_size = DegradationParams.DEFAULT_KERNEL_SIZE;

	@Parameter(label = "Noise sigma", persist = false, min = DegradationParams.NOISE_MIN)
	private double noise_sigma = DegradationParams.DEFAULT_NOISE_SIGMA;

	@Parameter(label = "Random seed", persist = false)
	private long seed = 0;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String section_attribution = "<html><b>Integrated gradients</b>";

	@Parameter(label = "Path steps N", min = "1", persist = false)
	private int steps = 100;

	@Parameter(label = "Quadrature", choices = { "riemann", "trapezoid", "gauss-legendre" }, persist = false,
		description = "riemann: the reference's right Riemann sum")
	private String quadrature = "riemann";

	@Parameter(label = "LR crop size (0 = whole images)", min = "0", persist = false)
	private int crop_size = 0;

	@Parameter(label = "Crops per image", min = "1", persist = false)
	private int crops = 1;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String section_output = "<html><b>Filter sets</b>";

	@Parameter(label = "Top percent", min = "0.01", max = "100", persist = false)
	private double percent = 1.0;

	@Parameter(label = "Output folder", required = false, persist = false, style = FileWidget.DIRECTORY_STYLE,
		description = "blur_index.txt, noise_index.txt, CSV tables, filter_positions.png, filter_sets.json")
	private File output_dir;

	@Parameter(type = ItemIO.OUTPUT, label = "Top filters")
	private ResultsTable top_filters;

	@Parameter(type = ItemIO.OUTPUT, label = "Filters per layer")
	private ResultsTable layer_counts;

	@Parameter(type = ItemIO.OUTPUT, label = "Completeness")
	private ResultsTable completeness;

	@Parameter(type = ItemIO.OUTPUT, label = "Filter positions")
	private ImagePlus filter_positions;

	@Override
	protected void validate() throws Exception {
		notBlank(input_dir, "input_dir");
		notBlank(output_dir, "output_dir");
		outputDirNeededHeadless(output_dir);
		Quadrature.parse(quadrature).rule(steps);
		if (output_dir != null) AtomicOutputs.checkOutputDir(output_dir);
		OutputPaths.checkDistinct(output_dir, java.util.Collections.singletonMap("input_dir", input_dir));
	}

	@Override
	protected void execute() throws Exception {
		if (output_dir != null) AtomicOutputs.checkOutputDir(output_dir);
		final Quadrature rule = Quadrature.parse(quadrature);
		rule.rule(steps); // validates steps for the rule
		if (!(percent >= 0 && percent <= 100)) {
			throw new IllegalArgumentException("percent must be in [0, 100], got " + percent);
		}
		final ModelPair pair = ModelPair.load(baseline_model, target_model);
		final ModelPackage baseline = pair.baseline();
		final ModelPackage target = pair.target();
		final DegradationParams p = new DegradationParams(blur_sigma, kernel_size, target.spec().scale(), noise_sigma);
		final List<String> names = new ArrayList<>();
		final List<FloatImage> gts = GroundTruths.load(image, input_dir, names);

		final long t0 = System.nanoTime();
		final DegradationAttribution.Result r;
		try (FaigEngine engine = new FaigEngine(target.spec(), baseline.weights(), target.weights())) {
			final DegradationAttribution da = new DegradationAttribution(engine, p, seed, rule, steps, crop_size, crops);
			r = da.run(gts, names, (done, total, label, a) -> {
				final double el = (System.nanoTime() - t0) / 1e9;
				final double left = el / done * (total - done);
				progress(String.format(Locale.ROOT, "FAIG %d/%d (%s), about %s left", done, total, label, Durations.approximate(left)),
					done, total);
			}, stepsOf("FAIG path steps", (long) gts.size() * 2 * (crop_size > 0 ? crops : 1) * (steps + 1)));
		}
		checkCancelled();
		final FilterIndex filters = FilterIndex.of(target.spec());
		final FilterSets sets = new FilterSets(r.blur(), r.noise(), baseline.name(), target.name(), p);
		top_filters = topTable(filters, sets);
		layer_counts = layerTable(filters, sets);
		final CompletenessCheck check = new CompletenessCheck();
		completeness = completenessTable(r, check);
		final List<ij.gui.Plot> panels = new ArrayList<>();
		filter_positions = FilterPlots.positions("FAIG filter positions", filters, List.of("deblurring (blur)",
			"denoising (noise)"), List.of(r.blur().top(percent), r.noise().top(percent)), panels);
		io.github.faig.ij.Plots.show(panels);
		log.info(String.format(Locale.ROOT, "FAIG Compute Filters: %d inputs, %s N=%d, completeness error mean %.3g %%, " +
			"max %.3g %%, %.1f s", r.inputs().size(), rule, steps, 100 * r.meanCompletenessError(), 100 * r
				.maxCompletenessError(), (System.nanoTime() - t0) / 1e9));
		final String warning = check.warning(r.inputs().stream().map(DegradationAttribution.Input::attribution).toList(),
			target.spec().architecture());
		if (warning != null) log.warn("FAIG Compute Filters: " + warning);
		Tables.show(top_filters, "FAIG top filters");
		Tables.show(layer_counts, "FAIG filters per layer");
		Tables.show(completeness, "FAIG completeness");
		if (output_dir != null) {
			try (AtomicOutputs out = new AtomicOutputs(output_dir)) {
				PreviousSets.keep(out, output_dir);
				out.write("blur_index.txt", r.blur()::writeIndexFile);
				out.write("noise_index.txt", r.noise()::writeIndexFile);
				out.write("blur_filters.csv", f -> r.blur().writeCsv(f, filters, 100));
				out.write("noise_filters.csv", f -> r.noise().writeCsv(f, filters, 100));
				out.write("top_filters.csv", f -> Tables.saveCsv(top_filters, f));
				out.write("layer_counts.csv", f -> Tables.saveCsv(layer_counts, f));
				out.write("completeness.csv", f -> Tables.saveCsv(completeness, f));
				out.write("filter_positions.png", f -> ImageFiles.save(filter_positions, f));
				out.write("filter_positions_data.csv", f -> io.github.faig.ij.Plots.saveData(panels, f));
				out.write(FilterSets.JSON, f -> sets.writeJson(f, provenance(rule, gts.size(), r)));
				checkCancelled();
				out.commit();
			}
		}
	}

	private com.google.gson.JsonObject provenance(final Quadrature rule, final int images,
		final DegradationAttribution.Result r)
	{
		final com.google.gson.JsonObject o = new com.google.gson.JsonObject();
		o.addProperty("images", images);
		o.addProperty("inputs", r.inputs().size());
		o.addProperty("steps", steps);
		o.addProperty("quadrature", rule.label());
		o.addProperty("crop_size", crop_size);
		o.addProperty("crops", crop_size > 0 ? crops : 0);
		o.addProperty("seed", seed);
		o.addProperty("completeness_error_mean", r.meanCompletenessError());
		o.addProperty("completeness_error_max", r.maxCompletenessError());
		return o;
	}

	private ResultsTable topTable(final FilterIndex filters, final FilterSets sets) {
		final ResultsTable t = new ResultsTable();
		for (final Degradation d : new Degradation[] { Degradation.BLUR, Degradation.NOISE }) {
			final Ranking r = sets.ranking(d);
			final int[] top = r.top(percent);
			for (int k = 0; k < top.length; k++) {
				final FilterIndex.Filter f = filters.filter(top[k]);
				t.incrementCounter();
				t.addValue("degradation", d.label());
				t.addValue("rank", k + 1);
				t.addValue("index", f.index());
				t.addValue("layer", f.layerName());
				t.addValue("depth", f.layer());
				t.addValue("out", f.out());
				t.addValue("in", f.in());
				t.addValue("score", r.score(f.index()));
			}
		}
		return t;
	}

	private ResultsTable layerTable(final FilterIndex filters, final FilterSets sets) {
		final int[][] counts = new int[2][filters.layers().size()];
		for (int d = 0; d < 2; d++) {
			for (final int i : sets.ranking(d == 0 ? Degradation.BLUR : Degradation.NOISE).top(percent)) {
				counts[d][filters.filter(i).layer()]++;
			}
		}
		final ResultsTable t = new ResultsTable();
		for (int l = 0; l < filters.layers().size(); l++) {
			t.incrementCounter();
			t.addValue("depth", l);
			t.addValue("layer", filters.layers().get(l).name());
			t.addValue("filters", filters.layers().get(l).filterCount());
			t.addValue("top_blur", counts[0][l]);
			t.addValue("top_noise", counts[1][l]);
			t.addValue("top_blur_percent_of_layer", 100.0 * counts[0][l] / filters.layers().get(l).filterCount());
			t.addValue("top_noise_percent_of_layer", 100.0 * counts[1][l] / filters.layers().get(l).filterCount());
		}
		return t;
	}

	private static ResultsTable completenessTable(final DegradationAttribution.Result r,
		final CompletenessCheck check)
	{
		final ResultsTable t = new ResultsTable();
		for (final DegradationAttribution.Input in : r.inputs()) {
			final FaigEngine.Attribution a = in.attribution();
			t.incrementCounter();
			t.addValue("input", in.label());
			t.addValue("degradation", in.degradation().label());
			t.addValue("loss_target", a.lossTarget());
			t.addValue("loss_baseline", a.lossBaseline());
			t.addValue("loss_gap", a.lossGap());
			t.addValue("attribution_sum", a.signedSum());
			t.addValue("relative_error_percent", 100 * a.completenessError());
			t.addValue("quadrature", a.rule().label());
			t.addValue("steps", a.steps());
			t.addValue("check", check.verdict(a).label());
		}
		return t;
	}
}
