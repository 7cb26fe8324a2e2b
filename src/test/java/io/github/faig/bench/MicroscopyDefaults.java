package io.github.faig.bench;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.ij.ImagePlusBridge.OutputType;
import io.github.faig.image.ChannelScales;
import io.github.faig.image.FloatImage;
import io.github.faig.image.IntensityScale;
import io.github.faig.nn.io.ModelLocator;
import io.github.faig.prediction.DegradationPredictor;
import io.github.faig.prediction.LabelledInputs;
import io.github.faig.prediction.PredictDegradation;
import io.github.faig.prediction.PredictionOptions;
import io.github.faig.sr.SuperResolve;
import io.github.faig.workflow.Monitor;

/**
 * Issue #28's must-show on microscopy-like data: grey photographs as 8-bit images and as 12-bit data in 16-bit
 * files ({@code grey × 15 + 100}), clean, blurry and noisy (the paper's degradations, seeded as FAIG Calibrate
 * Thresholds makes its inputs: 64×64 LR crops, 2 per photograph, seed 0), all through the commands' default
 * normalisation ({@code normalization=auto}, {@code normalize_channels=auto}: the type range for 8-bit, the bit
 * depth's range [0, 4095] for these 16-bit images):
 * <ul>
 * <li>Predict Degradation's blur and noise decisions, right how often on each; the 16-bit figures should be at
 * most 5 points below the 8-bit ones;</li>
 * <li>Blind Super-Resolution's 16-bit output, rescaled to 8 bits ({@code (v − 100) / 15}), against its output for
 * the 8-bit image: PSNR on the 8-bit scale (≥ 45 dB wanted), for every input, with the rescaled 16-bit output
 * clipped to [0, 255] as the 8-bit type clips its own (like for like), and as written.</li>
 * </ul>
 * A grey photograph is the luminance of a held-out photograph (ImageJ's RGB → 8-bit weights, 1/3 each); the
 * decisions use the shipped filter sets (MSRResNet pair) and SR the shipped target.
 *
 * <pre>
 * scripts/make-experiment-sets.sh /work/data/photos      # data/sets/test: the held-out photographs
 * scripts/benchmark.sh MicroscopyDefaults [test-dir] [photos] [filter-sets] [model]
 * </pre>
 */
public final class MicroscopyDefaults {

	/** {@code -Dfaig.normalization=min-max} (or another choice): the 16-bit images' normalisation instead of auto. */
	private static final String NORMALIZATION = System.getProperty("faig.normalization", IntensityScale.DEFAULT);

	/** {@code -Dfaig.first=K}: start at the K-th photograph (0-based, in name order). */
	private static final int FIRST = Integer.getInteger("faig.first", 0);

	/** {@code -Dfaig.srOnly=true}: the SR comparison alone. */
	private static final boolean SR_ONLY = Boolean.getBoolean("faig.srOnly");

	public static void main(final String[] args) throws Exception {
		final File dir = new File(args.length > 0 ? args[0] : "data/sets/test");
		final int photos = args.length > 1 ? Integer.parseInt(args[1]) : 1 << 20;
		final String sets = args.length > 2 ? args[2] : "filter-sets-msrresnet-x2";
		final String model = args.length > 3 ? args[3] : "msrresnet-x2-target";
		final File[] files = dir.listFiles((d, n) -> n.toLowerCase(Locale.ROOT).endsWith(".png"));
		if (files == null || files.length == 0) throw new IllegalArgumentException("no PNG photographs in " + dir);
		Arrays.sort(files);
		final List<LabelledInputs.Input> inputs = new ArrayList<>();
		final List<LabelledInputs.Input> whole = new ArrayList<>();
		for (int i = FIRST; i < Math.min(FIRST + photos, files.length); i++) {
			final ImagePlus photo = ImageFiles.open(files[i], "photo");
			final ImageProcessor grey = photo.getProcessor().convertToByte(false);
			final FloatImage gt = ImagePlusBridge.toFloatImage(grey);
			for (final LabelledInputs.Input in : LabelledInputs.of(i, gt, files[i].getName(), DegradationParams
				.defaults(), 0, 64, 2))
			{
				if (in.label() != Degradation.BLUR_NOISE) inputs.add(in);
			}
			for (final LabelledInputs.Input in : LabelledInputs.of(i, gt, files[i].getName(), DegradationParams
				.defaults(), 0, 0, 1))
			{
				if (in.label() != Degradation.BLUR_NOISE) whole.add(in);
			}
		}
		System.out.printf(Locale.ROOT, "16-bit normalization: %s; %d inputs (%d photographs of %s, clean/blur/noise, 2 crops of 64x64)%n",
			NORMALIZATION, inputs.size(), Math.min(FIRST + photos, files.length) - FIRST, dir);
		final int[][] right = new int[2][2]; // [8-bit, 16-bit][blur, noise]
		final List<Double> psnrs = new ArrayList<>();
		final List<Double> cropPsnrs = new ArrayList<>();
		final List<Double> raw = new ArrayList<>();
		final List<Double> cropRaw = new ArrayList<>();
		final java.util.Map<Degradation, List<Double>> byClass = new java.util.EnumMap<>(Degradation.class);
		try (PredictDegradation p = new PredictDegradation(new PredictionOptions(sets, -1, -1));
			SuperResolve sr = new SuperResolve(ModelLocator.load(model, "model"), SuperResolve.Options.defaults()))
		{
			for (final LabelledInputs.Input in : inputs) {
				final ImagePlus eight = new ImagePlus(in.name(), eightBit(in.lr()));
				final ImagePlus sixteen = new ImagePlus(in.name(), twelveBitIn16(in.lr()));
				for (int k = 0; k < 2 && !SR_ONLY; k++) {
					final DegradationPredictor.Prediction d = p.predict(withDefaults(k == 0 ? eight : sixteen).get(0)
						.asRgb(), in.name(), Monitor.NONE).prediction();
					if (d.decision().hasBlur() == in.label().hasBlur()) right[k][0]++;
					if (d.decision().hasNoise() == in.label().hasNoise()) right[k][1]++;
				}
				final double[] q = psnr(sr, in);
				cropPsnrs.add(q[0]);
				cropRaw.add(q[1]);
			}
			for (final LabelledInputs.Input in : whole) {
				final double[] q = psnr(sr, in);
				psnrs.add(q[0]);
				raw.add(q[1]);
				byClass.computeIfAbsent(in.label(), k -> new ArrayList<>()).add(q[0]);
				System.out.printf(Locale.ROOT, "  %s %s (%dx%d LR): %.2f dB%n", in.name(), in.label().label(), in.lr()
					.width(), in.lr().height(), psnrs.get(psnrs.size() - 1));
			}
		}
		final int n = inputs.size();
		System.out.printf(Locale.ROOT, "Predict Degradation, decisions right: 8-bit blur %.1f %%, noise %.1f %%; " +
			"16-bit (x15+100) blur %.1f %%, noise %.1f %%%n", 100.0 * right[0][0] / n, 100.0 * right[0][1] / n, 100.0 *
				right[1][0] / n, 100.0 * right[1][1] / n);
		summary("whole LR images", psnrs);
		for (final var e : byClass.entrySet()) summary("whole LR images, " + e.getKey().label(), e.getValue());
		summary("64x64 LR crops", cropPsnrs);
		System.out.println("The same without clipping the rescaled 16-bit output to [0, 255]:");
		summary("whole LR images (unclipped)", raw);
		summary("64x64 LR crops (unclipped)", cropRaw);
	}

