package io.github.faig.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import io.github.faig.SciJavaTest;

/**
 * The usual scripting pattern, {@code CommandService.run(SomeCommand.class, process, inputs).get()}, hands back the
 * command's module with its outputs, or, when the run failed, cancelled with the one-line reason (issue #27: it used
 * to hand back {@code null} for every FAIG command).
 */
class CommandServiceRunTest extends SciJavaTest {

	private static ImagePlus ramp(final int w, final int h) {
		final ByteProcessor p = new ByteProcessor(w, h);
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) p.set(x, y, (x * 7 + y * 3) & 0xff);
		return new ImagePlus("ramp", p);
	}

	@Test
	void theModuleComesBackWithItsOutputs() throws Exception {
		for (final boolean process : new boolean[] { true, false }) {
			final CommandModule m = context.service(CommandService.class).run(SynthesizeDegradationsCommand.class,
				process, "image", ramp(24, 20), "with_noise", false, "with_blur_noise", false).get(120, TimeUnit.SECONDS);
			assertNotNull(m, "process=" + process);
			assertFalse(m.isCanceled(), m.getCancelReason());
			final ImagePlus degraded = (ImagePlus) m.getOutput("degraded");
			// x2 down-sampling of 24 x 20, clean and blur slices (noise variants switched off)
			assertEquals(12, degraded.getWidth());
			assertEquals(10, degraded.getHeight());
			assertEquals(2, degraded.getStackSize());
			assertTrue(m.getDelegateObject() instanceof SynthesizeDegradationsCommand);
			assertSame(degraded, ((FaigCommand) m.getDelegateObject()).getOutput("degraded"));
			assertTrue(((FaigCommand) m.getDelegateObject()).completed());
		}
		// by class name, as Python scripts often do
		final CommandModule m = context.service(CommandService.class).run(SynthesizeDegradationsCommand.class.getName(),
			true, "image", ramp(8, 8), "with_noise", false, "with_blur_noise", false).get(120, TimeUnit.SECONDS);
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertEquals(4, ((ImagePlus) m.getOutput("degraded")).getWidth());
	}

	@Test
	void aFailedRunComesBackCancelledWithItsReason() throws Exception {
		final CommandModule m = context.service(CommandService.class).run(SynthesizeDegradationsCommand.class, true,
			"image", ramp(16, 16), "blur_sigma", -1.0).get(120, TimeUnit.SECONDS);
		assertNotNull(m);
		assertTrue(m.isCanceled());
		// the numbers as written (-1, not -1.0)
		assertEquals("SynthesizeDegradations: blur_sigma must be at least " + io.github.faig.degrade.DegradationParams
			.BLUR_MIN + ", got -1", m.getCancelReason());
		assertEquals(null, m.getOutput("degraded"));
	}
}
