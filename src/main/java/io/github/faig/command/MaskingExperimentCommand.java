package io.github.faig.command;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.ResultsTable;
import io.github.faig.ij.GroundTruths;
import io.github.faig.attribution.FilterIndex;
import io.github.faig.attribution.FilterSets;
import io.github.faig.attribution.RankingMethod;
import io.github.faig.attribution.RankingMethods;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationOptions;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.MaskingPlots;
import io.github.faig.ij.Plots;
import io.github.faig.ij.ResultTables;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.io.Rows;
import io.github.faig.masking.GradientMapMetric;
import io.github.faig.masking.Mask;
import io.github.faig.masking.MaskFilters;
import io.github.faig.masking.MaskingExperiment;
import io.github.faig.nn.io.ModelPair;
import io.github.faig.prediction.PredictionModels;

/**
 * {@code Plugins>FAIG>FAIG Masking Experiment}: the paper's protocol (docs/method.md §4) on a set of ground-truth images —
 * proportions, ranking methods (FAIG from a filter-set folder; IG computed on discovery images; |θ − θ̄|; seeded
 * random), blurry and noisy inputs, deblurring and denoising masks — as a table of the mean and spread over images
 * and a plot of the metric against the proportion.
 */
@Plugin(type = Command.class, menu = { @Menu(label = "Plugins"), @Menu(label = "FAIG"), @Menu(label = "FAIG Masking Experiment",
		weight = 45) }, headless = true,
	label = "FAIG Masking Experiment")
public class MaskingExperimentCommand extends DegradationCommand {

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String section_experiment = "<html><b>Experiment</b>";


	@Parameter(label = "Baseline model", style = MODEL_STYLE)
	private String baseline_model = "msrresnet-x2-baseline";

	@Parameter(label = "Target model", style = MODEL_STYLE)
	private String target_model = "msrresnet-x2-target";

	@Parameter(label = "FAIG filter sets (folder)", style = FileWidget.DIRECTORY_STYLE,
		description = "output_dir of FAIG Compute Filters: blur_index.txt, noise_index.txt")
	private File filter_sets;

	@Parameter(label = "Evaluation images (stack)", required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "Evaluation folder (instead of the stack)", required = false,
		style = FileWidget.DIRECTORY_STYLE)
	private File input_dir;

	@Parameter(label = "IG discovery folder (optional)", required = false,
		style = FileWidget.DIRECTORY_STYLE,
		description = "ground-truth images for the IG ranking (use the images the FAIG sets came from); empty: no IG")
	private File discovery_dir;

	@Parameter(label = "IG steps", min = "1", max = "10000")
	private int ig_steps = DEFAULT_IG_STEPS;

	@Parameter(label = "IG LR crop size (0 = whole)", min = "0", max = "8192")
	private int crop_size = 0;

	private static final int DEFAULT_IG_STEPS = 20;

	@Parameter(label = "IG crops per image", min = "1", max = "1000")
	private int crops = 1;

	@Parameter(label = "Proportions (percent, comma-separated)")
	private String proportions = "1,3,5,10";

	@Parameter(label = "Metric channel", choices = { "luminance", "blue" })
	private String channel = "luminance";

	@Parameter(label = "Output folder (optional)", required = false,
		style = FileWidget.DIRECTORY_STYLE)
	private File output_dir;

	@Parameter(type = ItemIO.OUTPUT, label = "FAIG masking experiment")
	private ResultsTable results;

	@Parameter(type = ItemIO.OUTPUT, label = "Metric vs proportion")
	private ImagePlus plot;

	@Override
	protected void validate() throws Exception {
		parsePercents(proportions);
		// the IG comparison's inputs do nothing without discovery images; a line that sets them means something else
		final boolean ig = discovery_dir != null;
		usedOnly("ig_steps", ig_steps, DEFAULT_IG_STEPS, ig, "with discovery_dir");
		usedOnly("crop_size", crop_size, 0, ig, "with discovery_dir");
		usedOnly("crops", crops, 1, ig && crop_size > 0, ig ? "when crop_size > 0" : "with discovery_dir");
	}

