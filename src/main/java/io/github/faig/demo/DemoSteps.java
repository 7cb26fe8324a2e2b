package io.github.faig.demo;

import java.io.File;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.scijava.command.CommandService;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import io.github.faig.attribution.FilterIndex;
import io.github.faig.attribution.FilterSets;
import io.github.faig.command.BlindSuperResolutionCommand;
import io.github.faig.command.ComputeFiltersCommand;
import io.github.faig.command.DegradationMapCommand;
import io.github.faig.command.DegradationRepresentationsCommand;
import io.github.faig.command.FaigCommand;
import io.github.faig.command.MaskFiltersCommand;
import io.github.faig.command.PredictDegradationCommand;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.degrade.Degrader;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.image.FloatImage;
import io.github.faig.image.ImageMetrics;
import io.github.faig.io.Csv;
import io.github.faig.nn.io.ModelLocator;

/** The demo's steps that need the sample models, each through the same command a user runs. */
final class DemoSteps {

	static final String BASELINE = "msrresnet-x2-baseline";
	static final String TARGET = "msrresnet-x2-target";
	static final String FILTER_SETS = "filter-sets-msrresnet-x2";
	static final String SRCNN_TARGET = "srcnn-x2-target";
	static final String SRCNN_FILTER_SETS = "filter-sets-srcnn-x2";

	private DemoSteps() {}

	static FaigCommand run(final CommandService commands, final Class<? extends FaigCommand> c,
		final Object... inputs) throws Exception
	{
		final FaigCommand m = FaigCommand.run(commands.context(), c, inputs);
		if (m.isCanceled()) throw new IllegalStateException(m.getCancelReason());
		return m;
	}

	/** The degraded stack of a photo written by step 1, slice per variant (clean, blur, noise, blur+noise). */
	static ImagePlus degraded(final File degradedDir, final File photo) {
		return ImageFiles.open(new File(degradedDir, ImageFiles.baseName(photo.getName()) + "_degraded.tif"), "demo");
	}