	private static void summary(final String what, final List<Double> psnrs) {
		psnrs.sort(null);
		final long atLeast45 = psnrs.stream().filter(p -> p >= 45).count();
		final double mean = psnrs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
		System.out.printf(Locale.ROOT, "Blind SR on %s, 16-bit output rescaled vs the 8-bit output: PSNR min %.2f dB, " +
			"median %.2f dB, mean %.2f dB over %d inputs, %d of them >= 45 dB%n", what, psnrs.get(0), psnrs.get(psnrs
				.size() / 2), mean, psnrs.size(), atLeast45);
	}

	/**
	 * PSNR (8-bit scale) of the 16-bit input's SR, rescaled, against the 8-bit input's SR: {clipped to [0, 255],
	 * as written}.
	 */
	private static double[] psnr(final SuperResolve sr, final LabelledInputs.Input in) {
		final ImageProcessor sr8 = superResolve(sr, new ImagePlus(in.name(), eightBit(in.lr()))).getProcessor();
		final ImageProcessor sr16 = superResolve(sr, new ImagePlus(in.name(), twelveBitIn16(in.lr()))).getProcessor();
		final double[] se = new double[2];
		for (int i = 0; i < sr8.getPixelCount(); i++) {
			// the 8-bit output is clipped by its type at 0 and 255, the 16-bit one only at 0 and 65535: compared
			// like for like (clipped) and as written
			final double r = (sr16.getf(i) - 100) / 15.0;
			final double clipped = Math.max(0, Math.min(255, r)) - sr8.getf(i);
			se[0] += clipped * clipped;
			se[1] += (r - sr8.getf(i)) * (r - sr8.getf(i));
		}
		final double[] psnr = new double[2];
		for (int k = 0; k < 2; k++) psnr[k] = 10 * Math.log10(255.0 * 255.0 / Math.max(se[k] / sr8.getPixelCount(),
			1e-12));
		return psnr;
	}

	/** The images of {@code imp} as the commands see them with their default inputs. */
	private static List<FloatImage> withDefaults(final ImagePlus imp) {
		return ImagePlusBridge.toFloatImages(imp, defaults(imp));
	}

	/** Blind Super-Resolution's output with its default inputs (the input's type and range). */
	private static ImagePlus superResolve(final SuperResolve sr, final ImagePlus imp) {
		final ChannelScales s = defaults(imp);
		final SuperResolve.Result r = sr.run(ImagePlusBridge.toFloatImages(imp, s), Monitor.NONE);
		return ImagePlusBridge.toImagePlus("sr", r.images(), null, ImagePlusBridge.typeOf(imp) == OutputType.SHORT
			? OutputType.SHORT : OutputType.BYTE, null, ImagePlusBridge.sliceScales(imp, s));
	}

	/** The default scales (8-bit: always the default, the type range). */
	private static ChannelScales defaults(final ImagePlus imp) {
		return ImagePlusBridge.scalesOf(imp, imp.getBitDepth() == 8 ? IntensityScale.DEFAULT : NORMALIZATION,
			IntensityScale.DEFAULT_CHANNELS, IntensityScale.DEFAULT_LOW_PERCENTILE, IntensityScale.DEFAULT_HIGH_PERCENTILE);
	}

	private static ByteProcessor eightBit(final FloatImage lr) {
		final byte[] px = new byte[lr.width() * lr.height()];
		for (int i = 0; i < px.length; i++) px[i] = (byte) Math.round(lr.data()[i] * 255);
		return new ByteProcessor(lr.width(), lr.height(), px);
	}

	private static ShortProcessor twelveBitIn16(final FloatImage lr) {
		final short[] px = new short[lr.width() * lr.height()];
		for (int i = 0; i < px.length; i++) px[i] = (short) (Math.round(lr.data()[i] * 255) * 15 + 100);
		return new ShortProcessor(lr.width(), lr.height(), px, null);
	}
}
