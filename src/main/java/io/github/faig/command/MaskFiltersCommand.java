package io.github.faig.command;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.faig.attribution.FilterIndex;
import io.github.faig.attribution.Ranking;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.ij.Tables;
import io.github.faig.image.FloatImage;
import io.github.faig.image.ImageMetrics;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.masking.FilterMasking;
import io.github.faig.masking.GradientMapMetric;
import io.github.faig.masking.MaskedOutputs;
import io.github.faig.nn.StateDict;
import io.github.faig.nn.io.ModelPair;
import io.github.faig.nn.io.ModelPackage;

/**
 * {@code Plugins>FAIG>FAIG Mask Filters}: puts the baseline's filters back in place of the top p % of a filter set
 * and shows what the target network loses — a stack of target, masked and baseline outputs with a table of the
 * gradient-map metric and PSNR — or sweeps the restoration strength λ of those filters (docs/method.md §4).
 */
@Plugin(type = Command.class, menu = { @Menu(label = "Plugins"), @Menu(label = "FAIG"), @Menu(label = "FAIG Mask Filters",
		weight = 40) }, headless = true,
	label = "FAIG Mask Filters")
public class MaskFiltersCommand extends FaigCommand {

	@Parameter(label = "Image (LR input)", required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "Input file (headless)", required = false, persist = false, style = FileWidget.OPEN_STYLE)
	private File input_file;

	@Parameter(label = "Baseline model", persist = false, style = MODEL_STYLE)
	private String baseline_model = "msrresnet-x2-baseline";

	@Parameter(label = "Target model", persist = false, style = MODEL_STYLE)
	private String target_model = "msrresnet-x2-target";

	@Parameter(label = "Filter set (e.g. blur_index.txt)", persist = false, style = FileWidget.OPEN_STYLE)
	private File filter_file;

	@Parameter(label = "Top percent", min = "0.01", max = "100", persist = false)
	private double percent = 1.0;

	@Parameter(label = "Mode", choices = { "mask", "modulate" }, persist = false,
		description = "mask: baseline's filters; modulate: lambda*target + (1-lambda)*baseline for the filters")
	private String mode = "mask";

	@Parameter(label = "Lambda from", persist = false)
	private double lambda_min = 0;

	@Parameter(label = "Lambda to", persist = false)
	private double lambda_max = 1.5;

	@Parameter(label = "Lambda values", min = "2", max = "1000", persist = false)
	private int lambda_count = 7;

	@Parameter(label = "Metric channel", choices = { "luminance", "blue" }, persist = false,
		description = "luminance: the paper's 'gray'; blue: what the reference code measures")
	private String channel = "luminance";

	@Parameter(label = "Output folder (optional)", required = false, persist = false,
		style = FileWidget.DIRECTORY_STYLE)
	private File output_dir;

	@Parameter(type = ItemIO.OUTPUT, label = "Outputs")
	private ImagePlus outputs;

	@Parameter(type = ItemIO.OUTPUT, label = "Masking metrics")
	private ResultsTable metrics;

	@Override
	protected void validate() throws Exception {
		notBlank(input_file, "input_file");
		notBlank(output_dir, "output_dir");
		outputDirNeededHeadless(output_dir);
		if (filter_file == null || filter_file.getPath().isBlank()) {
			throw new IllegalArgumentException("filter_file was not given: expected a ranking file such as blur_index.txt");
		}
		if (filter_file.isDirectory()) {
			throw new IllegalArgumentException("filter_file '" + filter_file + "' is a folder: expected a ranking file " +
				"in it, such as blur_index.txt or noise_index.txt");
		}
		if (!filter_file.isFile()) throw new IllegalArgumentException("filter_file '" + filter_file + "' does not exist");
		if (mode.equals("modulate") && !(lambda_max > lambda_min)) {
			throw new IllegalArgumentException("lambda_max must be greater than lambda_min, got " + lambda_min + " and " +
				lambda_max);
		}
		if (output_dir != null) AtomicOutputs.checkOutputDir(output_dir);
	}

