package io.github.faig.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.command.CommandService;

import io.github.faig.SciJavaTest;
import io.github.faig.command.FaigCommand;
import io.github.faig.command.SynthesizeDegradationsCommand;

/** The demo's SRCNN-style step alone: the shipped sets' layer counts and one prediction, by bundled name. */
class DemoSrcnnStepTest extends SciJavaTest {

	@Test
	void showsTheSrcnnSetsAndOnePrediction(@TempDir final Path dir) throws Exception {
		assumeTrue(new File("sample-models/" + DemoSteps.SRCNN_FILTER_SETS + "/filter_sets.json").isFile(),
			"SRCNN-style filter sets absent");
		final File photo = new File("src/demo/images/home.png");
		final File degraded = dir.resolve("deg").toFile();
		assertTrue(degraded.mkdir());
		final FaigCommand m = run(SynthesizeDegradationsCommand.class, "input_file", photo, "seed", 1L, "output_dir",
			degraded);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final File out = dir.resolve("out").toFile();
		assertTrue(out.mkdir());
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		DemoSteps.srcnnPair(context.service(CommandService.class), photo, degraded, out, new PrintStream(bytes, true,
			StandardCharsets.UTF_8));
		final String text = bytes.toString(StandardCharsets.UTF_8);
		assertTrue(text.contains("8. The SRCNN-style pair (srcnn-x2-baseline -> srcnn-x2-target)"), text);
		assertTrue(text.contains("features.0 "), text);
		assertTrue(text.matches("(?s).*-> (clean|blur|noise|blur\\+noise), .*"), text);
		assertTrue(new File(out, "predictions.csv").isFile());
	}
}
