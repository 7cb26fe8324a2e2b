package io.github.faig.command;

import io.github.faig.io.OutputPaths;
import java.awt.Color;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import io.github.faig.attribution.DegradationAttribution;
import io.github.faig.attribution.FaigEngine;
import io.github.faig.attribution.FilterIndex;
import io.github.faig.attribution.FilterSets;
import io.github.faig.attribution.Quadrature;
import io.github.faig.attribution.Ranking;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.Tables;
import io.github.faig.image.FloatImage;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.masking.FilterMasking;
import io.github.faig.masking.GradientMapMetric;
import io.github.faig.masking.MaskingExperiment;
import io.github.faig.nn.io.ModelPair;
import io.github.faig.nn.io.ModelPackage;
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

	@Parameter(label = "Baseline model", persist = false)
	private String baseline_model = "msrresnet-x2-baseline";

	@Parameter(label = "Target model", persist = false)
	private String target_model = "msrresnet-x2-target";

	@Parameter(label = "FAIG filter sets (folder)", persist = false, style = FileWidget.DIRECTORY_STYLE,
		description = "output_dir of FAIG Compute Filters: blur_index.txt, noise_index.txt")
	private File filter_sets;

	@Parameter(label = "Evaluation images (stack)", required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "Evaluation folder (headless)", required = false, persist = false,
		style = FileWidget.DIRECTORY_STYLE)
	private File input_dir;

	@Parameter(label = "IG discovery folder (optional)", required = false, persist = false,
		style = FileWidget.DIRECTORY_STYLE,
		description = "ground-truth images for the IG ranking (use the images the FAIG sets came from); empty: no IG")
	private File discovery_dir;

	@Parameter(label = "IG steps", min = "1", persist = false)
	private int ig_steps = 20;

	@Parameter(label = "IG LR crop size (0 = whole)", min = "0", persist = false)
	private int crop_size = 0;

	@Parameter(label = "IG crops per image", min = "1", persist = false)
	private int crops = 1;

	@Parameter(label = "Proportions (percent, comma-separated)", persist = false)
	private String proportions = "1,3,5,10";

	@Parameter(label = "Blur sigma", persist = false, min = DegradationParams.BLUR_MIN)
	private double blur_sigma = DegradationParams.DEFAULT_BLUR_SIGMA;

	@Parameter(label = "Kernel size", persist = false, min = DegradationParams.KERNEL_MIN, max = DegradationParams.KERNEL_MAX)
	private int kernel_size = DegradationParams.DEFAULT_KERNEL_SIZE;

	@Parameter(label = "Noise sigma", persist = false, min = DegradationParams.NOISE_MIN)
	private double noise_sigma = DegradationParams.DEFAULT_NOISE_SIGMA;

	@Parameter(label = "Random seed", persist = false)
	private long seed = 0;

	@Parameter(label = "Metric channel", choices = { "luminance", "blue" }, persist = false)
	private String channel = "luminance";

	@Parameter(label = "Output folder (optional)", required = false, persist = false,
		style = FileWidget.DIRECTORY_STYLE)
	private File output_dir;

	@Parameter(type = ItemIO.OUTPUT, label = "Masking experiment")
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
		if (output_dir != null) AtomicOutputs.checkOutputDir(output_dir);
		final java.util.Map<String, File> ins = new java.util.HashMap<>();
		ins.put("input_dir", input_dir);
		ins.put("discovery_dir", discovery_dir);
		OutputPaths.checkDistinct(output_dir, ins);
	}

	@Override
	protected void execute() throws Exception {
		if (output_dir != null) AtomicOutputs.checkOutputDir(output_dir);
		final double[] percents = parsePercents(proportions);
		final GradientMapMetric.Channel ch = GradientMapMetric.Channel.parse(channel);
		final ModelPair pair = ModelPair.load(baseline_model, target_model);
		final ModelPackage base = pair.baseline();
		final ModelPackage tgt = pair.target();
		final FilterIndex filters = FilterIndex.of(tgt.spec());
		final FilterSets faig = FilterSets.read(PredictionModels.resolveSetsFolder(filter_sets), filters.filterCount());
		final DegradationParams p = new DegradationParams(blur_sigma, kernel_size, tgt.spec().scale(), noise_sigma);
		final List<String> names = new ArrayList<>();
		final List<FloatImage> gts = GroundTruths.load(image, input_dir, names);

		final Map<String, Ranking[]> rankings = new LinkedHashMap<>();
		rankings.put("FAIG", new Ranking[] { faig.ranking(Degradation.BLUR), faig.ranking(Degradation.NOISE) });
		if (discovery_dir != null) {
			final List<String> dn = new ArrayList<>();
			final List<FloatImage> disc = GroundTruths.load(null, discovery_dir, dn);
			try (FaigEngine e = new FaigEngine(tgt.spec(), base.weights(), tgt.weights())) {
				final DegradationAttribution.Result ig = new DegradationAttribution(e, p, seed, Quadrature.RIEMANN, ig_steps,
					crop_size, crops, DegradationAttribution.Method.INPUT_IG).run(disc, dn, (d, t, l, a) -> progress(
						"IG ranking " + d + "/" + t, d, t), this::isCanceled);
				rankings.put("IG", new Ranking[] { ig.blur(), ig.noise() });
			}
		}
		else {
			log.info("FAIG Masking Experiment: no discovery_dir, so no IG comparison");
		}
		final Ranking diff = Ranking.of(new FilterMasking(base.weights(), tgt.weights(), filters)
			.weightDifferenceScores());
		rankings.put("|theta-theta_bar|", new Ranking[] { diff, diff });
		final Ranking random = Ranking.of(FilterMasking.randomScores(filters.filterCount(), seed));
		rankings.put("random", new Ranking[] { random, random });

		final List<MaskingExperiment.Cell> cells = new MaskingExperiment(tgt.spec(), base.weights(), tgt.weights(), p,
			seed, ch).run(rankings, percents, gts, (d, t, w) -> progress("Masking " + w + " (" + d + "/" + t + ")", d, t),
				this::isCanceled);
		results = new ResultsTable();
		for (final MaskingExperiment.Cell c : cells) {
			results.incrementCounter();
			results.addValue("method", c.method());
			results.addValue("mask", c.mask());
			results.addValue("input", c.input() == Degradation.BLUR ? "blurry" : "noisy");
			results.addValue("percent", c.percent());
			results.addValue("filters", c.filters());
			results.addValue("metric_mean", c.metricMean());
			results.addValue("metric_std", c.metricStd());
			results.addValue("psnr_mean", c.psnrMean());
			results.addValue("images", c.metric().length);
			results.addValue("channel", ch.label());
		}
		final List<Plot> panels = new ArrayList<>();
		plot = plot(cells, rankings.keySet(), percents, panels);
		io.github.faig.ij.Plots.show(panels);
		Tables.show(results, "FAIG masking experiment");
		if (output_dir != null) {
			try (AtomicOutputs o = new AtomicOutputs(output_dir)) {
				o.write("masking_experiment.csv", f -> Tables.saveCsv(results, f));
				o.write("masking_experiment.png", f -> ImageFiles.save(plot, f));
				o.write("masking_experiment_data.csv", f -> io.github.faig.ij.Plots.saveData(panels, f));
				checkCancelled();
				o.commit();
			}
		}
	}

	static double[] parsePercents(final String s) {
		final String[] parts = s.split("[,;\\s]+");
		final double[] out = new double[parts.length];
		for (int i = 0; i < parts.length; i++) {
			try {
				out[i] = Double.parseDouble(parts[i].trim());
			}
			catch (final NumberFormatException e) {
				throw new IllegalArgumentException("proportions must be numbers separated by commas, got '" + s + "'");
			}
			if (!(out[i] >= 0 && out[i] <= 100)) {
				throw new IllegalArgumentException("proportions must lie in [0, 100], got " + out[i]);
			}
			for (int j = 0; j < i; j++) {
				if (out[j] == out[i]) throw new IllegalArgumentException("proportions lists " + out[i] + " twice: '" + s + "'");
			}
		}
		return out;
	}

	/** Four panels (mask × input), one line per method: the paper's Fig. 3 idea. */
	private static ImagePlus plot(final List<MaskingExperiment.Cell> cells, final Iterable<String> methods,
		final double[] percents, final List<Plot> panels)
	{
		final Color[] colours = { new Color(200, 40, 40), new Color(230, 140, 0), new Color(30, 90, 200), Color.GRAY };
		ImageProcessor out = null;
		int panel = 0;
		for (final String mask : new String[] { "deblurring", "denoising" }) {
			for (final Degradation in : new Degradation[] { Degradation.BLUR, Degradation.NOISE }) {
				final Plot p = new Plot("mask " + mask + " filters, " + (in == Degradation.BLUR ? "blurry" : "noisy") +
					" input", "masked filters (%)", "gradient-map metric (x1e-3)");
				p.setSize(420, 300);
				int m = 0;
				final StringBuilder legend = new StringBuilder();
				for (final String method : methods) {
					final double[] y = new double[percents.length];
					for (final MaskingExperiment.Cell c : cells) {
						if (c.method().equals(method) && c.mask().equals(mask) && c.input() == in) {
							for (int k = 0; k < percents.length; k++) if (percents[k] == c.percent()) y[k] = c.metricMean();
						}
					}
					p.setColor(colours[m++ % colours.length]);
					p.setLineWidth(2);
					p.addPoints(percents, y, Plot.LINE);
					legend.append(method).append('\n');
				}
				p.setColor(Color.BLACK);
				// Plot titles are not drawn into the image: label each panel inside its frame.
				p.addLabel(0.01, 0.99, mask + " mask, " + (in == Degradation.BLUR ? "blurry" : "noisy") + " input");
				p.addLegend(legend.toString().trim());
				p.setLimitsToFit(false);
				panels.add(p);
				final ImageProcessor ip = p.getProcessor().convertToRGB();
				if (out == null) out = new ColorProcessor(ip.getWidth() * 2, ip.getHeight() * 2);
				out.insert(ip, (panel % 2) * ip.getWidth(), (panel / 2) * ip.getHeight());
				panel++;
			}
		}
		return new ImagePlus("FAIG masking experiment", out);
	}
}
