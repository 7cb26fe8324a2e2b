package io.github.faig.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;

import org.junit.jupiter.api.Test;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;
import ij.process.ShortProcessor;
import io.github.faig.SciJavaTest;
import io.github.faig.ij.ImageFiles;

/**
 * Microscopy data through the commands with their defaults (#28): per-channel normalisation, Synthesize's layout of
 * a time-lapse, calibration and display carried over.
 */
class MicroscopyDataTest extends SciJavaTest {

	/**
	 * A c-channel 16-bit stack of {@code z} slices: channel k is {@code (1000 + 3000·p) / 10^(k−1)} for a smooth
	 * pattern p in [0, 1], so channel 2 is 10× dimmer than channel 1.
	 */
	private static ImagePlus dimmerChannels(final int c, final int z, final int t) {
		final int w = 64;
		final ImageStack st = new ImageStack(w, w);
		for (int f = 0; f < t; f++) for (int s = 0; s < z; s++) for (int k = 0; k < c; k++) {
			final ShortProcessor sp = new ShortProcessor(w, w);
			for (int y = 0; y < w; y++) for (int x = 0; x < w; x++) {
				final double p = 0.5 + 0.5 * Math.sin(x / 6.0 + s) * Math.cos(y / 9.0 - f);
				sp.set(x, y, (int) Math.round((1000 + 3000 * p) / Math.pow(10, k)));
			}
			st.addSlice("c" + (k + 1) + " z" + (s + 1) + " t" + (f + 1), sp);
		}
		final ImagePlus imp = IJ.createHyperStack("dim", w, w, c, z, t, 16);
		imp.setStack(st, c, z, t);
		return c > 1 ? new CompositeImage(imp, IJ.COMPOSITE) : imp;
	}

	/** A square crop of the demo photograph as an 8-bit grey image (ImageJ's RGB → 8-bit). */
	private static ByteProcessor greyCrop(final int x, final int y, final int size) {
		final ImagePlus photo = ImageFiles.open(new File("src/demo/images/building.png"), "photo");
		final ImageProcessor grey = photo.getProcessor().convertToByte(false);
		grey.setRoi(x, y, size, size);
		return (ByteProcessor) grey.crop();
	}

	/** An 8-bit image as 12-bit data in a 16-bit image: {@code v × 15 + 100}, issue #28's construction. */
	private static ShortProcessor twelveBit(final ByteProcessor eight) {
		final ShortProcessor sixteen = new ShortProcessor(eight.getWidth(), eight.getHeight());
		for (int i = 0; i < eight.getPixelCount(); i++) sixteen.set(i, eight.get(i) * 15 + 100);
		return sixteen;
	}

	/** The noise's standard deviation in each channel (in its values), and the range its row of the table names. */
	private static double[][] noise(final ImagePlus out, final ResultsTable t, final int channels) {
		final double[] sum = new double[channels];
		final double[] sq = new double[channels];
		final int[] n = new int[channels];
		final double[] range = new double[channels];
		for (int z = 1; z <= out.getNSlices(); z++) for (int c = 1; c <= channels; c++) {
			final int clean = out.getStackIndex(c, z, 1);
			final int noisy = out.getStackIndex(c, z, 2);
			assertEquals("noise", t.getStringValue("variant", noisy - 1));
			assertEquals(c, (int) t.getValue("channel", noisy - 1));
			range[c - 1] = t.getValue("intensity_high", noisy - 1) - t.getValue("intensity_low", noisy - 1);
			final ImageProcessor a = out.getStack().getProcessor(clean);
			final ImageProcessor b = out.getStack().getProcessor(noisy);
			for (int i = 0; i < a.getPixelCount(); i++) {
				final double d = b.getf(i) - a.getf(i);
				sum[c - 1] += d;
				sq[c - 1] += d * d;
				n[c - 1]++;
			}
		}
		final double[] std = new double[channels];
		for (int c = 0; c < channels; c++) {
			final double mean = sum[c] / n[c];
			std[c] = Math.sqrt(sq[c] / n[c] - mean * mean);
		}
		return new double[][] { std, range };
	}

