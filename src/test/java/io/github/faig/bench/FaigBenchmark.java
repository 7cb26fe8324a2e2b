package io.github.faig.bench;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.faig.attribution.ComputeFilters;
import io.github.faig.attribution.DegradationAttribution;
import io.github.faig.attribution.FaigEngine;
import io.github.faig.attribution.Quadrature;
import io.github.faig.attribution.Ranking;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationOptions;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.degrade.Degrader;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.image.FloatImage;
import io.github.faig.nn.Engines;
import io.github.faig.nn.SrNetwork;
import io.github.faig.nn.io.ModelLocator;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.nn.io.ModelPair;
import io.github.faig.workflow.Monitor;
import io.github.faig.train.HrDataset;

/**
 * Benchmarks of the FAIG engine on a sample pair (mains, not tests):
 *
 * <pre>
 * scripts/benchmark.sh FaigBenchmark overhead [pair-prefix]     FAIG step vs bare forward+backward, time per image
 * scripts/benchmark.sh FaigBenchmark memory [steps]             resident memory every 1000 steps
 * scripts/benchmark.sh FaigBenchmark quadrature [images]        rules at fewer steps vs Riemann N = 100
 * scripts/benchmark.sh FaigBenchmark completeness               error at N = 100 per rule on photographs
 * scripts/benchmark.sh FaigBenchmark path                       the loss L(θ̄ + α(θ − θ̄)) along the FAIG path
 * </pre>
 *
 * The pair defaults to {@code msrresnet-x2-baseline} / {@code msrresnet-x2-target}
 * ({@code FAIG_JAVA_OPTS=-Dfaig.pair=srcnn-x2} for the SRCNN-style pair); photographs come from the
 * validation split of {@code data/photos} when present, otherwise from the demo images.
 */
public final class FaigBenchmark {

	public static void main(final String... args) throws Exception {
		final String mode = args.length > 0 ? args[0] : "overhead";
		final String prefix = System.getProperty("faig.pair", "msrresnet-x2");
		final ModelPackage base = ModelLocator.load(prefix + "-baseline", "baseline_model");
		final ModelPackage tgt = ModelLocator.load(prefix + "-target", "target_model");
		if (mode.equals("quadrature")) {
			// the Compute Filters workflow itself, one pair in memory at a time
			quadrature(new ModelPair(base, tgt), args.length > 1 ? Integer.parseInt(args[1]) : 6);
			return;
		}
		try (FaigEngine e = new FaigEngine(tgt.spec(), base.weights(), tgt.weights())) {
			switch (mode) {
				case "overhead": overhead(e, base, tgt); break;
				case "memory": memory(e, args.length > 1 ? Integer.parseInt(args[1]) : 10000); break;
				case "completeness": completeness(e); break;
				case "path": path(base, tgt); break;
				default: throw new IllegalArgumentException("unknown mode " + mode);
			}
		}
	}

	static List<FloatImage> photos(final int n) throws Exception {
		final File data = new File(System.getProperty("faig.home", "."), "data/photos");
		final List<FloatImage> out = new ArrayList<>();
		if (new File(data, "manifest.tsv").isFile()) {
			final HrDataset v = HrDataset.load(data, "validation");
			for (int i = 0; i < Math.min(n, v.size()); i++) out.add(v.image(i));
		}
		else {
			final File[] f = new File(System.getProperty("faig.home", "."), "src/demo/images").listFiles();
			Arrays.sort(f);
			for (final File x : f) {
				if (x.getName().endsWith(".png") && out.size() < n) {
					out.add(ImagePlusBridge.toFloatImages(ImageFiles.open(x, "photo")).get(0));
				}
			}
		}
		return out;
	}

