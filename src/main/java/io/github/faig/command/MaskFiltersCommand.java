package io.github.faig.command;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

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
import io.github.faig.ij.ResultTables;
import io.github.faig.image.FloatImage;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.io.Rows;
import io.github.faig.masking.GradientMapMetric;
import io.github.faig.masking.MaskFilters;
import io.github.faig.nn.io.ModelPair;

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

	@Parameter(label = "Input file (instead of the image)", required = false, style = FileWidget.OPEN_STYLE, persist = false)
	private File input_file;

	@Parameter(label = "Baseline model", style = MODEL_STYLE)
	private String baseline_model = "msrresnet-x2-baseline";

	@Parameter(label = "Target model", style = MODEL_STYLE)
	private String target_model = "msrresnet-x2-target";

	@Parameter(label = "Filter set (e.g. blur_index.txt)", style = FileWidget.OPEN_STYLE)
	private File filter_file;

	@Parameter(label = "Top percent", min = "0.01", max = "100")
	private double percent = 1.0;

	@Parameter(label = "Mode", choices = { "mask", "modulate" },
		description = "mask: baseline's filters; modulate: lambda*target + (1-lambda)*baseline for the filters")
	private String mode = "mask";

	@Parameter(label = "Lambda from")
	private double lambda_min = 0;

	@Parameter(label = "Lambda to")
	private double lambda_max = 1.5;

	@Parameter(label = "Lambda values", min = "2", max = "1000")
	private int lambda_count = 7;

	@Parameter(label = "Metric channel", choices = { "luminance", "blue" },
		description = "luminance: the paper's 'gray'; blue: what the reference code measures")
	private String channel = "luminance";

	@Parameter(label = "Output folder (optional)", required = false,
		style = FileWidget.DIRECTORY_STYLE)
	private File output_dir;

	@Parameter(type = ItemIO.OUTPUT, label = "Outputs")
	private ImagePlus outputs;

	@Parameter(type = ItemIO.OUTPUT, label = "FAIG masking metrics")
	private ResultsTable metrics;

	@Override
	protected void validate() throws Exception {
		if (filter_file == null || filter_file.getPath().isBlank()) {
			throw new IllegalArgumentException("filter_file was not given: expected a ranking file such as blur_index.txt");
		}
		if (filter_file.isDirectory()) {
			throw new IllegalArgumentException("filter_file '" + filter_file + "' is a folder: expected a ranking file " +
				"in it, such as blur_index.txt or noise_index.txt");
		}
		if (!filter_file.isFile()) throw new IllegalArgumentException("filter_file '" + filter_file + "' does not exist");
		options();
		final boolean modulate = MaskFilters.Mode.parse(mode) == MaskFilters.Mode.MODULATE;
		usedOnly("lambda_min", lambda_min, 0.0, modulate, "with mode='modulate'");
		usedOnly("lambda_max", lambda_max, 1.5, modulate, "with mode='modulate'");
		usedOnly("lambda_count", lambda_count, 7, modulate, "with mode='modulate'");
	}

	private MaskFilters.Options options() {
		return new MaskFilters.Options(percent, MaskFilters.Mode.parse(mode), lambda_min, lambda_max, lambda_count,
			GradientMapMetric.Channel.parse(channel));
	}

	@Override
	protected void execute() throws Exception {
		final ModelPair pair = ModelPair.load(baseline_model, target_model);
		final Ranking ranking = Ranking.readIndexFile(filter_file, FilterIndex.of(pair.target().spec()).filterCount(),
			"filter_file");
		final ImagePlus source = sourceImage(image, input_file);
		final MaskFilters.Options o = options();
		final MaskFilters.Result r = new MaskFilters(pair, ranking, o).run(ImagePlusBridge.toFloatImages(source),
			monitor());
		final String title = ImageFiles.baseName(source.getTitle());
		final boolean several = r.outputs().size() > r.variants().size();
		metrics = ResultTables.of(r.metricRows(o));
		final List<FloatImage> stack = new ArrayList<>();
		final List<String> labels = new ArrayList<>();
		for (final MaskFilters.Output out : r.outputs()) {
			stack.add(out.image());
			labels.add(title + (several ? ":" + (out.input() + 1) : "") + " " + out.variant().name());
		}
		outputs = ImagePlusBridge.toImagePlus(title + "_" + mode, stack, labels, ImagePlusBridge.OutputType.BYTE,
			ImagePlusBridge.resampled(source.getCalibration(), 1.0 / pair.target().spec().scale()));
		if (output_dir != null) write(title + "_" + mode, r.metricRows(o));
	}

	private void write(final String base, final Rows metricRows) throws java.io.IOException {
		try (AtomicOutputs w = new AtomicOutputs(output_dir)) {
			w.write(base + ".tif", f -> ImageFiles.save(outputs, f));
			w.table(base + "_metrics", metricRows);
			checkCancelled();
			w.commit();
		}
	}

}
