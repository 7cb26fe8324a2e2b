package io.github.faig.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ImageStatistics;
import ij.process.ShortProcessor;
import io.github.faig.SciJavaTest;
import io.github.faig.ij.ImageFiles;

/**
 * Bit depth and range fidelity through the commands, headless on files: 16-bit microscopy data stays 16-bit in its
 * own range, 32-bit data outside [0, 1] stays 32-bit in its range.
 */
class BitDepthTest extends SciJavaTest {

	/** 12-bit data in a 16-bit image: smooth structure between 100 and 3942, as a microscope writes it. */
	static ImagePlus twelveBit(final int w, final int h) {
		final ShortProcessor sp = new ShortProcessor(w, h);
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				final double t = 0.5 + 0.5 * Math.sin(x / 10.0) * Math.cos(y / 13.0);
				sp.set(x, y, (int) Math.round(100 + t * 3842));
			}
		}
		return new ImagePlus("cells.tif", sp);
	}

	@Test
	void twelveBitDataStaysSixteenBitInItsRangeThroughSynthesisAndSr(@TempDir final Path dir) throws Exception {
		final ImagePlus hr = twelveBit(64, 64);
		final File in = dir.resolve("cells.tif").toFile();
		ImageFiles.save(hr, in);
		final File lrDir = dir.resolve("lr").toFile();
		assertTrue(lrDir.mkdir());
		FaigCommand m = run(SynthesizeDegradationsCommand.class, "input_file", in, "output_dir", lrDir,
			"normalization", "min-max", "noise_sigma", 0.02, "seed", 4L);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ImagePlus lr = IJ.openImage(new File(lrDir, "cells_degraded.tif").getPath());
		assertEquals(16, lr.getBitDepth());
		assertEquals(4, lr.getStackSize());
		// clean LR: each pixel is the mean of its 2x2 block, rounded to a 16-bit level
		final ImageProcessor clean = lr.getStack().getProcessor(1);
		for (int y = 0; y < 32; y++) {
			for (int x = 0; x < 32; x++) {
				final double mean = (hr.getProcessor().get(2 * x, 2 * y) + hr.getProcessor().get(2 * x + 1, 2 * y) + hr
					.getProcessor().get(2 * x, 2 * y + 1) + hr.getProcessor().get(2 * x + 1, 2 * y + 1)) / 4.0;
				assertEquals(mean, clean.get(x, y), 0.5 + 1e-3, "clean LR at " + x + "," + y);
			}
		}
		// blur and block mean are convex combinations: within the data's range; the noisy ones near it
		for (int s = 1; s <= 4; s++) {
			final ImageStatistics st = lr.getStack().getProcessor(s).getStats();
			final double slack = s <= 2 ? 0 : 5 * 0.02 * 3842;
			assertTrue(st.min >= 100 - slack && st.max <= 3942 + slack, "slice " + s + ": " + st.min + ".." + st.max);
		}
		// the same with the default (auto: the bit depth's range for 16-bit): still 16-bit, and the clean LR is the same block mean
		final ImagePlus typeRange = (ImagePlus) run(SynthesizeDegradationsCommand.class, "input_file", in,
			"with_noise", false, "with_blur_noise", false).getOutput("degraded");
		assertEquals(16, typeRange.getBitDepth());
		assertEquals(clean.get(10, 10), typeRange.getStack().getProcessor(1).get(10, 10), 1.0);

		final File cleanFile = dir.resolve("clean.tif").toFile();
		ImageFiles.save(new ImagePlus("clean", clean), cleanFile);
		final File srDir = dir.resolve("sr").toFile();
		assertTrue(srDir.mkdir());
		m = run(BlindSuperResolutionCommand.class, "input_file", cleanFile, "model", "msrresnet-x2-target",
			"output_dir", srDir);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ImagePlus sr = IJ.openImage(new File(srDir, "clean_x2_msrresnet-x2-target.tif").getPath());
		assertEquals(16, sr.getBitDepth());
		assertEquals(64, sr.getWidth());
		final ImageStatistics in16 = clean.getStats();
		final ImageStatistics out16 = sr.getProcessor().getStats();
		assertEquals(in16.mean, out16.mean, 0.03 * in16.mean, "mean intensity is kept");
		final ImagePlus mm = (ImagePlus) run(BlindSuperResolutionCommand.class, "input_file", cleanFile, "model",
			"msrresnet-x2-target", "normalization", "min-max").getOutput("super_resolved");
		assertEquals(16, mm.getBitDepth());
		assertEquals(in16.mean, mm.getProcessor().getStats().mean, 0.03 * in16.mean);
		// the type range shows the networks a dark image, whose edges overshoot little in the image's own values
		final ImageStatistics tr = ((ImagePlus) run(BlindSuperResolutionCommand.class, "input_file", cleanFile, "model",
			"msrresnet-x2-target", "normalization", "type-range").getOutput("super_resolved")).getProcessor().getStats();
		assertTrue(tr.min >= 0.5 * in16.min && tr.max <= 1.1 * in16.max, tr.min + ".." + tr.max);
	}

	@Test
	void floatDataOutsideTheUnitIntervalStaysFloatInItsRange() throws Exception {
		final FloatProcessor fp = new FloatProcessor(48, 40);
		for (int y = 0; y < 40; y++) {
			for (int x = 0; x < 48; x++) fp.setf(x, y, (float) (500 + 500 * Math.sin(x / 5.0) * Math.cos(y / 7.0)));
		}
		final ImageStatistics in = fp.getStats();
		assertTrue(in.min >= 0 && in.max <= 1000 && in.max > 900);
		final FaigCommand m = run(BlindSuperResolutionCommand.class, "image", new ImagePlus("f", fp), "model",
			"msrresnet-x2-target");
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ImagePlus out = (ImagePlus) m.getOutput("super_resolved");
		assertEquals(32, out.getBitDepth());
		final ImageStatistics st = out.getProcessor().getStats();
		assertEquals(in.mean, st.mean, 0.03 * (in.max - in.min));
		assertTrue(st.min > -50 && st.max < 1050, st.min + ".." + st.max);
	}

	@Test
	void outputTypeFollowsTheInputUnlessFloatIsAskedFor() throws Exception {
		final ImagePlus eight = new ImagePlus("b", twelveBit(32, 32).getProcessor().convertToByte(true));
		ImagePlus out = (ImagePlus) run(BlindSuperResolutionCommand.class, "image", eight, "model",
			"srcnn-x2-target").getOutput("super_resolved");
		assertEquals(8, out.getBitDepth());
		out = (ImagePlus) run(BlindSuperResolutionCommand.class, "image", eight, "model", "srcnn-x2-target",
			"float_output", true).getOutput("super_resolved");
		assertEquals(32, out.getBitDepth());
		// 32-bit in the input's own range (8-bit: 0..255), not the network's [0, 1]
		assertTrue(out.getProcessor().getStats().mean > 20, "mean " + out.getProcessor().getStats().mean);
		final ImageStack st = new ImageStack(32, 32);
		st.addSlice(twelveBit(32, 32).getProcessor());
		out = (ImagePlus) run(BlindSuperResolutionCommand.class, "image", new ImagePlus("s", st), "model",
			"srcnn-x2-target", "normalization", "percentile", "low_percentile", 2.0, "high_percentile", 98.0)
			.getOutput("super_resolved");
		assertEquals(16, out.getBitDepth());
		final FaigCommand bad = run(BlindSuperResolutionCommand.class, "image", eight, "model", "srcnn-x2-target",
			"normalization", "percentile", "low_percentile", 90.0, "high_percentile", 10.0);
		assertTrue(bad.isCanceled() && bad.getCancelReason().contains("low_percentile"), bad.getCancelReason());
	}
}