	/** A blurry LR crop of a photo and its ground truth. */
	static FloatImage[] input(final FloatImage hr, final int lrSize) {
		final Degrader d = new Degrader(DegradationParams.defaults());
		final FloatImage gt = d.groundTruth(hr);
		final FloatImage lr = d.degrade(gt, Degradation.BLUR, 1);
		final int y = (lr.height() - lrSize) / 2;
		final int x = (lr.width() - lrSize) / 2;
		return new FloatImage[] { lr.crop(y, x, lrSize, lrSize), gt.crop(2 * y, 2 * x, 2 * lrSize, 2 * lrSize) };
	}

	static void overhead(final FaigEngine e, final ModelPackage base, final ModelPackage tgt) throws Exception {
		final FloatImage hr = photos(1).get(0);
		final int n = 100;
		final int rounds = 3;
		for (final int size : new int[] { 32, 64, 128 }) {
			final FloatImage[] in = input(hr, size);
			e.attribute(in[0], in[1], Quadrature.RIEMANN, 5); // warm-up
			bare(tgt, in, 5);
			// Both timed the same way (n consecutive steps, mean per step), alternating, median of the rounds: one
			// slow round (another process, a collection) then shifts neither side alone.
			final double[] bare = new double[rounds];
			final double[] faig = new double[rounds];
			for (int r = 0; r < rounds; r++) {
				bare[r] = bare(tgt, in, n);
				final long t0 = System.nanoTime();
				e.attribute(in[0], in[1], Quadrature.RIEMANN, n);
				faig[r] = (System.nanoTime() - t0) / 1e9 / n;
			}
			Arrays.sort(bare);
			Arrays.sort(faig);
			final double b = bare[rounds / 2];
			final double f = faig[rounds / 2];
			System.out.println(String.format(Locale.ROOT, "overhead %s, LR %dx%d: bare forward+backward %.1f ms/step; " +
				"FAIG N=%d %.1f ms/step (overhead %+.1f %%, including the baseline-loss forward and scoring); " +
				"median of %d alternating rounds of %d steps", tgt.spec(), size, size, 1000 * b, n, 1000 * f, 100 *
					(f / b - 1), rounds, n));
		}
		// One whole image per degradation, as Eq. 7 uses them.
		final Degrader d = new Degrader(DegradationParams.defaults());
		final FloatImage gt = d.groundTruth(hr);
		final FloatImage lr = d.degrade(gt, Degradation.NOISE, 1);
		final long t0 = System.nanoTime();
		e.attribute(lr, gt, Quadrature.RIEMANN, 100);
		System.out.println(String.format(Locale.ROOT, "whole image LR %dx%d, N=100: %.1f s per image per degradation",
			lr.width(), lr.height(), (System.nanoTime() - t0) / 1e9));
	}

