package io.github.faig.bench;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.faig.attribution.DegradationAttribution;
import io.github.faig.attribution.FaigRanking;
import io.github.faig.attribution.FilterIndex;
import io.github.faig.attribution.FilterSets;
import io.github.faig.attribution.FixedRanking;
import io.github.faig.attribution.Quadrature;
import io.github.faig.attribution.RandomRanking;
import io.github.faig.attribution.Ranking;
import io.github.faig.attribution.RankingMethod;
import io.github.faig.attribution.WeightDifferenceRanking;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationOptions;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.image.FloatImage;
import io.github.faig.masking.GradientMapMetric;
import io.github.faig.masking.Mask;
import io.github.faig.masking.MaskingExperiment;
import io.github.faig.nn.io.ModelPair;
import io.github.faig.workflow.Monitor;

/**
 * What moves the specificity of the top-1 % FAIG filters (a main, not a test): filter sets discovered with other
 * settings are masked at 1 % and compared with a random 1 %, on centre crops of the masking images (cheaper than
 * the whole images of FAIG Masking Experiment, the same protocol otherwise).
 *
 * <pre>
 * scripts/benchmark.sh MaskingStudy pair-prefix shipped-sets-dir eval-crop variant...
 *   shipped-sets-dir: a Compute Filters output folder, or - for none (overlaps are then with the first variant)
 *   variant = name=rule:N:images:crop_size:crops  (crop_size 0: whole images; images: the first n of
 *             data/sets/discovery); e.g. gl16=gauss-legendre:16:12:64:4
 * </pre>
 *
 * Prints, per filter set: the metric (x1e-3, luminance) of the deblurring and denoising masks on blurry and noisy
 * inputs, the ratios to the random 1 % on the matching inputs, the cross-effect fractions, the top-1 % overlap with
 * the shipped sets, the completeness error, the top-1 % filters per layer and the discovery time.
 */
public final class MaskingStudy {