	/** Must-show of #28: noise_sigma is relative to each channel's own range, within 20 %. */
	@Test
	void syntheticNoiseHasTheRequestedStrengthInEachChannelOfATwoChannelStack() throws Exception {
		final ImagePlus imp = dimmerChannels(2, 2, 1);
		final FaigCommand m = run(SynthesizeDegradationsCommand.class, "image", imp, "with_blur", false,
			"with_blur_noise", false, "noise_sigma", 0.05, "seed", 3L);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ImagePlus out = (ImagePlus) m.getOutput("degraded");
		final ResultsTable t = (ResultsTable) m.getOutput("parameters");
		assertEquals(16, out.getBitDepth());
		assertEquals(2, out.getNChannels());
		assertEquals(2, out.getNFrames(), "clean and noise as frames: the input has no time axis");
		final double[][] sep = noise(out, t, 2);
		for (int c = 0; c < 2; c++) {
			final double rel = sep[0][c] / sep[1][c];
			assertEquals(0.05, rel, 0.2 * 0.05, "channel " + (c + 1) + ": " + rel);
		}
		// each channel's range is its own: the dim one's about a tenth of the bright one's
		assertEquals(0.1, sep[1][1] / sep[1][0], 0.01);
		// the row names the noise in the channel's own values: σ times its range
		final int row = out.getStackIndex(2, 1, 2) - 1;
		assertEquals(0.05 * (t.getValue("intensity_high", row) - t.getValue("intensity_low", row)), t.getValue(
			"noise_sigma_value", row), 1e-9);
		// one range for both (the old behaviour) makes the dim channel's noise about 10x stronger than asked
		final FaigCommand pooled = run(SynthesizeDegradationsCommand.class, "image", imp, "with_blur", false,
			"with_blur_noise", false, "noise_sigma", 0.05, "seed", 3L, "normalize_channels", "together");
		final double[][] together = noise((ImagePlus) pooled.getOutput("degraded"), (ResultsTable) pooled.getOutput(
			"parameters"), 2);
		assertTrue(together[0][1] / sep[1][1] > 0.3, "dim channel, one range for both: noise " + together[0][1] +
			" against its range " + sep[1][1]);
	}

	@Test
	void aTimeLapseKeepsItsFramesAndGetsItsVariantsAsChannels() throws Exception {
		final ImagePlus imp = dimmerChannels(2, 1, 3);
		final Calibration cal = imp.getCalibration();
		cal.pixelWidth = 0.2;
		cal.pixelHeight = 0.2;
		cal.setUnit("um");
		cal.frameInterval = 2;
		cal.setTimeUnit("s");
		final FaigCommand m = run(SynthesizeDegradationsCommand.class, "image", imp, "with_noise", false,
			"with_blur_noise", false);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ImagePlus out = (ImagePlus) m.getOutput("degraded");
		assertEquals(4, out.getNChannels(), "2 channels x clean, blur");
		assertEquals(1, out.getNSlices());
		assertEquals(3, out.getNFrames(), "the frames are still the time-lapse's");
		assertEquals(2, out.getCalibration().frameInterval, 1e-12);
		assertEquals(0.4, out.getCalibration().pixelWidth, 1e-12);
		final ResultsTable t = (ResultsTable) m.getOutput("parameters");
		// channel 3 = channel 1 of the blurry variant; frame 2 is the source's frame 2
		final int i = out.getStackIndex(3, 1, 2) - 1;
		assertEquals("blur", t.getStringValue("variant", i));
		assertEquals(1, (int) t.getValue("channel", i));
		assertEquals(1, (int) t.getValue("z_slice", i));
		assertEquals(2, (int) t.getValue("frame", i));
		assertEquals(imp.getStackIndex(1, 1, 2), (int) t.getValue("source_slice", i));
		// a stack without a time axis gets them as frames, which are then no times
		final ImagePlus z = dimmerChannels(2, 2, 1);
		z.getCalibration().frameInterval = 5;
		final ImagePlus zOut = (ImagePlus) run(SynthesizeDegradationsCommand.class, "image", z, "with_noise", false,
			"with_blur_noise", false).getOutput("degraded");
		assertEquals(2, zOut.getNChannels());
		assertEquals(2, zOut.getNSlices());
		assertEquals(2, zOut.getNFrames());
		assertEquals(0, zOut.getCalibration().frameInterval, 1e-12);
	}