	/**
	 * Mean time per step of {@code steps} consecutive bare forward + backward passes of the target at the same size,
	 * gradients accumulating as in FAIG.
	 */
	static double bare(final ModelPackage tgt, final FloatImage[] in, final int steps) {
		Engines.workerThread();
		try (NDManager m = Engines.newManager()) {
			final SrNetwork net = new SrNetwork(tgt.spec()).load(tgt.weights(), m);
			for (final NDArray p : net.paramArrays()) p.setRequiresGradient(true);
			final NDArray x = m.create(in[0].data(), new Shape(1, 3, in[0].height(), in[0].width()));
			final NDArray y = m.create(in[1].data(), new Shape(1, 3, in[1].height(), in[1].width()));
			final long t0 = System.nanoTime();
			for (int r = 0; r < steps; r++) {
				try (NDManager sub = m.newSubManager()) {
					x.tempAttach(sub);
					y.tempAttach(sub);
					try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
						gc.backward(net.forward(x).sub(y).square().sum());
					}
				}
			}
			final double t = (System.nanoTime() - t0) / 1e9 / steps;
			Engines.zeroGradients(net.paramArrays());
			return t;
		}
	}

	static void memory(final FaigEngine e, final int steps) throws Exception {
		final FloatImage[] in = input(photos(1).get(0), 32);
		final int per = 100;
		final long t0 = System.nanoTime();
		for (int done = 0; done < steps; done += per) {
			e.attribute(in[0], in[1], Quadrature.RIEMANN, per);
			if ((done + per) % 1000 == 0) {
				System.out.println(String.format(Locale.ROOT, "memory: %5d steps, RSS %s, peak %s, heap used %d MiB, %.0f s",
					done + per, rss("VmRSS:"), rss("VmHWM:"), (Runtime.getRuntime().totalMemory() - Runtime.getRuntime()
						.freeMemory()) >> 20, (System.nanoTime() - t0) / 1e9));
			}
		}
	}

	static String rss(final String key) throws Exception {
		for (final String l : java.nio.file.Files.readAllLines(new File("/proc/self/status").toPath())) {
			if (l.startsWith(key)) return l.substring(key.length()).trim();
		}
		return "n/a";
	}

	/** Compute Filters on {@code images} photographs × 2 crops of 48×48 with the seed 1. */
	static DegradationAttribution.Result computeFilters(final ModelPair pair, final List<FloatImage> hr,
		final List<String> names, final Quadrature q, final int n)
	{
		final DegradationOptions d = DegradationOptions.defaults();
		try (ComputeFilters cf = new ComputeFilters(pair, new ComputeFilters.Options(new DegradationOptions(d.blurSigma(),
			d.kernelSize(), d.noiseSigma(), 1), q, n, 48, 2, 1.0)))
		{
			return cf.run(hr, names, io.github.faig.workflow.Sharding.LOCAL, Monitor.NONE).attribution();
		}
	}

	static void quadrature(final ModelPair pair, final int images) throws Exception {
		final List<FloatImage> hr = photos(images);
		final List<String> names = new ArrayList<>();
		for (int i = 0; i < hr.size(); i++) names.add("img" + i);
		final long t0 = System.nanoTime();
		final DegradationAttribution.Result refResult = computeFilters(pair, hr, names, Quadrature.RIEMANN, 100);
		final Ranking ref = refResult.blur();
		System.out.println(String.format(Locale.ROOT, "quadrature: %s, reference Riemann N=100 on %d images x 2 crops " +
			"of 48x48 (x2 degradations) in %.0f s; its completeness error mean %.3f %%, max %.3f %%", pair.target()
				.spec(), hr.size(), (System.nanoTime() - t0) / 1e9, 100 * refResult.meanCompletenessError(), 100 *
					refResult.maxCompletenessError()));
		System.out.println("rule,N,top1%_overlap_blur,top1%_overlap_noise,spearman,seconds,completeness_mean_percent," +
			"completeness_max_percent");
		for (final Quadrature q : Quadrature.values()) {
			for (final int n : new int[] { 4, 8, 16, 32 }) {
				final long t1 = System.nanoTime();
				final DegradationAttribution.Result res = computeFilters(pair, hr, names, q, n);
				final Ranking r = res.blur();
				System.out.println(String.format(Locale.ROOT, "%s,%d,%.3f,%.3f,%.4f,%.0f,%.3f,%.3f", q.label(), n, overlap(
					ref.top(1), r.top(1)), overlap(ref.reversed().top(1), r.reversed().top(1)), spearman(ref, r), (System
						.nanoTime() - t1) / 1e9, 100 * res.meanCompletenessError(), 100 * res.maxCompletenessError()));
			}
		}
	}

	static void completeness(final FaigEngine e) throws Exception {
		final Crops c = centreCrops(photos(2));
		System.out.println("rule,N,input,relative_error_percent");
		for (final Quadrature q : Quadrature.values()) {
			for (final int n : new int[] { 10, 25, 50, 100 }) {
				double sum = 0;
				for (int i = 0; i < c.lr().size(); i++) {
					sum += e.attribute(c.lr().get(i), c.gt().get(i), q, n).completenessError();
				}
				System.out.println(String.format(Locale.ROOT, "%s,%d,mean of %d,%.4f", q.label(), n, c.lr().size(), 100 *
					sum / c.lr().size()));
			}
		}
	}

	/** 64×64 LR centre crops (blurry and noisy, in that order, per photograph) with their 128×128 ground truths. */
	record Crops(List<FloatImage> lr, List<FloatImage> gt, List<String> labels) {}

	/** The crops of {@link #completeness} and {@link #path}, degraded once. */
	static Crops centreCrops(final List<FloatImage> hr) {
		final Degrader d = new Degrader(DegradationParams.defaults());
		final Crops c = new Crops(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
		for (int i = 0; i < hr.size(); i++) {
			for (final Degradation deg : new Degradation[] { Degradation.BLUR, Degradation.NOISE }) {
				final FloatImage gt = d.groundTruth(hr.get(i));
				final FloatImage lr = d.degrade(gt, deg, i);
				final int y = (lr.height() - 64) / 2;
				final int x = (lr.width() - 64) / 2;
				c.lr().add(lr.crop(y, x, 64, 64));
				c.gt().add(gt.crop(2 * y, 2 * x, 128, 128));
				c.labels().add("img" + i + "_" + deg.label());
			}
		}
		return c;
	}

	/**
	 * The loss along the straight path from baseline (α = 0) to target (α = 1) that FAIG integrates over, on 64×64
	 * centre crops (blurry and noisy) of 2 validation photographs: where the integrand is large and how it varies.
	 */
	static void path(final ModelPackage base, final ModelPackage tgt) throws Exception {
		final Crops crops = centreCrops(photos(2));
		final List<FloatImage> lrs = crops.lr();
		final List<FloatImage> gts = crops.gt();
		final List<String> labels = crops.labels();
		System.out.println("path: " + tgt.spec() + ", L = sum of squared errors over the 128x128x3 output");
		System.out.println("alpha," + String.join(",", labels));
		for (int k = 0; k <= 20; k++) {
			final double alpha = k / 20.0;
			final io.github.faig.nn.StateDict sd = new io.github.faig.nn.StateDict();
			for (final String n : tgt.weights().names()) {
				final float[] a = base.weights().get(n).data();
				final float[] b = tgt.weights().get(n).data();
				final float[] c = new float[a.length];
				for (int j = 0; j < c.length; j++) c[j] = (float) (a[j] + alpha * (b[j] - a[j]));
				sd.put(n, new io.github.faig.nn.Tensor(tgt.weights().get(n).shape(), c));
			}
			final List<FloatImage> out = io.github.faig.masking.MaskedOutputs.run(tgt.spec(), sd, lrs);
			final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%.2f", alpha));
			for (int i = 0; i < out.size(); i++) {
				double l = 0;
				final float[] o = out.get(i).data();
				final float[] g = gts.get(i).data();
				for (int j = 0; j < o.length; j++) l += (o[j] - g[j]) * (double) (o[j] - g[j]);
				line.append(String.format(Locale.ROOT, ",%.4f", l));
			}
			System.out.println(line);
		}
	}

	static double overlap(final int[] a, final int[] b) {
		final Set<Integer> s = new HashSet<>();
		for (final int i : a) s.add(i);
		int n = 0;
		for (final int i : b) if (s.contains(i)) n++;
		return a.length == 0 ? 1 : n / (double) a.length;
	}

	/** Spearman's correlation of two rankings of the same filters. */
	static double spearman(final Ranking a, final Ranking b) {
		final int n = a.size();
		final double[] ra = new double[n];
		final double[] rb = new double[n];
		final int[] oa = a.order();
		final int[] ob = b.order();
		for (int r = 0; r < n; r++) {
			ra[oa[r]] = r;
			rb[ob[r]] = r;
		}
		double d2 = 0;
		for (int i = 0; i < n; i++) d2 += (ra[i] - rb[i]) * (ra[i] - rb[i]);
		return 1 - 6 * d2 / ((double) n * ((double) n * n - 1));
	}
}
