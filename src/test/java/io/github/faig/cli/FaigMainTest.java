package io.github.faig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;
import io.github.faig.ij.ImageFiles;

/** The headless launcher on files, with Fiji's --run syntax. */
class FaigMainTest {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();
	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private int run(final String... args) {
		return FaigMain.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
			StandardCharsets.UTF_8), args);
	}

	@Test
	void runsACommandByLabelOnFiles(@TempDir final Path dir) throws Exception {
		final File in = dir.resolve("a.png").toFile();
		final ColorProcessor cp = new ColorProcessor(33, 21);
		cp.setColor(Color.ORANGE);
		cp.fillOval(5, 5, 12, 9);
		ImageFiles.save(new ImagePlus("a", cp), in);
		final int rc = run("--run", "FAIG Synthesize Degradations", "input_file='" + in + "',blur_sigma=2.0," +
			"noise_sigma=0.0,output_dir='" + dir + "'");
		assertEquals(0, rc, err.toString());
		assertTrue(new File(dir.toFile(), "a_degraded.tif").isFile());
		assertTrue(new File(dir.toFile(), "a_blur.png").isFile());
		final ImagePlus blur = IJ.openImage(new File(dir.toFile(), "a_blur.png").getPath());
		assertEquals(16, blur.getWidth());
		assertEquals(10, blur.getHeight());
	}

	@Test
	void failuresExitNonZeroWithTheReason(@TempDir final Path dir) {
		assertEquals(1, run("--run", "FAIG Synthesize Degradations", "input_file='" + dir.resolve("none.png") +
			"',output_dir='" + dir + "'"));
		assertTrue(err.toString().contains("input_file"), err.toString());
		assertEquals(0, dir.toFile().list().length);
		// an unknown input makes the line itself wrong: status 2
		assertEquals(2, run("--run", "FAIG Synthesize Degradations", "input_file='x.png',blur_sigmaa=2"));
		assertTrue(err.toString().contains("blur_sigmaa"), err.toString());
		assertEquals(2, run("--run", "No Such Command", "a=1"));
	}

	@Test
	void listsTheCommands() {
		assertEquals(0, run("--list"));
		assertTrue(out.toString().contains("FAIG Synthesize Degradations"));
		assertTrue(out.toString().contains("blur_sigma"));
		// a model input names what it takes
		assertTrue(out.toString().matches("(?s).*\\n    model : String = msrresnet-x2-target  bundled or installed: [^\\n]*" +
			"srcnn-x2-target[^\\n]*; or a folder/\\.zip path\\n.*"), out.toString());
		assertTrue(out.toString().matches("(?s).*\\n    filter_sets : String = filter-sets-msrresnet-x2  \\(optional\\)  " +
			"bundled or installed: [^\\n]*filter-sets-srcnn-x2[^\\n]*; or a folder path\\n.*"), out.toString());
		// so does the folder input filter_sets of Masking Experiment and Calibrate Thresholds (trial finding)
		assertEquals(2, out.toString().split("\\n    filter_sets : File  bundled or installed: [^\\n]*filter-sets-srcnn-x2" +
			"[^\\n]*; or a folder path\\n", -1).length - 1, out.toString());
	}
}