	public static void main(final String... args) throws Exception {
		final String prefix = args[0];
		final File shipped = new File(args[1]);
		final int evalCrop = Integer.parseInt(args[2]);
		final ModelPair pair = ModelPair.load(prefix + "-baseline", prefix + "-target");
		final FilterIndex fi = FilterIndex.of(pair.target().spec());
		final DegradationOptions degradations = DegradationOptions.defaults();
		final File home = new File(System.getProperty("faig.home", "."));
		final List<String> discNames = new ArrayList<>();
		final List<FloatImage> disc = folder(new File(home, "data/sets/discovery"), discNames);
		final List<FloatImage> eval = folder(new File(home, "data/sets/masking"), new ArrayList<>());
		final List<RankingMethod> methods = new ArrayList<>();
		// "-": no shipped sets (overlaps are then against the first variant).
		FilterSets ship = null;
		if (!args[1].equals("-")) {
			ship = FilterSets.read(shipped, fi.filterCount());
			methods.add(FixedRanking.of("shipped", ship));
		}
		for (int a = 3; a < args.length; a++) {
			final String[] kv = args[a].split("=", 2);
			final String[] v = kv[1].split(":");
			final FaigRanking faig = new FaigRanking(Quadrature.parse(v[0]), Integer.parseInt(v[1]), Integer.parseInt(
				v[3]), Integer.parseInt(v[4]));
			final int images = Math.min(Integer.parseInt(v[2]), disc.size());
			final long t0 = System.nanoTime();
			final DegradationAttribution.Result r = faig.attribute(pair, new RankingMethod.Discovery(disc.subList(0,
				images), discNames.subList(0, images), degradations), Monitor.NONE);
			if (ship == null) ship = new FilterSets(r.blur(), r.noise(), "", "", degradations.params(pair.target().spec()
				.scale()));
			methods.add(new FixedRanking(kv[0], RankingMethod.rankings(r.blur(), r.noise())));
			System.out.println(kv[0] + ": " + String.format(Locale.ROOT, "%s N=%d, %d images, %s; %d inputs in %.0f s; " +
				"completeness mean %.2f %%, max %.1f %%; top-1%% overlap with shipped (or first) blur %.3f noise %.3f",
				faig.rule().label(), faig.steps(), images, faig.cropSize() > 0 ? faig.crops() + " crops of " + faig
					.cropSize() : "whole images", r.inputs().size(), (System.nanoTime() - t0) / 1e9, 100 * r
						.meanCompletenessError(), 100 * r.maxCompletenessError(), FaigBenchmark.overlap(ship.ranking(
							Degradation.BLUR).top(1), r.blur().top(1)), FaigBenchmark.overlap(ship.ranking(Degradation.NOISE)
								.top(1), r.noise().top(1))));
		}
		methods.add(new WeightDifferenceRanking());
		methods.add(new RandomRanking(0));
		final long t1 = System.nanoTime();
		final MaskingExperiment.Result res = new MaskingExperiment(pair, new MaskingExperiment.Options(methods,
			new double[] { 1 }, List.of(Mask.values()), List.of(Degradation.BLUR, Degradation.NOISE), degradations,
			evalCrop, GradientMapMetric.Channel.LUMINANCE)).run(eval, null, Monitor.NONE);
		System.out.println(String.format(Locale.ROOT, "masking: %s, %d masking images, centre LR crops of %dx%d, top 1 %%" +
			", %.0f s", pair.target().spec(), eval.size(), evalCrop, evalCrop, (System.nanoTime() - t1) / 1e9));
		final double rb = metric(res, "random", Mask.DEBLURRING, Degradation.BLUR);
		final double rn = metric(res, "random", Mask.DEBLURRING, Degradation.NOISE);
		System.out.println("set,deblur_on_blurry,deblur_on_noisy,denoise_on_blurry,denoise_on_noisy,deblur_x_random," +
			"denoise_x_random,deblur_cross_fraction,denoise_cross_fraction,top1_per_layer_blur,top1_per_layer_noise");
		for (final Map.Entry<String, Map<Degradation, Ranking>> k : res.rankings().entrySet()) {
			final double bb = metric(res, k.getKey(), Mask.DEBLURRING, Degradation.BLUR);
			final double bn = metric(res, k.getKey(), Mask.DEBLURRING, Degradation.NOISE);
			final double nb = metric(res, k.getKey(), Mask.DENOISING, Degradation.BLUR);
			final double nn = metric(res, k.getKey(), Mask.DENOISING, Degradation.NOISE);
			System.out.println(String.format(Locale.ROOT, "%s,%.3f,%.3f,%.3f,%.3f,%.1f,%.1f,%.3f,%.3f,%s,%s", k.getKey(),
				bb, bn, nb, nn, bb / rb, nn / rn, bn / bb, nb / nn, perLayer(fi, k.getValue().get(Degradation.BLUR)),
				perLayer(fi, k.getValue().get(Degradation.NOISE))));
		}
	}

	static double metric(final MaskingExperiment.Result r, final String method, final Mask mask, final Degradation in) {
		return r.cell(method, mask, in, 1).metricMean();
	}

	static String perLayer(final FilterIndex fi, final Ranking r) {
		final int[] counts = new int[fi.layers().size()];
		for (final int i : r.top(1)) counts[fi.filter(i).layer()]++;
		final StringBuilder s = new StringBuilder();
		for (final int c : counts) s.append(s.length() == 0 ? "" : " ").append(c);
		return s.toString();
	}

	static List<FloatImage> folder(final File dir, final List<String> names) {
		final File[] f = dir.listFiles((d, n) -> n.toLowerCase(Locale.ROOT).endsWith(".png"));
		Arrays.sort(f);
		final List<FloatImage> out = new ArrayList<>();
		for (final File x : f) {
			out.add(ImagePlusBridge.toFloatImages(ImageFiles.open(x, "image")).get(0).asRgb());
			names.add(ImageFiles.baseName(x.getName()));
		}
		return out;
	}
}