	@Test
	void calibrationAndTheLookComeBackAsTheyCame() throws Exception {
		final ImagePlus grey = ImageFiles.open(new File("src/demo/images/building.png"), "photo");
		final ImagePlus eight = new ImagePlus("fire", grey.getProcessor().convertToByte(false).crop());
		final LUT red = LUT.createLutFromColor(java.awt.Color.red);
		eight.getProcessor().setLut(red);
		eight.setDisplayRange(20, 180);
		final ImagePlus lr = (ImagePlus) run(SynthesizeDegradationsCommand.class, "image", eight, "with_noise", false,
			"with_blur_noise", false).getOutput("degraded");
		assertEquals(1.0, lr.getCalibration().pixelWidth, "uncalibrated stays uncalibrated: not '2 pixel'");
		assertFalse(lr.getCalibration().scaled());
		assertEquals(20, lr.getDisplayRangeMin());
		assertEquals(180, lr.getDisplayRangeMax());
		assertEquals(0, lr.getProcessor().getLut().getGreen(255) & 0xff, "the red LUT");
		// a composite's channels each keep their LUT and display range
		final CompositeImage comp = (CompositeImage) dimmerChannels(2, 1, 1);
		comp.setChannelLut(LUT.createLutFromColor(java.awt.Color.green), 2);
		comp.setPosition(2, 1, 1);
		comp.setDisplayRange(120, 300);
		final CompositeImage out = (CompositeImage) run(SynthesizeDegradationsCommand.class, "image", comp,
			"with_noise", false, "with_blur_noise", false).getOutput("degraded");
		final LUT c2 = out.getChannelLut(2);
		assertEquals(120, c2.min);
		assertEquals(300, c2.max);
		assertEquals(255, c2.getGreen(255) & 0xff);
		assertEquals(0, c2.getRed(255) & 0xff);
	}

	/** Predict decides each channel on its own scale: a 10x dimmer copy of a channel gets the same answer. */
	@Test
	void predictionDoesNotDependOnAChannelsBrightness() throws Exception {
		assumeTrue(new File("sample-models/filter-sets-msrresnet-x2/filter_sets.json").isFile(), "sample sets absent");
		final ByteProcessor crop = greyCrop(100, 60, 64);
		final ImageStack st = new ImageStack(64, 64);
		for (final int f : new int[] { 10, 1 }) {
			final ShortProcessor sp = new ShortProcessor(64, 64);
			for (int i = 0; i < 64 * 64; i++) sp.set(i, 100 + f * crop.get(i));
			st.addSlice(null, sp);
		}
		final ImagePlus two = IJ.createHyperStack("two", 64, 64, 2, 1, 1, 16);
		two.setStack(st, 2, 1, 1);
		final FaigCommand m = run(PredictDegradationCommand.class, "image", two);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ResultsTable t = (ResultsTable) m.getOutput("predictions");
		assertEquals(2, t.size());
		assertEquals(t.getStringValue("decision", 0), t.getStringValue("decision", 1));
		assertEquals(t.getValue("os_blur", 0), t.getValue("os_blur", 1), 0.02);
		assertEquals(t.getValue("os_noise", 0), t.getValue("os_noise", 1), 0.02);
	}

