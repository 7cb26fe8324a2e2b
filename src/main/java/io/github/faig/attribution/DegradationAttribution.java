package io.github.faig.attribution;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.degrade.Degrader;
import io.github.faig.image.CropPositions;
import io.github.faig.image.FloatImage;
import io.github.faig.workflow.Monitor;

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
 * <p>
 * A set splits by image: {@link #attributeImage} gives one image's {@link Partial}, partials add up, and
 * {@link #finish} ranks their sum; {@link #run} does all three for a whole set on this machine.
 * </p>
 */
public final class DegradationAttribution {

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

	/** One attributed input: of image {@code image} (0-based) of the set. */
	public record Input(int image, String label, Degradation degradation, FaigEngine.Attribution attribution)
		implements Serializable {}

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

	/**
	 * Refuses path steps below 1, a negative crop size, and fewer than one crop per image when cropping: the settings
	 * every attribution-based caller checks before any work.
	 */
	public static void checkSettings(final int steps, final int cropSize, final int crops) {
		if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
		if (cropSize < 0) throw new IllegalArgumentException("crop_size must be >= 0, got " + cropSize);
		if (cropSize > 0 && crops < 1) throw new IllegalArgumentException("crops must be >= 1, got " + crops);
	}

	/** As the other constructor, with the attribution method. */
	public DegradationAttribution(final FaigEngine engine, final DegradationParams params, final long seed,
		final Quadrature rule, final int steps, final int cropSize, final int crops, final Method method)
	{
		checkSettings(steps, cropSize, crops);
		// every output pixel of a smaller crop would depend on the zero padding around it
		if (cropSize > 0) engine.network().architecture().requireReceptiveField("crop_size", cropSize, "the network");
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

	/** Inputs attributed per ground-truth image: a blurry and a noisy one per crop. */
	public int inputsPerImage() {
		return 2 * (cropSize > 0 ? crops : 1);
	}

	/**
	 * The whole set: {@link #attributeImage} of every image in order, then {@link #finish}. The scores are summed
	 * image by image, input by input, in one running sum (the order the shipped filter sets were made with).
	 *
	 * @param monitor told "FAIG d/n (label)" after each input, d and n counted over the whole set, and asked before
	 *          every input and every path step
	 */
	public Result run(final List<FloatImage> groundTruths, final List<String> names, final Monitor monitor) {
		if (groundTruths.isEmpty()) throw new IllegalArgumentException("no ground-truth images");
		checkImages(groundTruths, names);
		final Partial sum = new Partial(engine.filters().filterCount());
		final int total = inputCount(groundTruths.size());
		for (int i = 0; i < groundTruths.size(); i++) {
			final int before = i * inputsPerImage();
			attributeInto(sum, i, groundTruths.get(i), names.get(i), monitor, before, total, false);
		}
		return finish(sum);
	}

	/**
	 * One image's share of the set: its blurry and noisy inputs (of each crop) attributed. The result depends only on
	 * {@code index} (the image's place in the whole set: it seeds the noise and the crops), the image, this object's
	 * settings and the models, so the images of a set can be attributed on different machines and the partials
	 * combined with {@link Partial#plus}.
	 *
	 * @param monitor told "FAIG d/n (label)" after each of this image's inputs ({@link #inputsPerImage()} in all)
	 *          and "FAIG path steps" (counted over the image) before each input and each path step, and asked at the
	 *          same places
	 */
	public Partial attributeImage(final int index, final FloatImage groundTruth, final String name,
		final Monitor monitor)
	{
		final Partial p = new Partial(engine.filters().filterCount());
		attributeInto(p, index, groundTruth, name, monitor, 0, inputsPerImage(), true);
		return p;
	}

	/**
	 * Refuses, before any work, a set with an image whose inputs would be smaller than the network's receptive field:
	 * with {@code crop_size=0}, an image whose whole LR version is (crops smaller than the image are refused when
	 * positioned).
	 */
	public void checkImages(final List<FloatImage> groundTruths, final List<String> names) {
		if (cropSize > 0) return;
		for (int i = 0; i < groundTruths.size(); i++) checkWhole(groundTruths.get(i), names.get(i));
	}

	private void checkWhole(final FloatImage hr, final String name) {
		final int f = engine.network().architecture().receptiveField();
		final int s = params.scale();
		final int w = hr.width() / s;
		final int h = hr.height() / s;
		if (w < f || h < f) {
			throw new IllegalArgumentException("image " + name + " is " + w + "x" + h + " LR pixels at x" + s + ", smaller " +
				"than the network's receptive field (" + f + "x" + f + " LR pixels): every output pixel would depend on " +
				"the zero padding; give images of at least " + f * s + "x" + f * s + " pixels");
		}
	}

	/**
	 * Image {@code i}'s inputs into {@code sum}; inputs count from {@code before} of {@code total}. With
	 * {@code pathSteps} the path steps are reported too, counted over the image (an input's check and its steps).
	 */
	private void attributeInto(final Partial sum, final int i, final FloatImage hr, final String name,
		final Monitor monitor, final int before, final int total, final boolean pathSteps)
	{
		if (cropSize == 0) checkWhole(hr, name);
		final int s = params.scale();
		final Degrader degrader = new Degrader(params);
		// degraded as the network sees images: a grey network's inputs get grey noise (FloatImage.withChannels)
		final FloatImage gt = degrader.groundTruth(hr.withChannels(engine.network().spec().numInCh()));
		final FloatImage blurry = degrader.degrade(gt, Degradation.BLUR, seed + i);
		final FloatImage noisy = degrader.degrade(gt, Degradation.NOISE, seed + i);
		final FloatImage clean = method == Method.INPUT_IG ? degrader.degrade(gt, Degradation.CLEAN, seed + i) : null;
		final CropPositions pos = cropSize > 0 ? new CropPositions(seed, CropPositions.DISCOVERY, i, blurry.width(),
			blurry.height(), cropSize, "image " + name + " (crop_size, in LR pixels)") : null;
		final int k = cropSize > 0 ? crops : 1;
		final long allSteps = (long) inputsPerImage() * (steps + 1);
		int count = 0;
		for (int c = 0; c < k; c++) {
			final int[] yx = pos != null ? pos.next() : new int[2];
			final int y = yx[0];
			final int x = yx[1];
			final int h = pos != null ? cropSize : blurry.height();
			final int w = pos != null ? cropSize : blurry.width();
			final FloatImage gtc = gt.crop(y * s, x * s, h * s, w * s);
			final String label = name + (cropSize > 0 ? "#" + (c + 1) : "");
			for (final Degradation d : new Degradation[] { Degradation.BLUR, Degradation.NOISE }) {
				final long first = (long) count * (steps + 1); // this input's first path-step count
				if (pathSteps) monitor.progress("FAIG path steps", first, allSteps);
				if (monitor.isCancelled()) throw new CancellationException();
				final FloatImage lr = (d == Degradation.BLUR ? blurry : noisy).crop(y, x, h, w);
				final Monitor engineSteps = pathSteps ? monitor.reporting((m, done, n) -> monitor.progress(
					"FAIG path steps", first + 1 + done, allSteps)) : monitor.silent();
				final FaigEngine.Attribution a = method == Method.FAIG ? engine.attribute(lr, gtc, rule, steps,
					engineSteps) : engine.inputPathGradients(clean.crop(y, x, h, w), lr, rule, steps, engineSteps);
				sum.add(new Input(i, label, d, a));
				count++;
				monitor.progress("FAIG " + (before + count) + "/" + total + " (" + label + " " + d.label() + ")", before +
					count, total);
			}
		}
	}

	/**
	 * The partials of a set's images (in image order, with their inputs' scores) summed input by input into one
	 * running sum: exactly the sum {@link #run} makes, whichever machines made the partials.
	 */
	public static Partial sum(final List<Partial> parts) {
		if (parts.isEmpty()) throw new IllegalArgumentException("no ground-truth images");
		final Partial sum = new Partial(parts.get(0).blurMinusNoise.length);
		for (final Partial p : parts) {
			for (final Input in : p.inputs) sum.add(in);
		}
		return sum;
	}

	/** The rankings of a set from the sum of its images' partials: the mean blur-minus-noise score per filter. */
	public static Result finish(final Partial sum) {
		final int pairs = sum.inputs.size() / 2;
		if (pairs == 0) throw new IllegalArgumentException("no ground-truth images");
		final int n = sum.blurMinusNoise.length;
		final float[] mean = new float[n];
		for (int f = 0; f < n; f++) mean[f] = (float) (sum.blurMinusNoise[f] / pairs);
		final Ranking blur = Ranking.of(mean);
		return new Result(blur, blur.reversed(), mean, List.copyOf(sum.inputs));
	}

	/**
	 * The attributions of some images of a set: per filter, the sum over their inputs of {@code S(blur) − S(noise)},
	 * and every input with its attribution (scores and completeness figures), in the order of the images' indices.
	 * Partials of different images combine with {@link #plus}; the sum of all the set's partials, {@link #finish}ed,
	 * gives its rankings (equal to {@link DegradationAttribution#run}'s up to the rounding of the double sums, which
	 * {@code run} adds in image order).
	 */
	public static final class Partial implements Serializable {

		private static final long serialVersionUID = 1L;

		private final double[] blurMinusNoise;
		private final List<Input> inputs;

		/** The partial of no image, for {@code filters} filters. */
		public Partial(final int filters) {
			this(new double[filters], new ArrayList<>());
		}

		private Partial(final double[] blurMinusNoise, final List<Input> inputs) {
			this.blurMinusNoise = blurMinusNoise;
			this.inputs = inputs;
		}

		private void add(final Input in) {
			final double sign = in.degradation() == Degradation.BLUR ? 1 : -1;
			final float[] sc = in.attribution().scores();
			for (int f = 0; f < blurMinusNoise.length; f++) blurMinusNoise[f] += sign * sc[f];
			inputs.add(in);
		}

		/** Per filter, the sum of {@code S(blur) − S(noise)} over this partial's inputs (a copy). */
		public double[] blurMinusNoise() {
			return blurMinusNoise.clone();
		}

		/** The attributed inputs, in the order of their images' indices. */
		public List<Input> inputs() {
			return List.copyOf(inputs);
		}

		/** Both partials together (neither changes): sums added, inputs merged in image order. */
		public Partial plus(final Partial other) {
			if (other.blurMinusNoise.length != blurMinusNoise.length) {
				throw new IllegalArgumentException("partials of " + blurMinusNoise.length + " and " +
					other.blurMinusNoise.length + " filters");
			}
			final double[] sum = blurMinusNoise.clone();
			for (int f = 0; f < sum.length; f++) sum[f] += other.blurMinusNoise[f];
			final List<Input> merged = new ArrayList<>(inputs);
			merged.addAll(other.inputs);
			// stable: the inputs of one image keep their order
			merged.sort(java.util.Comparator.comparingInt(Input::image));
			return new Partial(sum, merged);
		}

		/**
		 * This partial with its inputs' per-filter scores dropped (the sums and completeness figures stay): what a
		 * distributed run needs to send back.
		 */
		public Partial withoutInputScores() {
			final List<Input> light = new ArrayList<>();
			for (final Input in : inputs) {
				final FaigEngine.Attribution a = in.attribution();
				light.add(new Input(in.image(), in.label(), in.degradation(), new FaigEngine.Attribution(new float[0], a
					.signedSum(), a.lossTarget(), a.lossBaseline(), a.steps(), a.rule())));
			}
			return new Partial(blurMinusNoise.clone(), light);
		}
	}
}
