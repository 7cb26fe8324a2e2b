package io.github.faig.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.github.faig.attribution.FaigEngine;
import io.github.faig.attribution.FilterIndex;
import io.github.faig.attribution.Quadrature;
import io.github.faig.attribution.Ranking;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.degrade.Degrader;
import io.github.faig.degrade.GaussianBlur;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.image.CropPositions;
import io.github.faig.image.FloatImage;
import io.github.faig.masking.FilterMasking;
import io.github.faig.masking.GradientMapMetric;
import io.github.faig.nn.io.ModelLocator;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.prediction.CalibrateThresholds;
import io.github.faig.prediction.CalibrationOptions;
import io.github.faig.prediction.DegradationPredictor;
import io.github.faig.prediction.LabelledInputs;
import io.github.faig.prediction.OverlapScore;
import io.github.faig.prediction.Reblur;
import io.github.faig.prediction.ThresholdFit;
import io.github.faig.prediction.Thresholds;
import io.github.faig.sr.SrModel;
import io.github.faig.workflow.Monitor;

/**
 * Read-outs for the blur decision on noisy inputs (RESULTS.md §3, "Blur under noise"), on exactly the inputs of FAIG
 * Calibrate Thresholds with its defaults (2 LR crops of 64×64 per photograph in the four classes, seed 0, trapezoid
 * N = 20, top 1 %, the target's output as pseudo ground truth). Per input it writes one CSV row:
 * <ul>
 * <li>{@code os_blur}, {@code os_noise}: the paper's overlap scores (the reference rule);</li>
 * <li>{@code os_bun}: the overlap with a third filter set, blur under noise: Eq. 7 with blur+noise against noise
 * (FAIG_i = mean over discovery crops of S_i(x^{blur+noise}) − S_i(x^{noise}), the same noise on both), top 1 %;</li>
 * <li>{@code m_blur}: the masking response, the gradient-map metric between the target's output and the output of
 * the target with its top-1 % deblurring filters masked (what the deblurring filters add to this input);</li>
 * <li>{@code reblur}: {@link Reblur#ratio} of the target's output (the input denoised by the target) with the
 * degradation's blur kernel;</li>
 * <li>the seconds of the FAIG scoring and of the re-blur read-out.</li>
 * </ul>
 * {@code tools/blur_under_noise.py} calibrates each rule's thresholds on the calibration rows and scores the
 * held-out rows. The third set is computed once into {@code third-set-dir} (its ranking, one filter per line, best
 * first, and how it was made) and read from there when present.
 *
 * <pre>
 * scripts/benchmark.sh BlurUnderNoise [filter-sets] [discovery-dir] [calibration-dir] [test-dir] [out.csv] [third-set-dir]
 * scripts/benchmark.sh BlurUnderNoise - - - - [out.csv] - results/filters/calibration_scores.csv   (no FAIG: OS from that file)
 * scripts/benchmark.sh BlurUnderNoise thresholds [scores.csv]      (what Calibrate Thresholds stores from its rows)
 * scripts/benchmark.sh BlurUnderNoise photos [filter-sets] [calibration-dir] [test-dir] [out.csv] [crop-size, 0: whole]
 * </pre>
 */
public final class BlurUnderNoise {

	/** The third set's discovery: crops of Compute Filters' defaults, fewer path steps (trapezoid N = 20). */
	private static final int CROP = 64;
	private static final int CROPS = 4;
	private static final int STEPS = 20;
	private static final long SEED = 0;

