package io.github.faig.attribution;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.degrade.Degrader;
import io.github.faig.image.CropPositions;
import io.github.faig.image.FloatImage;

/**
 * Per-degradation FAIG (docs/method.md §3, Eq. 7) over a set of ground-truth images: each is degraded two ways, blurry and
 * noisy (seeded: the noise of image {@code i} uses {@code seed + i}), and
 *
 * <pre>
 * FAIG_i^blur = (1/|X|) Σ_x [ S_i(x^blur) − S_i(x^noise) ]      FAIG^noise = −FAIG^blur
 * </pre>
 *
 * computed once, so the noise ranking is exactly the reverse of the blur ranking. Optionally each image is
 * represented by {@code crops} LR crops of {@code cropSize}² pixels at seeded positions (the same positions for
 * both degradations), which bounds the cost.
 */
public final class DegradationAttribution {

	/** Progress: inputs done of total, and the attribution just computed. */
	@FunctionalInterface
	public interface Progress {
		void input(int done, int total, String label, FaigEngine.Attribution a);
	}

	/** The outcome: both rankings, the mean score difference, and every input's completeness figures. */
	public record Result(Ranking blur, Ranking noise, float[] blurMinusNoise, List<Input> inputs) {

		/** Mean relative completeness error over the inputs. */
		public double meanCompletenessError() {
			return inputs.stream().mapToDouble(i -> i.attribution().completenessError()).average().orElse(Double.NaN);
		}

		/** Largest relative completeness error. */
		public double maxCompletenessError() {
			return inputs.stream().mapToDouble(i -> i.attribution().completenessError()).max().orElse(Double.NaN);
		}
	}

	/** How each input is attributed. */
	public enum Method {
		/** FAIG (Eq. 6) along the parameter path from baseline to target. */
		FAIG,
		/** The paper's IG comparison: weight gradients along the input path from the clean LR input. */
		INPUT_IG
	}

	/** One attributed input. */
	public record Input(String label, Degradation degradation, FaigEngine.Attribution attribution) {}

	private final FaigEngine engine;
	private final DegradationParams params;
	private final long seed;
	private final Quadrature rule;
	private final int steps;
	private final int cropSize;
	private final int crops;
	private final Method method;

	/** @param cropSize LR crop side, or 0 for whole images (then {@code crops} is ignored) */
	public DegradationAttribution(final FaigEngine engine, final DegradationParams params, final long seed,
		final Quadrature rule, final int steps, final int cropSize, final int crops)
	{
		this(engine, params, seed, rule, steps, cropSize, crops, Method.FAIG);
	}

	/** As the other constructor, with the attribution method. */
	public DegradationAttribution(final FaigEngine engine, final DegradationParams params, final long seed,
		final Quadrature rule, final int steps, final int cropSize, final int crops, final Method method)
	{
		if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
		if (cropSize < 0) throw new IllegalArgumentException("crop_size must be >= 0, got " + cropSize);
		if (cropSize > 0 && crops < 1) throw new IllegalArgumentException("crops must be >= 1, got " + crops);
		this.engine = engine;
		this.params = params;
		this.seed = seed;
		this.rule = rule;
		this.steps = steps;
		this.cropSize = cropSize;
		this.crops = crops;
		this.method = method;
	}

	/** Number of attributions {@link #run} makes for {@code images} images (two per input). */
	public int inputCount(final int images) {
		return 2 * images * (cropSize > 0 ? crops : 1);
	}

	public Result run(final List<FloatImage> groundTruths, final List<String> names, final Progress progress,
		final BooleanSupplier cancelled)
	{
		if (groundTruths.isEmpty()) throw new IllegalArgumentException("no ground-truth images");
		final int s = params.scale();
		final Degrader degrader = new Degrader(params);
		final int n = engine.filters().filterCount();
		final double[] diff = new double[n];
		final List<Input> inputs = new ArrayList<>();
		final int total = inputCount(groundTruths.size());
		int count = 0;
		for (int i = 0; i < groundTruths.size(); i++) {
			final FloatImage gt = degrader.groundTruth(groundTruths.get(i));
			final FloatImage blurry = degrader.degrade(gt, Degradation.BLUR, seed + i);
			final FloatImage noisy = degrader.degrade(gt, Degradation.NOISE, seed + i);
			final FloatImage clean = method == Method.INPUT_IG ? degrader.degrade(gt, Degradation.CLEAN, seed + i) : null;
			final CropPositions pos = cropSize > 0 ? new CropPositions(seed, CropPositions.DISCOVERY, i, blurry.width(),
				blurry.height(), cropSize, "image " + names.get(i) + " (crop_size, in LR pixels)") : null;
			final int k = cropSize > 0 ? crops : 1;
			for (int c = 0; c < k; c++) {
				final int[] yx = pos != null ? pos.next() : new int[2];
				final int y = yx[0];
				final int x = yx[1];
				final int h = pos != null ? cropSize : blurry.height();
				final int w = pos != null ? cropSize : blurry.width();
				final FloatImage gtc = gt.crop(y * s, x * s, h * s, w * s);
				final String label = names.get(i) + (cropSize > 0 ? "#" + (c + 1) : "");
				for (final Degradation d : new Degradation[] { Degradation.BLUR, Degradation.NOISE }) {
					if (cancelled != null && cancelled.getAsBoolean()) throw new CancellationException();
					final FloatImage lr = (d == Degradation.BLUR ? blurry : noisy).crop(y, x, h, w);
					final FaigEngine.Attribution a = method == Method.FAIG ? engine.attribute(lr, gtc, rule, steps, cancelled)
						: engine.inputPathGradients(clean.crop(y, x, h, w), lr, rule, steps, cancelled);
					final double sign = d == Degradation.BLUR ? 1 : -1;
					for (int f = 0; f < n; f++) diff[f] += sign * a.scores()[f];
					inputs.add(new Input(label, d, a));
					if (progress != null) progress.input(++count, total, label + " " + d.label(), a);
				}
			}
		}
		final int pairs = inputs.size() / 2;
		final float[] mean = new float[n];
		for (int f = 0; f < n; f++) mean[f] = (float) (diff[f] / pairs);
		final Ranking blur = Ranking.of(mean);
		return new Result(blur, blur.reversed(), mean, inputs);
	}
}
