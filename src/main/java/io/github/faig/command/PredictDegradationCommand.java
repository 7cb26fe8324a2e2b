package io.github.faig.command;

import io.github.faig.io.OutputPaths;
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
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.ij.Tables;
import io.github.faig.image.FloatImage;
import io.github.faig.image.IntensityScale;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.prediction.DegradationPredictor;
import io.github.faig.prediction.PredictionSettings;
import io.github.faig.prediction.Thresholds;

/**
 * {@code Plugins>FAIG>FAIG Predict Degradation}: whether an image (each slice, or each file headless) contains blur
 * and/or noise, from the overlap of its own top FAIG filters with the discovered filter sets (paper §4.3), scored
 * and thresholded exactly as calibrated. Defaults to the sample pair's shipped filter sets and thresholds.
 */
@Plugin(type = Command.class, menu = { @Menu(label = "Plugins"), @Menu(label = "FAIG"), @Menu(label = "FAIG Predict Degradation",
		weight = 60) }, headless = true,
	label = "FAIG Predict Degradation")
public class PredictDegradationCommand extends FaigCommand {

	@Parameter(label = "Image", required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "Input file (headless)", required = false, persist = false, style = FileWidget.OPEN_STYLE)
	private File input_file;

	@Parameter(label = "Input folder (headless)", required = false, persist = false,
		style = FileWidget.DIRECTORY_STYLE)
	private File input_dir;

	@Parameter(label = "Filter sets (folder or bundled name)", required = false, persist = false,
		style = FILTER_SETS_STYLE)
	private String filter_sets = PredictionContext.DEFAULT_FILTER_SETS;

	@Parameter(label = "T_blur (-1 = calibrated)", persist = false)
	private double t_blur = -1;

	@Parameter(label = "T_noise (-1 = calibrated)", persist = false)
	private double t_noise = -1;

	@Parameter(label = "Normalization", persist = false, choices = { "type-range", "min-max", "percentile" },
		description = "how pixel values map to the networks' [0,1] scale")
	private String normalization = "type-range";

	@Parameter(label = "Low percentile", persist = false, min = "0", max = "100", stepSize = "0.1",
		description = "normalization=percentile: the value mapped to 0")
	private double low_percentile = IntensityScale.DEFAULT_LOW_PERCENTILE;

	@Parameter(label = "High percentile", persist = false, min = "0", max = "100", stepSize = "0.1",
		description = "normalization=percentile: the value mapped to 1")
	private double high_percentile = IntensityScale.DEFAULT_HIGH_PERCENTILE;

	@Parameter(label = "Output folder (optional)", required = false, persist = false,
		style = FileWidget.DIRECTORY_STYLE, description = "writes predictions.csv, one row per file or slice")
	private File output_dir;

	@Parameter(type = ItemIO.OUTPUT, label = "Degradation predictions")
	private ResultsTable predictions;

	@Override
	protected void validate() throws Exception {
		notBlank(input_file, "input_file");
		notBlank(input_dir, "input_dir");
		notBlank(output_dir, "output_dir");
		eitherFileOrDir(input_file, input_dir);
		if (filter_sets != null && filter_sets.isBlank()) {
			throw new IllegalArgumentException("filter_sets is empty: give a filter-sets folder or bundled name, or " +
				"leave it out for " + PredictionContext.DEFAULT_FILTER_SETS);
		}
		checkThreshold(t_blur, "t_blur");
		checkThreshold(t_noise, "t_noise");
		IntensityScale.checkPercentiles(low_percentile, high_percentile);
		if (output_dir != null) AtomicOutputs.checkOutputDir(output_dir);
		OutputPaths.checkDistinct(output_dir, java.util.Collections.singletonMap("input_dir", input_dir));
	}

