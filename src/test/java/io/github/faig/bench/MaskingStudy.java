package io.github.faig.bench;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.faig.attribution.DegradationAttribution;
import io.github.faig.attribution.FaigEngine;
import io.github.faig.attribution.FilterIndex;
import io.github.faig.attribution.FilterSets;
import io.github.faig.attribution.Quadrature;
import io.github.faig.attribution.Ranking;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.image.FloatImage;
import io.github.faig.masking.FilterMasking;
import io.github.faig.masking.GradientMapMetric;
import io.github.faig.masking.MaskingExperiment;
import io.github.faig.nn.io.ModelLocator;
import io.github.faig.nn.io.ModelPackage;

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
		final ModelPackage base = ModelLocator.load(prefix + "-baseline", "baseline_model");
		final ModelPackage tgt = ModelLocator.load(prefix + "-target", "target_model");
		final FilterIndex fi = FilterIndex.of(tgt.spec());
		final DegradationParams p = DegradationParams.defaults();
		final File home = new File(System.getProperty("faig.home", "."));
		final List<String> discNames = new ArrayList<>();
		final List<FloatImage> disc = folder(new File(home, "data/sets/discovery"), discNames);
		final List<FloatImage> eval = new ArrayList<>();
		for (final FloatImage hr : folder(new File(home, "data/sets/masking"), new ArrayList<>())) {
			final int s = 2 * evalCrop;
			eval.add(hr.crop((hr.height() - s) / 2 / 2 * 2, (hr.width() - s) / 2 / 2 * 2, s, s));
		}
		final Map<String, Ranking[]> rankings = new LinkedHashMap<>();
		final Map<String, String> notes = new LinkedHashMap<>();
		// "-": no shipped sets (overlaps are then against the first variant).
		FilterSets ship = null;
		if (!args[1].equals("-")) {
			ship = FilterSets.read(shipped, fi.filterCount());
			rankings.put("shipped", new Ranking[] { ship.ranking(Degradation.BLUR), ship.ranking(Degradation.NOISE) });
			notes.put("shipped", "sets of " + shipped);
		}
		try (FaigEngine e = new FaigEngine(tgt.spec(), base.weights(), tgt.weights())) {
			for (int a = 3; a < args.length; a++) {
				final String[] kv = args[a].split("=", 2);
				final String[] v = kv[1].split(":");
				final Quadrature q = Quadrature.parse(v[0]);
				final int n = Integer.parseInt(v[1]);
				final int images = Math.min(Integer.parseInt(v[2]), disc.size());
				final int crop = Integer.parseInt(v[3]);
				final int crops = Integer.parseInt(v[4]);
				final long t0 = System.nanoTime();
				final DegradationAttribution.Result r = new DegradationAttribution(e, p, 0, q, n, crop, crops).run(disc
					.subList(0, images), discNames.subList(0, images), null, null);
				if (ship == null) ship = new FilterSets(r.blur(), r.noise(), "", "", p);
				rankings.put(kv[0], new Ranking[] { r.blur(), r.noise() });
				notes.put(kv[0], String.format(Locale.ROOT, "%s N=%d, %d images, %s; %d inputs in %.0f s; completeness " +
					"mean %.2f %%, max %.1f %%; top-1%% overlap with shipped (or first) blur %.3f noise %.3f", q.label(), n, images, crop > 0
						? crops + " crops of " + crop : "whole images", r.inputs().size(), (System.nanoTime() - t0) / 1e9, 100 * r
							.meanCompletenessError(), 100 * r.maxCompletenessError(), FaigBenchmark.overlap(ship.ranking(
								Degradation.BLUR).top(1), r.blur().top(1)), FaigBenchmark.overlap(ship.ranking(Degradation.NOISE).top(
									1), r.noise().top(1))));
				System.out.println(kv[0] + ": " + notes.get(kv[0]));
			}
		}
		final Ranking diff = Ranking.of(new FilterMasking(base.weights(), tgt.weights(), fi).weightDifferenceScores());
		rankings.put("|theta-theta_bar|", new Ranking[] { diff, diff });
		final Ranking random = Ranking.of(FilterMasking.randomScores(fi.filterCount(), 0));
		rankings.put("random", new Ranking[] { random, random });
		final long t1 = System.nanoTime();
		final List<MaskingExperiment.Cell> cells = new MaskingExperiment(tgt.spec(), base.weights(), tgt.weights(), p,
			0, GradientMapMetric.Channel.LUMINANCE).run(rankings, new double[] { 1 }, eval, null, null);
		System.out.println(String.format(Locale.ROOT, "masking: %s, %d masking images, centre LR crops of %dx%d, top 1 %%" +
			", %.0f s", tgt.spec(), eval.size(), evalCrop, evalCrop, (System.nanoTime() - t1) / 1e9));
		final double rb = metric(cells, "random", "deblurring", Degradation.BLUR);
		final double rn = metric(cells, "random", "deblurring", Degradation.NOISE);
		System.out.println("set,deblur_on_blurry,deblur_on_noisy,denoise_on_blurry,denoise_on_noisy,deblur_x_random," +
			"denoise_x_random,deblur_cross_fraction,denoise_cross_fraction,top1_per_layer_blur,top1_per_layer_noise");
		for (final String k : rankings.keySet()) {
			final double bb = metric(cells, k, "deblurring", Degradation.BLUR);
			final double bn = metric(cells, k, "deblurring", Degradation.NOISE);
			final double nb = metric(cells, k, "denoising", Degradation.BLUR);
			final double nn = metric(cells, k, "denoising", Degradation.NOISE);
			System.out.println(String.format(Locale.ROOT, "%s,%.3f,%.3f,%.3f,%.3f,%.1f,%.1f,%.3f,%.3f,%s,%s", k, bb, bn, nb,
				nn, bb / rb, nn / rn, bn / bb, nb / nn, perLayer(fi, rankings.get(k)[0]), perLayer(fi, rankings.get(k)[1])));
		}
	}

	static double metric(final List<MaskingExperiment.Cell> cells, final String method, final String mask,
		final Degradation in)
	{
		for (final MaskingExperiment.Cell c : cells) {
			if (c.method().equals(method) && c.mask().equals(mask) && c.input() == in) return c.metricMean();
		}
		throw new IllegalStateException(method + " " + mask + " " + in);
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
