package io.github.faig.macro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.awt.Color;
import java.io.File;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import io.github.faig.SciJavaTest;
import io.github.faig.command.BlindSuperResolutionCommand;
import io.github.faig.command.FaigCommand;
import io.github.faig.command.SynthesizeDegradationsCommand;
import io.github.faig.ij.ImageFiles;

/**
 * In Fiji, imagej-legacy fills a command's one {@code ImagePlus} input with the current image before the macro's
 * options are applied. A macro or headless line that names {@code input_file} must still process that file.
 */
class ExplicitInputTest extends SciJavaTest {

	@AfterEach
	void noActiveImage() {
		ActiveImagePreprocessor.active = null;
		MacroOptionsPreprocessor.options = null;
	}

	private static File file(final Path dir, final int w, final int h) throws Exception {
		final ColorProcessor cp = new ColorProcessor(w, h);
		cp.setColor(Color.ORANGE);
		cp.fillOval(2, 2, w - 4, h - 4);
		final File f = dir.resolve("named.png").toFile();
		ImageFiles.save(new ImagePlus("named.png", cp), f);
		return f;
	}

	@Test
	void theFileIsProcessedWhateverImageIsOpen(@TempDir final Path dir) throws Exception {
		final File f = file(dir, 40, 30);
		final ImagePlus open = new ImagePlus("open.tif", new ByteProcessor(64, 64));
		ActiveImagePreprocessor.active = open;
		// the preprocessor really fills the input: without input_file the open image is used
		FaigCommand m = run(SynthesizeDegradationsCommand.class, "with_noise", false, "with_blur_noise", false);
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertSame(open, m.getInput("image"));
		assertEquals(32, ((ImagePlus) m.getOutput("degraded")).getWidth());
		// with input_file (as the headless runner passes it), the file wins
		m = run(SynthesizeDegradationsCommand.class, "input_file", f, "with_noise", false, "with_blur_noise", false);
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertSame(open, m.getInput("image"), "the active image was filled in");
		ImagePlus out = (ImagePlus) m.getOutput("degraded");
		assertEquals(20, out.getWidth());
		assertEquals(24, out.getBitDepth());
		assertEquals("named", ((ResultsTable) m.getOutput("parameters")).getStringValue("label", 0).split(" ")[0]);
	}

	@Test
	void aMacroNamingAFileProcessesItThroughBothPreprocessors(@TempDir final Path dir) throws Exception {
		final File f = file(dir, 36, 28);
		ActiveImagePreprocessor.active = new ImagePlus("open.tif", new ByteProcessor(64, 64));
		MacroOptionsPreprocessor.options = "input_file=[" + f.getPath() + "] model=srcnn-x2-target";
		final FaigCommand m = run(BlindSuperResolutionCommand.class);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ImagePlus out = (ImagePlus) m.getOutput("super_resolved");
		assertEquals(72, out.getWidth());
		assertEquals(56, out.getHeight());
		assertEquals(24, out.getBitDepth());
	}
}