	@Override
	protected void execute() throws Exception {
		if (output_dir != null) AtomicOutputs.checkOutputDir(output_dir);
		final List<Input> inputs = inputs();
		final File setsDir = PredictionContext.resolveSets(filter_sets);
		final PredictionSettings stored = PredictionSettings.fromJson(io.github.faig.attribution.FilterSets.read(
			setsDir, -1).extra());
		if (stored == null && (t_blur < 0 || t_noise < 0)) {
			throw new IllegalArgumentException("filter_sets '" + setsDir + "' have no calibrated thresholds: run FAIG " +
				"Calibrate Thresholds on them, or give t_blur and t_noise");
		}
		final PredictionSettings s = stored != null ? stored : new PredictionSettings(1.0, 20,
			io.github.faig.attribution.Quadrature.TRAPEZOID, DegradationPredictor.PseudoTruth.TARGET, Thresholds
				.paper());
		final Thresholds t = new Thresholds(t_blur >= 0 ? t_blur : s.thresholds().blur(), t_noise >= 0 ? t_noise : s
			.thresholds().noise());
		predictions = new ResultsTable();
		try (PredictionContext pc = new PredictionContext(setsDir, null, null, s.pseudoTruth())) {
			final DegradationPredictor p = new DegradationPredictor(pc.engine, pc.truth, pc.sets, s.percent(), s.rule(), s
				.steps(), this::isCanceled);
			for (int i = 0; i < inputs.size(); i++) {
				final Input in = inputs.get(i);
				progress("Predicting " + in.name() + " (" + (i + 1) + "/" + inputs.size() + ")", i, inputs.size());
				final DegradationPredictor.Prediction r = p.predict(in.image(), t);
				predictions.incrementCounter();
				predictions.addValue("image", in.name());
				predictions.addValue("os_blur", r.scores().blur());
				predictions.addValue("os_noise", r.scores().noise());
				predictions.addValue("t_blur", t.blur());
				predictions.addValue("t_noise", t.noise());
				predictions.addValue("blur", r.decision().hasBlur() ? "yes" : "no");
				predictions.addValue("noise", r.decision().hasNoise() ? "yes" : "no");
				predictions.addValue("decision", r.decision().label());
				predictions.addValue("seconds", r.scores().seconds());
				// the plane's position comes last, so existing columns keep their places
				predictions.addValue("channel", in.channel());
				predictions.addValue("slice", in.slice());
				predictions.addValue("frame", in.frame());
				log.info(String.format(Locale.ROOT, "%s: OS_blur %.3f, OS_noise %.3f -> %s", in.name(), r.scores().blur(),
					r.scores().noise(), r.decision().label()));
			}
		}
		Tables.show(predictions, "FAIG degradation predictions");
		if (output_dir != null) {
			try (AtomicOutputs out = new AtomicOutputs(output_dir)) {
				out.write("predictions.csv", f -> Tables.saveCsv(predictions, f));
				checkCancelled();
				out.commit();
			}
		}
	}

	/** One image to predict: a plane of an image or file, with its position in the hyperstack (1-based). */
	private record Input(FloatImage image, String name, int channel, int slice, int frame) {}

	private List<Input> inputs() {
		final List<Input> out = new ArrayList<>();
		// named inputs win over the image Fiji fills in (the active one): a macro means the files it names
		if (input_file != null) {
			planes(ImageFiles.open(input_file, "input_file"), input_file.getName(), out);
		}
		else if (input_dir != null) {
			for (final File f : GroundTruths.imageFiles(input_dir, "input_dir")) {
				checkCancelled();
				planes(ImageFiles.open(f, "input_dir"), f.getName(), out);
			}
		}
		else if (image != null) {
			planes(image, ImageFiles.baseName(image.getTitle()), out);
		}
		else throw new IllegalArgumentException("no image: open one, or give input_file or input_dir");
		return out;
	}

	/** Every plane of {@code imp} (inside its selection, if any), named {@code name:plane} when there are several. */
	private void planes(final ImagePlus imp, final String name, final List<Input> out) {
		final List<FloatImage> slices = ImagePlusBridge.toFloatImages(imp, ImagePlusBridge.scaleOf(imp, normalization,
			low_percentile, high_percentile));
		final java.awt.Rectangle roi = Selections.bounds(imp);
		for (int s = 0; s < slices.size(); s++) {
			final int[] czt = imp.convertIndexToPosition(s + 1);
			FloatImage img = slices.get(s).asRgb();
			if (roi != null) img = img.crop(roi.y, roi.x, roi.height, roi.width);
			out.add(new Input(img, name + (slices.size() > 1 ? ":" + (s + 1) : ""), czt[0], czt[1], czt[2]));
		}
	}
}