	static void superResolve(final CommandService commands, final File[] photos, final File degradedDir,
		final File out, final PrintStream o) throws Exception
	{
		o.println();
		o.println("2. Blind super-resolution of the degraded images (PSNR in dB against the ground truth)");
		o.println(String.format(Locale.ROOT, "   %-16s %-22s %8s %8s %8s %10s", "image", "model", "clean", "blur",
			"noise", "blur+noise"));
		final Degrader d = new Degrader(DegradationParams.defaults());
		for (final File photo : photos) {
			final FloatImage gt = d.groundTruth(ImagePlusBridge.toFloatImages(ImageFiles.open(photo, "photo")).get(0));
			for (final String model : new String[] { BASELINE, TARGET }) {
				final ImagePlus sr = (ImagePlus) run(commands, BlindSuperResolutionCommand.class, "image", degraded(
					degradedDir, photo), "model", model, "output_dir", out).getOutput("super_resolved");
				final List<FloatImage> v = ImagePlusBridge.toFloatImages(sr);
				final StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "   %-16s %-22s", photo.getName(),
					model));
				for (final FloatImage x : v) s.append(String.format(Locale.ROOT, " %8.2f", ImageMetrics.psnr8(x, gt, 2)));
				o.println(s);
			}
		}
		o.println("   wrote " + out.getPath() + "/<name>_degraded_x2_<model>.tif");
	}

	static void computeFilters(final CommandService commands, final File images, final File out,
		final PrintStream o) throws Exception
	{
		o.println();
		o.println("3. FAIG filter sets of " + BASELINE + " -> " + TARGET + " (4 photos x 2 crops of 48x48, N = 20 " +
			"trapezoid)");
		final long t0 = System.nanoTime();
		final FaigCommand m = run(commands, ComputeFiltersCommand.class, "baseline_model", BASELINE,
			"target_model", TARGET, "input_dir", images, "steps", 20, "quadrature", "trapezoid", "crop_size", 48,
			"crops", 2, "seed", 1L, "percent", 1.0, "output_dir", out);
		final ResultsTable top = (ResultsTable) m.getOutput("top_filters");
		final ResultsTable c = (ResultsTable) m.getOutput("completeness");
		double err = 0;
		for (int r = 0; r < c.size(); r++) err += c.getValue("relative_error_percent", r);
		o.println(String.format(Locale.ROOT, "   %d top-1%% filters per degradation; completeness error mean %.3f %%; " +
			"%.0f s", top.size() / 2, err / c.size(), (System.nanoTime() - t0) / 1e9));
		for (final String deg : new String[] { "blur", "noise" }) {
			final StringBuilder s = new StringBuilder("   top " + deg + " filters:");
			int shown = 0;
			for (int r = 0; r < top.size() && shown < 3; r++) {
				if (!top.getStringValue("degradation", r).equals(deg)) continue;
				s.append(String.format(Locale.ROOT, " %s[%d,%d]", top.getStringValue("layer", r), (int) top.getValue("out",
					r), (int) top.getValue("in", r)));
				shown++;
			}
			o.println(s);
		}
		o.println("   wrote " + out.getPath() + "/blur_index.txt, noise_index.txt, top_filters.csv, filter_positions.png");
	}

	static void mask(final CommandService commands, final File[] photos, final File degradedDir, final File sets,
		final File out, final PrintStream o) throws Exception
	{
		o.println();
		o.println("4. Masking the 1% deblurring / denoising filters (gradient-map metric x1e-3 vs the target, " +
			"luminance)");
		o.println(String.format(Locale.ROOT, "   %-16s %-16s %12s %12s", "image", "mask", "blurry input",
			"noisy input"));
		for (final File photo : photos) {
			final ImagePlus deg = degraded(degradedDir, photo);
			final ImageStack st = new ImageStack(deg.getWidth(), deg.getHeight());
			st.addSlice("blur", deg.getStack().getProcessor(2));
			st.addSlice("noise", deg.getStack().getProcessor(3));
			final ImagePlus inputs = new ImagePlus(ImageFiles.baseName(photo.getName()) + "_blur_noise", st);
			for (final String mask : new String[] { "blur", "noise" }) {
				final ResultsTable t = (ResultsTable) run(commands, MaskFiltersCommand.class, "image", inputs,
					"baseline_model", BASELINE, "target_model", TARGET, "filter_file", new File(sets, mask + "_index.txt"),
					"percent", 1.0, "output_dir", mkdirs(new File(out, mask + "-mask"))).getOutput("metrics");
				// Rows per slice: target, masked, baseline.
				o.println(String.format(Locale.ROOT, "   %-16s %-16s %12.3f %12.3f", photo.getName(), mask.equals("blur")
					? "deblurring 1%" : "denoising 1%", t.getValue("gradient_metric_vs_target", 1), t.getValue(
						"gradient_metric_vs_target", 4)));
			}
		}
		o.println("   wrote " + out.getPath() + "/{blur,noise}-mask/<name>_mask.tif (target, masked, baseline)");
	}

	static void predict(final CommandService commands, final File[] photos, final File degradedDir, final File out,
		final PrintStream o) throws Exception
	{
		o.println();
		o.println("5. Predicting the degradation of the degraded images (shipped filter sets and thresholds)");
		final int[][] conf = new int[4][4];
		final List<String[]> rows = new ArrayList<>();
		for (final File photo : photos) {
			final ResultsTable t = (ResultsTable) run(commands, PredictDegradationCommand.class, "image", degraded(
				degradedDir, photo), "filter_sets", FILTER_SETS).getOutput("predictions");
			for (int r = 0; r < t.size(); r++) {
				final Degradation truth = Degradation.values()[r];
				final Degradation said = Degradation.parse(t.getStringValue("decision", r));
				conf[truth.ordinal()][said.ordinal()]++;
				rows.add(new String[] { photo.getName(), truth.label(), String.format(Locale.ROOT, "%.4f", t.getValue(
					"os_blur", r)), String.format(Locale.ROOT, "%.4f", t.getValue("os_noise", r)), said.label() });
			}
		}
		Csv.write(new File(out, "predictions.csv"), List.of("image", "true", "os_blur", "os_noise", "predicted"), rows);
		o.println("   confusion matrix (rows: true, columns: predicted)");
		o.println(String.format(Locale.ROOT, "   %-12s %8s %8s %8s %10s", "", "clean", "blur", "noise", "blur+noise"));
		int ok = 0;
		for (final Degradation t : Degradation.values()) {
			o.println(String.format(Locale.ROOT, "   %-12s %8d %8d %8d %10d", t.label(), conf[t.ordinal()][0],
				conf[t.ordinal()][1], conf[t.ordinal()][2], conf[t.ordinal()][3]));
			ok += conf[t.ordinal()][t.ordinal()];
		}
		o.println(String.format(Locale.ROOT, "   %d of %d correct; wrote %s/predictions.csv", ok, 4 * photos.length,
			out.getPath()));
	}

	/** A photo whose left half is blurry and right half noisy, mapped tile by tile. */
	static void map(final CommandService commands, final File photo, final File degradedDir, final File out,
		final PrintStream o) throws Exception
	{
		final ImagePlus deg = degraded(degradedDir, photo);
		final int w = deg.getWidth();
		final int h = deg.getHeight();
		final ColorProcessor mixed = (ColorProcessor) deg.getStack().getProcessor(3).duplicate();
		final ImageProcessor blur = deg.getStack().getProcessor(2);
		for (int y = 0; y < h; y++) for (int x = 0; x < w / 2; x++) mixed.set(x, y, blur.get(x, y));
		final ImagePlus imp = new ImagePlus(ImageFiles.baseName(photo.getName()) + "_left_blur_right_noise", mixed);
		ImageFiles.save(imp, new File(out, imp.getTitle() + ".png"));
		final int tile = 32;
		final ResultsTable t = (ResultsTable) run(commands, DegradationMapCommand.class, "image",
			imp, "filter_sets", FILTER_SETS, "tile_size", tile, "output_dir", out).getOutput("tiles");
		o.println();
		o.println("6. Degradation map of " + imp.getTitle() + " (" + w + "x" + h + ", tiles of " + tile + " px; " +
			"left half blurred, right half noisy)");
		final int cols = (int) t.getValue("tile_x", t.size() - 1) + 1;
		int ok = 0;
		for (int r = 0; r < t.size(); r += cols) {
			final StringBuilder s = new StringBuilder("   ");
			for (int c = 0; c < cols; c++) {
				final String d = t.getStringValue("decision", r + c);
				s.append(String.format(Locale.ROOT, "%-11s", d));
				final double centre = t.getValue("x", r + c) + tile / 2.0;
				final boolean left = centre < w / 2.0;
				final Degradation said = Degradation.parse(d);
				if (left ? said.hasBlur() && !said.hasNoise() : said.hasNoise()) ok++;
			}
			o.println(s);
		}
		o.println(String.format(Locale.ROOT, "   %d of %d tiles agree with their half (blur left, noise right); wrote " +
			"%s/%s_degradation_map.png", ok, t.size(), out.getPath(), imp.getTitle()));
	}

	/** Deep degradation representations of the baseline and the target, by layer. */
	static void representations(final CommandService commands, final File images, final File out,
		final PrintStream o) throws Exception
	{
		final ResultsTable t = (ResultsTable) run(commands, DegradationRepresentationsCommand.class, "model", BASELINE,
			"comparison", TARGET,
			"input_dir", images, "classes", "clean;blur:2;noise:0.1", "patch_size", 32, "patches", 8, "sweep_layers",
			true, "components", 20, "seed", 1L, "output_dir", out).getOutput("representations");
		o.println();
		o.println("7. Deep degradation representations (clean / blur 2 / noise 0.1, 4 photos x 8 patches of 32x32)");
		o.println(String.format(Locale.ROOT, "   %-22s %-12s %10s %16s", "model", "layer", "CHI (PCA)",
			"held-out ident."));
		for (int r = 0; r < t.size(); r++) {
			o.println(String.format(Locale.ROOT, "   %-22s %-12s %10.1f %16.2f", t.getStringValue("model", r), t
				.getStringValue("layer", r), t.getValue("chi_pca", r), t.getValue("identification_accuracy_heldout", r)));
		}
		o.println("   wrote " + out.getPath() + "/embedding.png, chi_by_depth.png, representations.csv");
	}

	/**
	 * The SRCNN-style pair, briefly: where its shipped top-1 % filters sit, layer by layer, and the prediction of one
	 * degraded image with its shipped filter sets (named, as a user would: {@code filter_sets=filter-sets-srcnn-x2}).
	 */
	static void srcnnPair(final CommandService commands, final File photo, final File degradedDir, final File out,
		final PrintStream o) throws Exception
	{
		final File dir = ModelLocator.resolve(SRCNN_FILTER_SETS, "filter_sets");
		final FilterIndex fi = FilterIndex.of(ModelLocator.load(SRCNN_TARGET, "model").spec());
		final FilterSets sets = FilterSets.read(dir, fi.filterCount());
		o.println();
		o.println("8. The SRCNN-style pair (" + sets.baselineModel() + " -> " + sets.targetModel() + "): shipped " +
			SRCNN_FILTER_SETS + ", top 1 % per layer (deblurring / denoising)");
		final int[][] counts = new int[2][fi.layers().size()];
		for (int d = 0; d < 2; d++) {
			for (final int i : sets.ranking(d == 0 ? Degradation.BLUR : Degradation.NOISE).top(1.0)) {
				counts[d][fi.filter(i).layer()]++;
			}
		}
		final StringBuilder s = new StringBuilder("  ");
		for (int l = 0; l < fi.layers().size(); l++) {
			s.append(String.format(Locale.ROOT, " %s %d/%d", fi.layers().get(l).name(), counts[0][l], counts[1][l]));
		}
		o.println(s);
		// One image: the noisy slice of the photo's degraded stack.
		final ImagePlus deg = degraded(degradedDir, photo);
		final ImagePlus noisy = new ImagePlus(ImageFiles.baseName(photo.getName()) + "_noise", deg.getStack()
			.getProcessor(3));
		final ResultsTable t = (ResultsTable) run(commands, PredictDegradationCommand.class, "image", noisy,
			"filter_sets", SRCNN_FILTER_SETS, "output_dir", out).getOutput("predictions");
		o.println(String.format(Locale.ROOT, "   %s (true: noise): OS_blur %.3f (T %.3f), OS_noise %.3f (T %.3f) -> %s, " +
			"%.1f s", noisy.getTitle(), t.getValue("os_blur", 0), t.getValue("t_blur", 0), t.getValue("os_noise", 0), t
				.getValue("t_noise", 0), t.getStringValue("decision", 0), t.getValue("seconds", 0)));
		o.println("   wrote " + out.getPath() + "/predictions.csv");
	}

	static File mkdirs(final File f) {
		return Demo.mkdirs(f);
	}
}
