package io.github.faig.command;

import java.awt.Color;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
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
import io.github.faig.attribution.FilterIndex;
import io.github.faig.attribution.FilterSets;
import io.github.faig.attribution.FixedRanking;
import io.github.faig.attribution.InputIgRanking;
import io.github.faig.attribution.RandomRanking;
import io.github.faig.attribution.RankingMethod;
import io.github.faig.attribution.WeightDifferenceRanking;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationOptions;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.Plots;
import io.github.faig.ij.Tables;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.io.OutputPaths;
import io.github.faig.masking.GradientMapMetric;
import io.github.faig.masking.Mask;
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
public class MaskingExperimentCommand extends FaigCommand {

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

	@Parameter(label = "Blur sigma", min = DegradationParams.BLUR_MIN)
	private double blur_sigma = DegradationParams.DEFAULT_BLUR_SIGMA;

	@Parameter(label = "Kernel size", min = DegradationParams.KERNEL_MIN, max = DegradationParams.KERNEL_MAX)
	private int kernel_size = DegradationParams.DEFAULT_KERNEL_SIZE;

	@Parameter(label = "Noise sigma", min = DegradationParams.NOISE_MIN)
	private double noise_sigma = DegradationParams.DEFAULT_NOISE_SIGMA;

	@Parameter(label = "Random seed")
	private long seed = 0;

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
		notBlank(input_dir, "input_dir");
		notBlank(discovery_dir, "discovery_dir");
		notBlank(output_dir, "output_dir");
		outputDirNeededHeadless(output_dir);
		parsePercents(proportions);
		// the IG comparison's inputs do nothing without discovery images; a line that sets them means something else
		final boolean ig = discovery_dir != null;
		usedOnly("ig_steps", ig_steps, DEFAULT_IG_STEPS, ig, "with discovery_dir");
		usedOnly("crop_size", crop_size, 0, ig, "with discovery_dir");
		usedOnly("crops", crops, 1, ig && crop_size > 0, ig ? "when crop_size > 0" : "with discovery_dir");
		if (output_dir != null) AtomicOutputs.checkOutputDir(output_dir);
		final Map<String, File> ins = new HashMap<>();
		ins.put("input_dir", input_dir);
		ins.put("discovery_dir", discovery_dir);
		OutputPaths.checkDistinct(output_dir, ins);
	}

	@Override
	protected void execute() throws Exception {
		final ModelPair pair = ModelPair.load(baseline_model, target_model);
		final DegradationOptions degradations = new DegradationOptions(blur_sigma, kernel_size, noise_sigma, seed);
		final List<RankingMethod> methods = methods(pair);
		final List<String> names = new ArrayList<>();
		final RankingMethod.Discovery discovery = discovery_dir == null ? null : new RankingMethod.Discovery(
			GroundTruths.load(null, discovery_dir, "discovery_dir", names), names, degradations);
		final MaskingExperiment.Options o = new MaskingExperiment.Options(methods, parsePercents(proportions), List.of(
			Mask.values()), List.of(Degradation.BLUR, Degradation.NOISE), degradations, 0, GradientMapMetric.Channel
				.parse(channel));
		final MaskingExperiment.Result r = new MaskingExperiment(pair, o).run(GroundTruths.load(image, input_dir,
			"input_dir", new ArrayList<>()), discovery, monitor());
		results = table(r.cells(), o.channel());
		final List<Plot> panels = new ArrayList<>();
		plot = plot(r, o, panels);
		Plots.show(panels);
		if (output_dir != null) {
			try (AtomicOutputs w = new AtomicOutputs(output_dir)) {
				w.write("masking_experiment.csv", f -> Tables.saveCsv(results, f));
				w.write("masking_experiment.png", f -> ImageFiles.save(plot, f));
				w.write("masking_experiment_data.csv", f -> Plots.saveData(panels, f));
				checkCancelled();
				w.commit();
			}
		}
	}

	/** FAIG from filter_sets, IG when there are discovery images, |θ − θ̄| and random: the table's method order. */
	private List<RankingMethod> methods(final ModelPair pair) throws IOException {
		final List<RankingMethod> methods = new ArrayList<>();
		methods.add(FixedRanking.of("FAIG", FilterSets.read(PredictionModels.resolveSetsFolder(filter_sets), FilterIndex
			.of(pair.target().spec()).filterCount())));
		if (discovery_dir != null) methods.add(new InputIgRanking(ig_steps, crop_size, crops));
		else log.info("FAIG Masking Experiment: no discovery_dir, so no IG comparison");
		methods.add(new WeightDifferenceRanking());
		methods.add(new RandomRanking(seed));
		return methods;
	}

	private static ResultsTable table(final List<MaskingExperiment.Cell> cells, final GradientMapMetric.Channel ch) {
		final ResultsTable t = new ResultsTable();
		for (final MaskingExperiment.Cell c : cells) {
			t.incrementCounter();
			t.addValue("method", c.method());
			t.addValue("mask", c.mask().label());
			t.addValue("input", c.inputLabel());
			t.addValue("percent", c.percent());
			t.addValue("filters", c.filters());
			t.addValue("metric_mean", c.metricMean());
			t.addValue("metric_std", c.metricStd());
			t.addValue("psnr_mean", c.psnrMean());
			t.addValue("images", c.images());
			t.addValue("channel", ch.label());
		}
		return t;
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

	/** One panel per mask and input kind (masks down, inputs across), one line per method: the paper's Fig. 3 idea. */
	private static ImagePlus plot(final MaskingExperiment.Result r, final MaskingExperiment.Options o,
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
