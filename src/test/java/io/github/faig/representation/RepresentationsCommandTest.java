package io.github.faig.representation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.faig.command.ComputeFiltersCommandTest;
import io.github.faig.command.DegradationRepresentationsCommand;
import io.github.faig.command.FaigCommand;

class RepresentationsCommandTest {

	@Test
	void classesParse() {
		final List<DegradationClass> c = DegradationClass.parse(DegradationClass.DEFAULT);
		assertEquals(6, c.size());
		assertEquals("blur2+noise0.1", c.get(5).label());
		assertEquals(0.05, c.get(3).noiseSigma(), 0);
		assertThrows(IllegalArgumentException.class, () -> DegradationClass.parse("clean"));
		assertThrows(IllegalArgumentException.class, () -> DegradationClass.parse("clean;blur:-1"));
		assertThrows(IllegalArgumentException.class, () -> DegradationClass.parse("clean;jpeg:30"));
	}

	@Test
	void commandSweepsLayersAndComparesModels(@TempDir final Path dir) throws Exception {
		final File[] f = ComputeFiltersCommandTest.setUp(dir);
		final File out = dir.resolve("out").toFile();
		assertTrue(out.mkdir());
		try (Context ctx = new Context()) {
			final FaigCommand m = FaigCommand.run(ctx, DegradationRepresentationsCommand.class, "model", f[0].getPath(),
				"comparison", f[1].getPath(), "input_dir", f[2], "classes",
				"clean;blur:2;noise:0.1", "patch_size", 12, "patches", 4, "sweep_layers", true, "components", 5,
				"output_dir", out);
			assertFalse(m.isCanceled(), m.getCancelReason());
			final ResultsTable t = (ResultsTable) m.getOutput("representations");
			// Two models x taps of MSRResNet(8 feat, 2 blocks): conv_first, body.0, body.1, upconv1, conv_hr.
			assertEquals(10, t.size());
			for (int r = 0; r < t.size(); r++) {
				assertTrue(t.getValue("chi_pca", r) > 0);
				final double acc = t.getValue("identification_accuracy_heldout", r);
				assertTrue(acc >= 0 && acc <= 1);
			}
			assertTrue(((ImagePlus) m.getOutput("embedding")).getWidth() > 300);
			for (final String n : new String[] { "representations.csv", "embedding.png", "chi_by_depth.png",
				"vectors_pca.csv" })
			{
				assertTrue(new File(out, n).isFile(), n);
			}
			final FaigCommand bad = FaigCommand.run(ctx, DegradationRepresentationsCommand.class, "model", f[0]
				.getPath(), "input_dir", f[2], "patch_size", 12, "layer", "body.9");
			assertTrue(bad.isCanceled());
			assertTrue(bad.getCancelReason().contains("body.9"), bad.getCancelReason());
		}
	}
}
