package io.github.faig.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import com.google.gson.JsonObject;

import ij.measure.ResultsTable;
import io.github.faig.ij.GroundTruths;
import io.github.faig.attribution.Quadrature;
import io.github.faig.ij.ResultTables;
import io.github.faig.image.FloatImage;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.nn.io.Npy;
import io.github.faig.prediction.CalibrateThresholds;
import io.github.faig.prediction.CalibrationOptions;
import io.github.faig.prediction.DegradationPredictor;
import io.github.faig.prediction.PredictionModels;

/**
 * {@code Plugins>FAIG>FAIG Calibrate Thresholds}: fixes T_blur and T_noise of degradation prediction on labelled
 * inputs synthesised from ground-truth images (all four classes), stores them — with the scoring settings — in the
 * filter sets' {@code filter_sets.json}, and reports accuracy and the confusion matrix, also on held-out images
 * when given.
 */
@Plugin(type = Command.class, menu = { @Menu(label = "Plugins"), @Menu(label = "FAIG"), @Menu(label = "FAIG Calibrate Thresholds",
		weight = 50) }, headless = true,
	label = "FAIG Calibrate Thresholds")
public class CalibrateThresholdsCommand extends DegradationCommand {

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String section_calibration = "<html><b>Calibration</b>";


	@Parameter(label = "Filter sets (folder or bundled name)", style = FileWidget.DIRECTORY_STYLE)
	private File filter_sets;

	@Parameter(label = "Output folder for the calibrated sets (empty: update your own filter_sets in place)",
		required = false, style = FileWidget.DIRECTORY_STYLE,
		description = "bundled or installed sets are never changed: their calibrated copy goes here")
	private File output_dir;

	@Parameter(label = "Calibration images (ground truth)", style = FileWidget.DIRECTORY_STYLE)
	private File input_dir;

	@Parameter(label = "Held-out test images (optional)", required = false,
		style = FileWidget.DIRECTORY_STYLE)
	private File test_dir;

	@Parameter(label = "Baseline model (empty: as the filter sets say)", required = false,
		style = MODEL_STYLE)
	private String baseline_model;

	@Parameter(label = "Target model (empty: as the filter sets say)", required = false,
		style = MODEL_STYLE)
	private String target_model;

	@Parameter(label = "Top percent", min = "0.01", max = "100")
	private double percent = 1.0;

	@Parameter(label = "Path steps N", min = "1", max = "10000")
	private int steps = 20;

	@Parameter(label = "Quadrature", choices = { "trapezoid", "riemann", "gauss-legendre" })
	private String quadrature = "trapezoid";

	@Parameter(label = "Pseudo ground truth", choices = { "target", "baseline" },
		description = "the output that stands in for the missing ground truth")
	private String pseudo_truth = "target";

	@Parameter(label = "LR crop size (0 = whole images)", min = "0", max = "8192")
	private int crop_size = 64;

	@Parameter(label = "Crops per image", min = "1", max = "1000")
	private int crops = DEFAULT_CROPS;

	private static final int DEFAULT_CROPS = 2;

	@Parameter(label = "Save per-filter scores (calibration_attributions.npy)")
	private boolean save_attributions = false;

	@Parameter(type = ItemIO.OUTPUT, label = "FAIG calibration report")
	private ResultsTable report;

	@Parameter(type = ItemIO.OUTPUT, label = "FAIG confusion matrix")
	private ResultsTable confusion;

	@Parameter(type = ItemIO.OUTPUT, label = "Scores")
	private ResultsTable scores;

	/** Without output_dir the calibration is written into the filter sets' own folder. */
	@Override
	protected boolean outputDirOptionalHeadless() {
		return true;
	}

	@Override
	protected void validate() throws Exception {
		if (input_dir == null || input_dir.getPath().isBlank()) {
			throw new IllegalArgumentException("input_dir was not given: expected a folder of calibration images");
		}
		GroundTruths.imageFiles(input_dir, "input_dir");
		if (test_dir != null) GroundTruths.imageFiles(test_dir, "test_dir");
		options();
		usedOnly("crops", crops, DEFAULT_CROPS, crop_size > 0, "when crop_size > 0");
	}

	private CalibrationOptions options() {
		return new CalibrationOptions(percent, steps, Quadrature.parse(quadrature), DegradationPredictor.PseudoTruth
			.parse(pseudo_truth), crop_size, crops, degradations());
	}

	@Override
	protected void execute() throws Exception {
		final File sets = PredictionModels.resolveSetsFolder(filter_sets);
		final Map<String, File> inputDirs = new java.util.LinkedHashMap<>();
		inputDirs.put("input_dir", input_dir);
		inputDirs.put("test_dir", test_dir);
		final File dest = CalibrateThresholds.destination(sets, output_dir, inputDirs);
		final List<String> names = new ArrayList<>();
		final List<FloatImage> images = GroundTruths.load(null, input_dir, "input_dir", names);
		final List<String> testNames = new ArrayList<>();
		final List<FloatImage> testImages = test_dir != null ? GroundTruths.load(null, test_dir, "test_dir", testNames)
			: null;
		final CalibrateThresholds.Result r;
		try (CalibrateThresholds c = new CalibrateThresholds(sets, baseline_model, target_model, options())) {
			r = c.run(images, names, testImages, testNames, sharding(), monitor());
		}
		scores = ResultTables.of(r.scoreRows());
		report = ResultTables.of(r.reportRows());
		confusion = ResultTables.of(r.confusionRows());
		write(r, sets, dest);
		log.info(String.format(Locale.ROOT, "FAIG Calibrate Thresholds: T_blur %.4f, T_noise %.4f -> %s", r
			.thresholds().blur(), r.thresholds().noise(), dest));
	}

	/** The calibrated sets (with their index files when they go to a new folder), the reports and the scores. */
	private void write(final CalibrateThresholds.Result r, final File sets, final File dest) throws IOException {
		final JsonObject extra = r.calibrated().extra();
		try (AtomicOutputs out = new AtomicOutputs(dest)) {
			// the previous calibration there stays recoverable (a dated copy)
			r.calibrated().writeFolder(out, dest, extra.has("provenance") ? extra.getAsJsonObject("provenance") : null,
				sets);
			out.table("calibration_report", r.reportRows());
			out.table("calibration_confusion", r.confusionRows());
			out.table("calibration_scores", r.scoreRows());
			if (save_attributions) {
				out.write("calibration_attributions.npy", f -> Files.write(f.toPath(), Npy.write(r.attributions())));
			}
			checkCancelled();
			out.commit();
		}
	}

}