	@Override
	protected void execute() throws Exception {
		final ModelPair pair = ModelPair.load(baseline_model, target_model);
		final DegradationOptions degradations = degradations();
		final List<RankingMethod> methods = methods(pair);
		final List<String> names = new ArrayList<>();
		final RankingMethod.Discovery discovery = discovery_dir == null ? null : new RankingMethod.Discovery(
			GroundTruths.load(null, discovery_dir, "discovery_dir", names), names, degradations);
		final MaskingExperiment.Options o = new MaskingExperiment.Options(methods, parsePercents(proportions), List.of(
			Mask.values()), List.of(Degradation.BLUR, Degradation.NOISE), degradations, 0, GradientMapMetric.Channel
				.parse(channel));
		final MaskingExperiment.Result r = new MaskingExperiment(pair, o).run(GroundTruths.load(image, input_dir,
			"input_dir", new ArrayList<>()), discovery, monitor());
		final Rows rows = r.rows(o.channel());
		results = ResultTables.of(rows);
		final List<Plot> panels = new ArrayList<>();
		plot = MaskingPlots.plot(r, o, panels);
		Plots.show(panels);
		if (output_dir != null) write(rows, panels);
		for (final double p : o.percents()) {
			final String summary = r.summary(p);
			if (!summary.isEmpty()) log.info("FAIG Masking Experiment at " + MaskFilters.label(p) + " %: " + summary);
		}
		if (output_dir != null) log.info("FAIG Masking Experiment: results written to " + output_dir);
	}

	@Override
	protected List<String> fixedOutputNames() {
		final List<String> names = new ArrayList<>(AtomicOutputs.tableNames("masking_experiment"));
		names.add("masking_experiment.png");
		names.addAll(AtomicOutputs.tableNames("masking_experiment_data"));
		return names;
	}

	private void write(final Rows rows, final List<Plot> panels) throws IOException {
		try (AtomicOutputs w = new AtomicOutputs(output_dir)) {
			w.table("masking_experiment", rows);
			w.write("masking_experiment.png", f -> ImageFiles.save(plot, f));
			w.table("masking_experiment_data", Plots.data(panels));
			checkCancelled();
			w.commit();
		}
	}

	/**
	 * Every registered ranking method these inputs allow ({@link RankingMethods}): FAIG from filter_sets, IG when there
	 * are discovery images, |θ − θ̄|, random, and any other method on the class path.
	 */
	private List<RankingMethod> methods(final ModelPair pair) throws IOException {
		if (discovery_dir == null) log.info("FAIG Masking Experiment: no discovery_dir, so no IG comparison");
		// read for any model first, so that sets of another pair are refused naming the pair they were computed for
		final File sets = PredictionModels.resolveSetsFolder(filter_sets);
		return RankingMethods.all(new RankingMethods.Settings(FilterSets.read(sets, -1).checkFilters(sets, FilterIndex
			.of(pair.target().spec()).filterCount()), discovery_dir != null, ig_steps, crop_size, crops, seed));
	}

	/** Numbers separated by commas (or spaces), each a percentage in [0, 100] given once. */
	static double[] parsePercents(final String s) {
		final String[] parts = s.split("[,;\\s]+");
		final double[] out = new double[parts.length];
		for (int i = 0; i < parts.length; i++) {
			try {
				out[i] = Double.parseDouble(parts[i].trim());
			}
			catch (final NumberFormatException e) {
				throw new IllegalArgumentException("proportions must be numbers separated by commas, got '" + io.github.faig.workflow.Quoted.of(s) + "'");
			}
		}
		try {
			return MaskingExperiment.Options.checkPercents(out);
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException(e.getMessage() + ": '" + s + "'");
		}
	}

}