	/**
	 * Must-show of #28: a grey photograph as 12-bit data in a 16-bit file (grey × 15 + 100) gets, with the defaults,
	 * the answers its 8-bit version gets: Blind SR's output rescaled within 45 dB of the 8-bit output (compared
	 * within [0, 255], where the 8-bit type clips its output) and Predict Degradation's decisions, clean and blurry.
	 */
	@Test
	void twelveBitDataGetsTheAnswersOfItsEightBitVersion() throws Exception {
		assumeTrue(new File("sample-models/filter-sets-msrresnet-x2/filter_sets.json").isFile(), "sample sets absent");
		final ByteProcessor clean = greyCrop(100, 60, 64);
		final ByteProcessor blurry = (ByteProcessor) clean.duplicate();
		blurry.blurGaussian(2);
		for (final ByteProcessor eight : new ByteProcessor[] { clean, blurry }) {
			final ShortProcessor sixteen = twelveBit(eight);
			final ImageProcessor sr8 = ((ImagePlus) run(BlindSuperResolutionCommand.class, "image", new ImagePlus("e",
				eight)).getOutput("super_resolved")).getProcessor();
			final ImagePlus sr16 = (ImagePlus) run(BlindSuperResolutionCommand.class, "image", new ImagePlus("s",
				sixteen)).getOutput("super_resolved");
			assertEquals(16, sr16.getBitDepth());
			double se = 0;
			for (int i = 0; i < sr8.getPixelCount(); i++) {
				final double r = Math.max(0, Math.min(255, (sr16.getProcessor().getf(i) - 100) / 15.0));
				se += (r - sr8.getf(i)) * (r - sr8.getf(i));
			}
			final double psnr = 10 * Math.log10(255.0 * 255 / (se / sr8.getPixelCount()));
			assertTrue(psnr >= 45, "16-bit SR rescaled vs 8-bit SR: " + psnr + " dB");
			final ResultsTable p8 = (ResultsTable) run(PredictDegradationCommand.class, "image", new ImagePlus("e",
				eight)).getOutput("predictions");
			final ResultsTable p16 = (ResultsTable) run(PredictDegradationCommand.class, "image", new ImagePlus("s",
				sixteen)).getOutput("predictions");
			assertEquals(p8.getStringValue("decision", 0), p16.getStringValue("decision", 0));
			assertEquals(p8.getValue("os_blur", 0), p16.getValue("os_blur", 0), 0.03);
			assertEquals(p8.getValue("os_noise", 0), p16.getValue("os_noise", 0), 0.03);
		}
	}

	/**
	 * Trial finding (#28): Synthesize's noise on 12-bit data stays within the bit depth's range, as the 8-bit
	 * version's stays within [0, 255], and the grey pair finds it as it finds the 8-bit version's.
	 */
	@Test
	void syntheticNoiseOnTwelveBitDataStaysInItsRangeAndIsFound() throws Exception {
		assumeTrue(new File("sample-models/filter-sets-msrresnet-x2-grey/filter_sets.json").isFile(), "grey sets absent");
		final ByteProcessor eight = greyCrop(80, 40, 128);
		final ShortProcessor sixteen = twelveBit(eight);
		for (final ImagePlus in : new ImagePlus[] { new ImagePlus("e", eight), new ImagePlus("s", sixteen) }) {
			final ImagePlus lr = (ImagePlus) run(SynthesizeDegradationsCommand.class, "image", in, "with_clean", false,
				"with_blur", false, "with_blur_noise", false, "seed", 1L).getOutput("degraded");
			final ImageProcessor noisy = lr.getProcessor();
			if (in.getBitDepth() == 16) {
				assertTrue(noisy.getStats().max <= 4095, "within 12 bits: " + noisy.getStats().max);
				assertTrue(noisy.getStats().max == 4095, "clipped where the 8-bit version clips at 255");
			}
			final ResultsTable p = (ResultsTable) run(PredictDegradationCommand.class, "image", new ImagePlus("n",
				noisy), "filter_sets", "filter-sets-msrresnet-x2-grey").getOutput("predictions");
			assertEquals("noise", p.getStringValue("decision", 0), in.getBitDepth() + "-bit: OS_noise " + p.getValue(
				"os_noise", 0));
		}
		// a clean variant keeps what the input had, even beyond the range (a hot pixel): only noise is clipped
		sixteen.set(6, 6, 65535);
		final ImagePlus clean = (ImagePlus) run(SynthesizeDegradationsCommand.class, "image", new ImagePlus("hot",
			sixteen), "with_noise", false, "with_blur", false, "with_blur_noise", false).getOutput("degraded");
		assertTrue(clean.getProcessor().getStats().max > 16000, "the hot pixel's block mean: " + clean.getProcessor()
			.getStats().max);
	}
}
