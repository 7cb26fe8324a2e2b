package io.github.faig.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;
import ij.measure.Calibration;
import ij.measure.ResultsTable;
import ij.process.ShortProcessor;
import io.github.faig.SciJavaTest;
import io.github.faig.ij.ImageFiles;

/** Hyperstacks keep their channels, slices, frames and calibration; selections limit the work. */
class HyperstackTest extends SciJavaTest {

	/** A 16-bit hyperstack, c channels × z slices × t frames, each plane a different brightness. */
	static ImagePlus hyperstack(final int w, final int h, final int c, final int z, final int t) {
		final ImageStack st = new ImageStack(w, h);
		for (int i = 0; i < c * z * t; i++) {
			final ShortProcessor sp = new ShortProcessor(w, h);
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) sp.set(x, y, 200 + 100 * i + (int) (50 * Math.sin(x / 5.0 + y / 7.0)));
			}
			st.addSlice("plane" + (i + 1), sp);
		}
		final ImagePlus imp = IJ.createHyperStack("hs", w, h, c, z, t, 16);
		imp.setStack(st, c, z, t);
		final Calibration cal = new Calibration();
		cal.pixelWidth = 0.2;
		cal.pixelHeight = 0.2;
		cal.pixelDepth = 0.5;
		cal.frameInterval = 3;
		cal.setUnit("um");
		imp.setCalibration(cal);
		return new CompositeImage(imp, IJ.COMPOSITE);
	}

	@Test
	void aTwoChannelThreeSliceTwoFrameHyperstackKeepsItsDimensionsThroughBlindSr() throws Exception {
		final ImagePlus hs = hyperstack(24, 20, 2, 3, 2);
		assertTrue(hs.isHyperStack());
		final FaigCommand m = run(BlindSuperResolutionCommand.class, "image", hs, "model", "srcnn-x2-target");
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ImagePlus out = (ImagePlus) m.getOutput("super_resolved");
		assertEquals(2, out.getNChannels());
		assertEquals(3, out.getNSlices());
		assertEquals(2, out.getNFrames());
		assertTrue(out.isHyperStack());
		assertTrue(out.isComposite());
		assertEquals(16, out.getBitDepth());
		assertEquals(48, out.getWidth());
		final Calibration cal = out.getCalibration();
		assertEquals(0.1, cal.pixelWidth, 1e-12);
		assertEquals(0.5, cal.pixelDepth, 1e-12);
		assertEquals(3, cal.frameInterval, 1e-12);
		assertEquals(hs.getCalibration().getUnit(), cal.getUnit());
		// plane order kept: channel 2, slice 3, frame 2 is the brightest plane, as in the input
		final int last = out.getStackIndex(2, 3, 2);
		assertEquals(12, last);
		assertTrue(out.getStack().getProcessor(12).getStats().mean > out.getStack().getProcessor(1).getStats().mean +
			900);
	}

	@Test
	void aSelectionLimitsBlindSrToItsBox() throws Exception {
		final ImagePlus hs = hyperstack(40, 36, 1, 2, 1);
		hs.setRoi(new Roi(4, 6, 20, 18));
		final FaigCommand m = run(BlindSuperResolutionCommand.class, "image", hs, "model", "srcnn-x2-target");
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ImagePlus out = (ImagePlus) m.getOutput("super_resolved");
		assertEquals(40, out.getWidth());
		assertEquals(36, out.getHeight());
		assertEquals(2, out.getStackSize());
	}

	@Test
	void synthesisKeepsChannelsAndSlicesAndStacksVariantsAsFrames() throws Exception {
		final ImagePlus hs = hyperstack(24, 20, 2, 3, 1);
		final FaigCommand m = run(SynthesizeDegradationsCommand.class, "image", hs, "with_noise", false,
			"with_blur_noise", false);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ImagePlus out = (ImagePlus) m.getOutput("degraded");
		assertEquals(2, out.getNChannels());
		assertEquals(3, out.getNSlices());
		assertEquals(2, out.getNFrames(), "clean and blur as two frames");
		assertEquals(16, out.getBitDepth());
		assertEquals(0.4, out.getCalibration().pixelWidth, 1e-12);
		assertEquals(0.5, out.getCalibration().pixelDepth, 1e-12);
		final ResultsTable t = (ResultsTable) m.getOutput("parameters");
		// frame 2, channel 1, slice 1 is the blurry variant of source plane 1
		final int i = out.getStackIndex(1, 1, 2) - 1;
		assertEquals("blur", t.getStringValue("variant", i));
		assertEquals(1, (int) t.getValue("source_slice", i));
	}

	@Test
	void predictReadsEveryPlaneOfEveryFileAndNamesItsPosition(@TempDir final Path dir)
		throws Exception
	{
		final File in = dir.resolve("in").toFile();
		assertTrue(in.mkdir());
		// a 2-channel, 2-frame hyperstack file and a single image
		ImageFiles.save(hyperstack(32, 32, 2, 1, 2), new File(in, "hs.tif"));
		ImageFiles.save(new ImagePlus("one", hyperstack(32, 32, 1, 1, 1).getProcessor()),
			new File(in, "one.tif"));
		final FaigCommand m = run(PredictDegradationCommand.class, "input_dir", in, "normalization", "min-max");
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ResultsTable t = (ResultsTable) m.getOutput("predictions");
		assertEquals(5, t.size(), "4 planes of hs.tif and 1 of one.tif");
		assertEquals("hs.tif:3", t.getStringValue("image", 2));
		// stack index 3 of a 2-channel hyperstack is channel 1 of frame 2
		assertEquals(1, (int) t.getValue("channel", 2));
		assertEquals(1, (int) t.getValue("slice", 2));
		assertEquals(2, (int) t.getValue("frame", 2));
		assertEquals(2, (int) t.getValue("channel", 3));
		assertEquals("one.tif", t.getStringValue("image", 4));
	}
}