	@Override
	protected void execute() throws Exception {
		if (filter_file == null) throw new IllegalArgumentException("filter_file was not given");
		if (output_dir != null) AtomicOutputs.checkOutputDir(output_dir);
		final GradientMapMetric.Channel ch = GradientMapMetric.Channel.parse(channel);
		final ModelPair pair = ModelPair.load(baseline_model, target_model);
		final ModelPackage base = pair.baseline();
		final ModelPackage tgt = pair.target();
		final FilterIndex filters = FilterIndex.of(tgt.spec());
		if (!filter_file.isFile()) {
			throw new IllegalArgumentException("filter_file '" + filter_file + "' does not exist");
		}
		final Ranking ranking = Ranking.readIndexFile(filter_file, filters.filterCount());
		final int[] selected = ranking.top(percent);
		final boolean sweep = mode.equals("modulate");
		if (sweep && lambda_count < 2) throw new IllegalArgumentException("lambda_count must be >= 2");
		final ImagePlus source = sourceImage(image, input_file);
		final List<FloatImage> inputs = new ArrayList<>();
		for (final FloatImage f : ImagePlusBridge.toFloatImages(source)) inputs.add(f.asRgb());

		final FilterMasking masking = new FilterMasking(base.weights(), tgt.weights(), filters);
		final List<String> names = new ArrayList<>();
		final List<StateDict> variants = new ArrayList<>();
		names.add("target");
		variants.add(tgt.weights());
		if (sweep) {
			for (int j = 0; j < lambda_count; j++) {
				final double l = lambda_min + j * (lambda_max - lambda_min) / (lambda_count - 1);
				names.add(String.format(Locale.ROOT, "lambda=%.3g", l));
				variants.add(masking.modulate(selected, l));
			}
		}
		else {
			names.add(String.format(Locale.ROOT, "masked %.3g%%", percent));
			variants.add(masking.mask(selected));
		}
		names.add("baseline");
		variants.add(base.weights());

		final List<List<FloatImage>> out = new ArrayList<>();
		for (int v = 0; v < variants.size(); v++) {
			progress("Running " + names.get(v), v, variants.size());
			out.add(MaskedOutputs.run(tgt.spec(), variants.get(v), inputs));
		}
		metrics = new ResultsTable();
		final List<FloatImage> stack = new ArrayList<>();
		final List<String> labels = new ArrayList<>();
		final String title = ImageFiles.baseName(source.getTitle());
		for (int s = 0; s < inputs.size(); s++) {
			for (int v = 0; v < variants.size(); v++) {
				final FloatImage o = out.get(v).get(s);
				final FloatImage t = out.get(0).get(s);
				stack.add(o);
				labels.add(title + (inputs.size() > 1 ? ":" + (s + 1) : "") + " " + names.get(v));
				metrics.incrementCounter();
				metrics.addValue("slice", s + 1);
				metrics.addValue("output", names.get(v));
				if (sweep) {
					metrics.addValue("lambda", v == 0 ? 1 : v == variants.size() - 1 ? 0 : lambda_min + (v - 1) *
						(lambda_max - lambda_min) / (lambda_count - 1));
				}
				metrics.addValue("filters", v == 0 || v == variants.size() - 1 ? 0 : selected.length);
				metrics.addValue("gradient_metric_vs_target", GradientMapMetric.metric(o, t, ch));
				metrics.addValue("psnr_vs_target", ImageMetrics.psnr8(o, t, 0));
				metrics.addValue("channel", ch.label());
			}
		}
		outputs = ImagePlusBridge.toImagePlus(title + "_" + mode, stack, labels, ImagePlusBridge.OutputType.BYTE,
			ImagePlusBridge.resampled(source.getCalibration(), 1.0 / tgt.spec().scale()));
		Tables.show(metrics, "FAIG masking metrics");
		if (output_dir != null) {
			try (AtomicOutputs o = new AtomicOutputs(output_dir)) {
				o.write(title + "_" + mode + ".tif", f -> ImageFiles.save(outputs, f));
				o.write(title + "_" + mode + "_metrics.csv", f -> Tables.saveCsv(metrics, f));
				checkCancelled();
				o.commit();
			}
		}
	}
}
