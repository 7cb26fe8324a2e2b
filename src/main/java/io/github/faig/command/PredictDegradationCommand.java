package io.github.faig.command;

import io.github.faig.io.OutputPaths;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.ij.Tables;
import io.github.faig.image.FloatImage;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.prediction.DegradationPredictor;
import io.github.faig.prediction.PredictionSettings;
import io.github.faig.prediction.Thresholds;

/**
 * {@code Plugins>FAIG>FAIG Predict Degradation}: whether an image (each slice, or each file headless) contains blur
 * and/or noise, from the overlap of its own top FAIG filters with the discovered filter sets (paper §4.3), scored
 * and thresholded exactly as calibrated. Defaults to the sample pair's shipped filter sets and thresholds.
 */
@Plugin(type = Command.class, menuPath = "Plugins>FAIG>FAIG Predict Degradation", headless = true,
	label = "FAIG Predict Degradation")
public class PredictDegradationCommand extends FaigCommand {

	@Parameter(label = "Image", required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "Input file (headless)", required = false, persist = false, style = FileWidget.OPEN_STYLE)
	private File input_file;

	@Parameter(label = "Input folder (headless)", required = false, persist = false,
		style = FileWidget.DIRECTORY_STYLE)
	private File input_dir;

	@Parameter(label = "Filter sets (folder or bundled name)", required = false, persist = false)
	private String filter_sets = PredictionContext.DEFAULT_FILTER_SETS;

	@Parameter(label = "T_blur (-1 = calibrated)", persist = false)
	private double t_blur = -1;

	@Parameter(label = "T_noise (-1 = calibrated)", persist = false)
	private double t_noise = -1;

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
		if (output_dir != null) AtomicOutputs.checkOutputDir(output_dir);
		OutputPaths.checkDistinct(output_dir, java.util.Collections.singletonMap("input_dir", input_dir));
	}

	@Override
	protected void execute() throws Exception {
		if (output_dir != null) AtomicOutputs.checkOutputDir(output_dir);
		final List<String> names = new ArrayList<>();
		final List<FloatImage> inputs = inputs(names);
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
				progress("Predicting " + names.get(i) + " (" + (i + 1) + "/" + inputs.size() + ")", i, inputs.size());
				final DegradationPredictor.Prediction r = p.predict(inputs.get(i), t);
				predictions.incrementCounter();
				predictions.addValue("image", names.get(i));
				predictions.addValue("os_blur", r.scores().blur());
				predictions.addValue("os_noise", r.scores().noise());
				predictions.addValue("t_blur", t.blur());
				predictions.addValue("t_noise", t.noise());
				predictions.addValue("blur", r.decision().hasBlur() ? "yes" : "no");
				predictions.addValue("noise", r.decision().hasNoise() ? "yes" : "no");
				predictions.addValue("decision", r.decision().label());
				predictions.addValue("seconds", r.scores().seconds());
				log.info(String.format(Locale.ROOT, "%s: OS_blur %.3f, OS_noise %.3f -> %s", names.get(i), r.scores().blur(),
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

	private List<FloatImage> inputs(final List<String> names) {
		final List<FloatImage> out = new ArrayList<>();
		if (image != null || input_file != null) {
			final ImagePlus imp = image != null ? image : ImageFiles.open(input_file, "input_file");
			final List<FloatImage> slices = ImagePlusBridge.toFloatImages(imp);
			for (int s = 0; s < slices.size(); s++) {
				out.add(slices.get(s).asRgb());
				names.add(image != null ? ImageFiles.baseName(imp.getTitle()) + (slices.size() > 1 ? ":" + (s + 1) : "")
					: input_file.getName() + (slices.size() > 1 ? ":" + (s + 1) : ""));
			}
			return out;
		}
		if (input_dir == null) throw new IllegalArgumentException("no image: open one, or give input_file or input_dir");
		for (final File f : GroundTruths.imageFiles(input_dir, "input_dir")) {
			out.add(ImagePlusBridge.toFloatImages(ImageFiles.open(f, "input_dir")).get(0).asRgb());
			names.add(f.getName());
		}
		return out;
	}
}