	public static void main(final String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("thresholds")) {
			thresholds(new File(arg(args, 1, "results/prediction/blur_under_noise_scores.csv")));
			return;
		}
		if (args.length > 0 && args[0].equals("write-photos")) {
			writePhotos(new File(arg(args, 1, "data/sets/test")), new File(args[2]), args.length > 3 ? Integer.parseInt(
				args[3]) : Integer.MAX_VALUE);
			return;
		}
		if (args.length > 0 && args[0].equals("photos")) {
			photos(Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		final File setsDir = ModelLocator.resolve(arg(args, 0, "filter-sets-msrresnet-x2"), "filter_sets");
		final File discovery = new File(arg(args, 1, "data/sets/discovery"));
		final File cal = new File(arg(args, 2, "data/sets/calibration"));
		final File test = new File(arg(args, 3, "data/sets/test"));
		final File out = new File(arg(args, 4, "results/prediction/blur_under_noise_scores.csv"));
		final File thirdDir = new File(arg(args, 5, "results/prediction/blur-under-noise-set"));
		// OS_blur and OS_noise from a Calibrate Thresholds scores file instead of new attributions: no FAIG at all
		final java.util.Map<String, double[]> given = args.length > 6 ? readScores(new File(args[6])) : null;
		try (CalibrateThresholds first = new CalibrateThresholds(setsDir, null, null, CalibrationOptions.defaults())) {
			final ModelPackage t = first.models().target();
			final FilterIndex filters = FilterIndex.of(t.spec());
			final DegradationParams params = first.models().sets().params();
			final int[] thirdTop = given != null ? null : thirdSet(first.models().engine(), params, discovery, thirdDir).top(
				1.0);
			final FilterMasking fm = new FilterMasking(first.models().baseline().weights(), t.weights(), filters);
			final GaussianBlur blur = new GaussianBlur(params.blurSigma(), params.kernelSize());
			try (SrModel tgt = SrModel.load(t); SrModel masked = SrModel.of(t.spec(), fm.mask(first.models().sets()
				.ranking(Degradation.BLUR).top(1.0)), "deblurring-masked"); SrModel base = SrModel.load(first.models()
					.baseline()))
			{
				out.getAbsoluteFile().getParentFile().mkdirs();
				try (PrintStream p = new PrintStream(out, StandardCharsets.UTF_8)) {
					p.println("set,input,label,os_blur,os_noise,os_bun,m_blur,reblur,faig_seconds,reblur_seconds,reblur_half,reblur_double,m2_blur,m2_base,gain2,second_seconds");
					final List<ThresholdFit.Sample> c = score(first, tgt, masked, base, new Degrader(params, false), blur, thirdTop, given, cal,
						CalibrateThresholds.CALIBRATION, p);
					score(first, tgt, masked, base, new Degrader(params, false), blur, thirdTop, given, test, CalibrateThresholds.TEST, p);
					// what FAIG Calibrate Thresholds stores from these calibration scores (T_reblur included)
					final Thresholds th = ThresholdFit.calibrate(c);
					System.out.printf(Locale.ROOT, "calibrated thresholds: T_blur %s, T_noise %s, T_reblur %s%n", th.blur(),
						th.noise(), th.reblur());
				}
				System.out.println("wrote " + out);
			}
		}
	}

	/**
	 * The re-blur read-out of whole photographs, noisy and blurry+noisy (the noise decision taken as right): each
	 * photograph of the calibration and test folders degraded as Calibrate Thresholds degrades it (the same seeds),
	 * restored whole by the target, read; or 2 LR crops of a given size of each. {@code photos [filter-sets]
	 * [calibration-dir] [test-dir] [out.csv] [crop-size]}
	 */
	private static void photos(final String[] args) throws Exception {
		final File setsDir = ModelLocator.resolve(arg(args, 0, "filter-sets-msrresnet-x2"), "filter_sets");
		final File cal = new File(arg(args, 1, "data/sets/calibration"));
		final File test = new File(arg(args, 2, "data/sets/test"));
		final File out = new File(arg(args, 3, "results/prediction/blur_under_noise_photos.csv"));
		// crop size 0: whole photographs; else 2 LR crops of that size per photograph, as Calibrate Thresholds crops
		final int crop = Integer.parseInt(arg(args, 4, "0"));
		final CalibrationOptions whole = new CalibrationOptions(1.0, 20, Quadrature.TRAPEZOID,
			DegradationPredictor.PseudoTruth.TARGET, crop, crop == 0 ? 1 : 2, CalibrationOptions.defaults()
				.degradation());
		try (CalibrateThresholds c = new CalibrateThresholds(setsDir, null, null, whole); SrModel tgt = SrModel.load(c
			.models().target()))
		{
			final DegradationParams params = c.models().sets().params();
			final GaussianBlur blur = new GaussianBlur(params.blurSigma(), params.kernelSize());
			out.getAbsoluteFile().getParentFile().mkdirs();
			// a set already in the file is kept (a run stopped after the held-out photographs goes on with the rest)
			final List<String> done = out.isFile() ? Files.readAllLines(out.toPath()) : List.of();
			try (PrintStream p = new PrintStream(new java.io.FileOutputStream(out, !done.isEmpty()), true,
				StandardCharsets.UTF_8))
			{
				if (done.isEmpty()) p.println("set,photo,label,width,height,reblur,seconds");
				// the held-out photographs first: the calibration ones only fit a threshold of their own
				for (final String set : new String[] { CalibrateThresholds.TEST, CalibrateThresholds.CALIBRATION }) {
					if (done.stream().anyMatch(l -> l.startsWith(set + ","))) continue;
					final List<String> names = new ArrayList<>();
					final List<FloatImage> gts = read(set.equals(CalibrateThresholds.TEST) ? test : cal, names);
					for (final LabelledInputs.Input x : c.inputs(gts, names)) {
						if (!x.label().hasNoise()) continue;
						final long t0 = System.nanoTime();
						final FloatImage y = tgt.superResolve(x.lr(), 128, -1, Monitor.NONE);
						final double rb = Reblur.ratioOrNaN(y, blur);
						p.printf(Locale.ROOT, "%s,%s,%s,%d,%d,%.6f,%.3f%n", set, x.name(), x.label().label(), x.lr().width(),
							x.lr().height(), rb, (System.nanoTime() - t0) / 1e9);
						p.flush();
						System.err.printf(Locale.ROOT, "photos: %s %s %s%n", set, x.name(), x.label().label());
					}
				}
			}
			System.out.println("wrote " + out);
		}
	}

	/**
	 * The thresholds FAIG Calibrate Thresholds stores for the calibration rows of a scores file ({@code thresholds
	 * [scores.csv]}): {@link ThresholdFit#calibrate}, T_reblur included, on its OS_blur, OS_noise and re-blur.
	 */
	private static void thresholds(final File csv) throws IOException {
		final List<ThresholdFit.Sample> c = new ArrayList<>();
		final List<String> lines = Files.readAllLines(csv.toPath());
		final List<String> head = Arrays.asList(lines.get(0).split(","));
		for (final String l : lines.subList(1, lines.size())) {
			final String[] f = l.split(",");
			if (!f[head.indexOf("set")].equals(CalibrateThresholds.CALIBRATION)) continue;
			c.add(new ThresholdFit.Sample(Degradation.parse(f[head.indexOf("label")]), new DegradationPredictor.Scores(
				Double.parseDouble(f[head.indexOf("os_blur")]), Double.parseDouble(f[head.indexOf("os_noise")]), Double
					.parseDouble(f[head.indexOf("reblur")]), 0)));
		}
		final Thresholds th = ThresholdFit.calibrate(c);
		System.out.printf(Locale.ROOT, "calibrated thresholds (%d calibration rows of %s): T_blur %s, T_noise %s, " +
			"T_reblur %s%n", c.size(), csv, th.blur(), th.noise(), th.reblur());
	}

	/**
	 * OS_blur, OS_noise and seconds by "set,input,label" from a Calibrate Thresholds scores file (its set "held-out
	 * test" read as test; inputs named without the file extension, as that table names them).
	 */
	private static java.util.Map<String, double[]> readScores(final File csv) throws IOException {
		final java.util.Map<String, double[]> out = new java.util.HashMap<>();
		final List<String> lines = Files.readAllLines(csv.toPath());
		final List<String> head = Arrays.asList(lines.get(0).split(","));
		for (final String l : lines.subList(1, lines.size())) {
			final String[] f = l.split(",");
			final String set = f[head.indexOf("set")].equals(CalibrateThresholds.CALIBRATION) ? CalibrateThresholds
				.CALIBRATION : CalibrateThresholds.TEST;
			out.put(set + "," + f[head.indexOf("input")] + "," + f[head.indexOf("label")], new double[] { Double
				.parseDouble(f[head.indexOf("os_blur")]), Double.parseDouble(f[head.indexOf("os_noise")]), Double
					.parseDouble(f[head.indexOf("seconds")]) });
		}
		return out;
	}

	/**
	 * The noisy and blurry+noisy LR versions of the {@code count} smallest photographs of a folder, as the photos mode
	 * degrades them (the same seeds), written as 8-bit PNGs for Predict Degradation:
	 * {@code write-photos [dir] out-dir [count]}.
	 */
	private static void writePhotos(final File dir, final File out, final int count) throws IOException {
		final List<String> names = new ArrayList<>();
		final List<FloatImage> gts = read(dir, names);
		final Integer[] order = new Integer[gts.size()];
		for (int i = 0; i < order.length; i++) order[i] = i;
		Arrays.sort(order, (a, b) -> Long.compare((long) gts.get(a).width() * gts.get(a).height(), (long) gts.get(b)
			.width() * gts.get(b).height()));
		out.mkdirs();
		final DegradationParams p = CalibrationOptions.defaults().degradation().params(2);
		for (int k = 0; k < Math.min(count, order.length); k++) {
			final int i = order[k];
			for (final LabelledInputs.Input x : LabelledInputs.of(i, gts.get(i), names.get(i), p, CalibrationOptions
				.defaults().degradation().seed(), 0, 1)) {
				if (!x.label().hasNoise()) continue;
				final String base = names.get(i).replaceFirst("\\.[A-Za-z]+$", "");
				final File f = new File(out, base + "_" + (x.label().hasBlur() ? "blur_noise" : "noise") + ".png");
				ImageFiles.save(ImagePlusBridge.toImagePlus(base, List.of(x.lr()), null, ImagePlusBridge.OutputType.BYTE,
					null), f);
				System.out.println("wrote " + f);
			}
		}
	}

	private static String arg(final String[] args, final int i, final String dflt) {
		return args.length > i && !args[i].equals("-") ? args[i] : dflt;
	}

	private static List<FloatImage> read(final File dir, final List<String> names) throws IOException {
		final File[] files = dir.listFiles((d, n) -> n.toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g|tiff?)$"));
		if (files == null || files.length == 0) throw new IOException("no images in " + dir);
		Arrays.sort(files);
		final List<FloatImage> gts = new ArrayList<>();
		for (final File f : files) {
			gts.add(ImagePlusBridge.toFloatImages(ImageFiles.open(f, "photo")).get(0).asRgb());
			names.add(f.getName());
		}
		return gts;
	}

	/** The blur-under-noise ranking: read from {@code dir}, or computed on the discovery images and written there. */
	private static Ranking thirdSet(final FaigEngine engine, final DegradationParams params, final File discovery,
		final File dir) throws IOException
	{
		final File index = new File(dir, "blur_noise_index.txt");
		if (index.isFile()) {
			final int[] order = Files.readAllLines(index.toPath()).stream().filter(l -> !l.isBlank()).mapToInt(
				Integer::parseInt).toArray();
			System.err.println("third set read from " + index);
			return Ranking.ofOrder(order);
		}
		final long t0 = System.nanoTime();
		final List<String> names = new ArrayList<>();
		final List<FloatImage> gts = read(discovery, names);
		final Degrader d = new Degrader(params);
		final int s = params.scale();
		final double[] sum = new double[engine.filters().filterCount()];
		int inputs = 0;
		for (int i = 0; i < gts.size(); i++) {
			final FloatImage gt = d.groundTruth(gts.get(i));
			// the same noise field on both: the difference is the blur under it
			final FloatImage bn = d.degrade(gt, Degradation.BLUR_NOISE, SEED + i);
			final FloatImage n = d.degrade(gt, Degradation.NOISE, SEED + i);
			final CropPositions pos = new CropPositions(SEED, CropPositions.DISCOVERY, i, n.width(), n.height(), CROP,
				"image " + names.get(i));
			for (int c = 0; c < CROPS; c++) {
				final int[] yx = pos.next();
				final FloatImage gtc = gt.crop(yx[0] * s, yx[1] * s, CROP * s, CROP * s);
				final float[] a = engine.attribute(bn.crop(yx[0], yx[1], CROP, CROP), gtc, Quadrature.TRAPEZOID, STEPS)
					.scores();
				final float[] b = engine.attribute(n.crop(yx[0], yx[1], CROP, CROP), gtc, Quadrature.TRAPEZOID, STEPS)
					.scores();
				for (int k = 0; k < sum.length; k++) sum[k] += a[k] - b[k];
				inputs++;
				System.err.printf(Locale.ROOT, "third set: %s#%d (%d of %d)%n", names.get(i), c + 1, inputs, gts.size() *
					CROPS);
			}
		}
		final float[] mean = new float[sum.length];
		for (int k = 0; k < sum.length; k++) mean[k] = (float) (sum[k] / inputs);
		final Ranking r = Ranking.of(mean);
		dir.mkdirs();
		try (PrintStream p = new PrintStream(index, StandardCharsets.UTF_8)) {
			for (final int f : r.order()) p.println(f);
		}
		try (PrintStream p = new PrintStream(new File(dir, "README.md"), StandardCharsets.UTF_8)) {
			p.printf(Locale.ROOT, "Blur-under-noise filter ranking (Eq. 7 with blur+noise against noise, same noise " +
				"field): %d discovery images of %s, %d LR crops of %d, seed %d, trapezoid N = %d, %d filters, %.0f s.%n" +
				"Made by: scripts/benchmark.sh BlurUnderNoise (with this folder absent).%n", gts.size(), discovery, CROPS,
				CROP, SEED, STEPS, sum.length, (System.nanoTime() - t0) / 1e9);
		}
		return r;
	}

	private static List<ThresholdFit.Sample> score(final CalibrateThresholds first, final SrModel tgt, final SrModel masked,
		final SrModel base, final Degrader clean, final GaussianBlur blur, final int[] thirdTop, final java.util.Map<String, double[]> given, final File dir,
		final String set, final PrintStream p)
		throws IOException
	{
		final List<String> names = new ArrayList<>();
		final List<FloatImage> gts = read(dir, names);
		int done = 0;
		final List<ThresholdFit.Sample> samples = new ArrayList<>();
		for (final LabelledInputs.Input x : first.inputs(gts, names)) {
			final double osBlur;
			final double osNoise;
			final double osBun;
			final double faigSeconds;
			if (given == null) {
				final CalibrateThresholds.Score s = first.score(x, set, Monitor.NONE);
				osBlur = s.scores().blur();
				osNoise = s.scores().noise();
				osBun = OverlapScore.of(thirdTop, Ranking.of(s.filterScores()).top(1.0));
				faigSeconds = s.scores().seconds();
			}
			else {
				final String key = set + "," + x.name().replaceFirst("\\.[A-Za-z]+(#\\d+)?$", "$1") + "," + x.label().label();
				final double[] v = given.get(key);
				if (v == null) throw new IOException("no scores for " + key);
				osBlur = v[0];
				osNoise = v[1];
				osBun = Double.NaN;
				faigSeconds = v[2];
			}
			final FloatImage yt = tgt.superResolve(x.lr(), 1 << 16, 0, Monitor.NONE);
			final long t0 = System.nanoTime();
			final double rb = Reblur.ratio(yt, blur);
			final double rbSeconds = (System.nanoTime() - t0) / 1e9;
			final double r1 = Reblur.ratioOrNaN(yt, new GaussianBlur(blur.sigma() / 2, 11));
			final double r4 = Reblur.ratioOrNaN(yt, new GaussianBlur(blur.sigma() * 2, 41));
			final FloatImage ym = masked.superResolve(x.lr(), 1 << 16, 0, Monitor.NONE);
			// second pass: the target's output (the input denoised, its blur left) taken back to LR as a clean input
			// is, and restored again; what the deblurring filters (or the target over the baseline) add to it then
			final long t1 = System.nanoTime();
			final FloatImage x2 = clean.degrade(yt, Degradation.CLEAN, 0);
			final FloatImage y2 = tgt.superResolve(x2, 1 << 16, 0, Monitor.NONE);
			final double m2 = GradientMapMetric.metric(masked.superResolve(x2, 1 << 16, 0, Monitor.NONE), y2,
				GradientMapMetric.Channel.LUMINANCE);
			final double m2b = GradientMapMetric.metric(base.superResolve(x2, 1 << 16, 0, Monitor.NONE), y2,
				GradientMapMetric.Channel.LUMINANCE);
			final double gain2 = Reblur.edgeEnergy(y2, 8) / Reblur.edgeEnergy(yt, 8);
			final double secondSeconds = (System.nanoTime() - t1) / 1e9;
			p.printf(Locale.ROOT, "%s,%s,%s,%.6f,%.6f,%.6f,%.6f,%.6f,%.3f,%.4f,%.6f,%.6f,%.6f,%.6f,%.6f,%.3f%n", set, x.name(),
				x.label().label(), osBlur, osNoise, osBun, GradientMapMetric.metric(ym, yt, GradientMapMetric.Channel.LUMINANCE),
				rb, faigSeconds, rbSeconds, r1, r4, m2, m2b, gain2, secondSeconds);
			p.flush();
			samples.add(new ThresholdFit.Sample(x.label(), new DegradationPredictor.Scores(osBlur, osNoise, rb,
				faigSeconds)));
			System.err.printf(Locale.ROOT, "%s %s %d/%s%n", set, x.name(), ++done, x.label().label());
		}
		return samples;
	}
}
