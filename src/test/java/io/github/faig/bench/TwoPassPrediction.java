package io.github.faig.bench;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

import io.github.faig.attribution.FilterIndex;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.Downscale;
import io.github.faig.degrade.Quantization;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.image.FloatImage;
import io.github.faig.masking.FilterMasking;
import io.github.faig.nn.StateDict;
import io.github.faig.nn.io.ModelLocator;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.prediction.CalibrateThresholds;
import io.github.faig.prediction.CalibrationOptions;
import io.github.faig.prediction.DegradationPredictor;
import io.github.faig.prediction.LabelledInputs;
import io.github.faig.sr.SrModel;
import io.github.faig.workflow.Monitor;

/**
 * An experiment, not yet a feature (RESULTS.md §3): a second pass for the blur decision on noisy inputs. The target
 * with its top-1 % deblurring filters masked (baseline values put back) still denoises but no longer deblurs; its
 * output, block-averaged back to LR and quantised, is a denoised input whose blur is left in place, and its OS_blur
 * is the blur read-out for inputs the first pass calls noisy. Thresholds by balanced accuracy on the calibration
 * inputs (T_blur on clean vs blur, T_noise on all, the second-pass threshold on noise vs blur+noise), accuracy on
 * the held-out ones, with the same inputs as FAIG Calibrate Thresholds (64×64 LR crops, 2 per photograph, seed 0,
 * trapezoid N = 20, top 1 %, target output as pseudo ground truth).
 *
 * <pre>
 * scripts/benchmark.sh TwoPassPrediction [filter-sets] [calibration-dir] [test-dir]
 * </pre>
 */
public final class TwoPassPrediction {

	private record Row(Degradation label, double blur, double noise, double blur2) {}

	public static void main(final String[] args) throws Exception {
		final File setsDir = ModelLocator.resolve(args.length > 0 ? args[0] : "filter-sets-msrresnet-x2", "filter_sets");
		final File cal = new File(args.length > 1 ? args[1] : "data/sets/calibration");
		final File test = new File(args.length > 2 ? args[2] : "data/sets/test");
		// the first pass is calibration's own scoring, with its defaults (the settings above)
		try (CalibrateThresholds first = new CalibrateThresholds(setsDir, null, null, CalibrationOptions.defaults())) {
			final ModelPackage t = first.models().target();
			final FilterIndex filters = FilterIndex.of(t.spec());
			final StateDict masked = new FilterMasking(first.models().baseline().weights(), t.weights(), filters).mask(
				first.models().sets().ranking(Degradation.BLUR).top(1.0));
			final ModelPackage denoiser = new ModelPackage(t.spec(), t.name() + "-deblurring-masked", "other",
				"target with its top-1 % deblurring filters masked", t.license(), null, masked);
			try (SrModel dn = SrModel.load(denoiser)) {
				final List<Row> c = score(first, dn, cal);
				final List<Row> h = score(first, dn, test);
				report(c, h);
			}
		}
	}

	private static void report(final List<Row> c, final List<Row> h) {
		final double tBlur = best(c, r -> !r.label().hasNoise(), Row::blur, false);
		final double tNoise = best(c, r -> true, Row::noise, true);
		final double tBlur2 = best(c, r -> r.label().hasNoise(), Row::blur2, false);
		System.out.printf(Locale.ROOT, "thresholds (calibration): T_blur %.4f (clean vs blur), T_noise %.4f, " +
			"second-pass T_blur %.4f (noise vs blur+noise)%n", tBlur, tNoise, tBlur2);
		System.out.println("| class | inputs | mean OS_blur | mean OS_noise | mean second-pass OS_blur | " +
			"blur decision right (two-pass) |");
		System.out.println("| --- | --- | --- | --- | --- | --- |");
		int right = 0;
		int noiseRight = 0;
		for (final Degradation d : Degradation.values()) {
			int n = 0;
			int ok = 0;
			double sb = 0;
			double sn = 0;
			double s2 = 0;
			for (final Row r : h) {
				if (r.label() != d) continue;
				n++;
				sb += r.blur();
				sn += r.noise();
				s2 += r.blur2();
				final boolean noisy = r.noise() > tNoise;
				final boolean blurry = noisy ? r.blur2() > tBlur2 : r.blur() > tBlur;
				if (blurry == d.hasBlur()) ok++;
				if (noisy == d.hasNoise()) noiseRight++;
			}
			right += ok;
			System.out.printf(Locale.ROOT, "| %s | %d | %.4f | %.4f | %.4f | %d (%.0f %%) |%n", d.label(), n, sb / n,
				sn / n, s2 / n, ok, 100.0 * ok / n);
		}
		System.out.printf(Locale.ROOT, "held-out blur decision, two-pass: %.1f %% of %d; noise decision %.1f %%%n",
			100.0 * right / h.size(), h.size(), 100.0 * noiseRight / h.size());
	}

	private static List<Row> score(final CalibrateThresholds first, final SrModel denoiser, final File dir) {
		final List<FloatImage> gts = new ArrayList<>();
		final List<String> names = new ArrayList<>();
		final File[] files = dir.listFiles((d, n) -> n.toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g|tiff?)$"));
		Arrays.sort(files);
		for (final File f : files) {
			gts.add(ImagePlusBridge.toFloatImages(ImageFiles.open(f, "photo")).get(0).asRgb());
			names.add(f.getName());
		}
		final List<Row> out = new ArrayList<>();
		for (final LabelledInputs.Input x : first.inputs(gts, names)) {
			final DegradationPredictor.Scores s = first.score(x, dir.getName(), Monitor.NONE).scores();
			final FloatImage hr = denoiser.superResolve(x.lr(), 1 << 16, 0, Monitor.NONE);
			final DegradationPredictor.Scores s2 = first.predictor().scores(Quantization.to8Bit(Downscale.blockMean(hr,
				2)));
			out.add(new Row(x.label(), s.blur(), s.noise(), s2.blur()));
			System.err.printf(Locale.ROOT, "%s %s %d/%s%n", dir.getName(), x.name(), out.size(), x.label().label());
		}
		return out;
	}

	/** The midpoint threshold with the best balanced accuracy ("> t" means yes) on the selected rows. */
	private static double best(final List<Row> rows, final Predicate<Row> use,
		final ToDoubleFunction<Row> score, final boolean noiseDecision)
	{
		final List<Row> sel = rows.stream().filter(use).toList();
		final double[] v = sel.stream().mapToDouble(score).sorted().distinct().toArray();
		double bestT = v[0] - 1e-9;
		double bestAcc = -1;
		for (int i = 0; i <= v.length; i++) {
			final double t = i == 0 ? v[0] - 1e-9 : i == v.length ? v[v.length - 1] : (v[i - 1] + v[i]) / 2;
			int tp = 0;
			int pos = 0;
			int tn = 0;
			int neg = 0;
			for (final Row r : sel) {
				final boolean truth = noiseDecision ? r.label().hasNoise() : r.label().hasBlur();
				final boolean said = score.applyAsDouble(r) > t;
				if (truth) {
					pos++;
					if (said) tp++;
				}
				else {
					neg++;
					if (!said) tn++;
				}
			}
			final double acc = ((pos == 0 ? 1 : tp / (double) pos) + (neg == 0 ? 1 : tn / (double) neg)) / 2;
			if (acc > bestAcc + 1e-12) {
				bestAcc = acc;
				bestT = t;
			}
		}
		return bestT;
	}
}
