package io.github.faig.macro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.HeadlessException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.macro.Interpreter;
import ij.process.ColorProcessor;
import io.github.faig.SciJavaTest;
import io.github.faig.ij.ImageFiles;

/**
 * The batch macros of {@code macros/} run by ImageJ 1's own macro interpreter, with {@code run("FAIG …")} bridged
 * to the commands as imagej-legacy does (the {@link LegacyBridge} stand-in, so that it runs without a Fiji). The
 * same cases run in a real Fiji, in batch mode, in {@code io.github.faig.fiji.MacrosIT} whenever a Fiji is given.
 */
class MacroRunTest extends SciJavaTest {

	@BeforeAll
	static void bridgeCommands() throws Exception {
		LegacyBridge.install(context);
	}

	/** Runs a macro of macros/ with an argument string; returns what it printed. */
	private static String runMacro(final String name, final String arg) throws Exception {
		final Interpreter interp = new Interpreter();
		final String said = runCode(interp, Files.readString(new File("macros", name).toPath()), arg);
		assertEquals(null, interp.getErrorMessage(), name + " stopped at line " + interp.getLineNumber());
		return said;
	}

	/** Runs macro code with an argument string in the given interpreter; returns what it printed. */
	private static String runCode(final Interpreter interp, final String code, final String arg) throws Exception {
		final PrintStream old = System.out;
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
		try {
			interp.run(code, arg);
		}
		catch (final HeadlessException e) {
			// IJ1 shows macro errors in a dialog; headless, the message is still there
		}
		finally {
			System.setOut(old);
		}
		final String said = bytes.toString(StandardCharsets.UTF_8);
		old.print(said);
		return said;
	}

	private static void photo(final File f, final int w, final int h) throws Exception {
		final ColorProcessor cp = new ColorProcessor(w, h);
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) cp.set(x, y, (x * 7 & 0xff) << 16 | (y * 5 & 0xff) << 8);
		ImageFiles.save(new ImagePlus(f.getName(), cp), f);
	}

	/**
	 * A failed command stops the macro at its line, with the command's message as the macro's error, as ImageJ's own
	 * commands do (trial finding: the macro went on); the lines before it ran, the line after it did not.
	 */
	@Test
	void aFailedCommandStopsTheMacro(@TempDir final Path dir) throws Exception {
		final File img = dir.resolve("a.png").toFile();
		photo(img, 24, 20);
		final Interpreter interp = new Interpreter();
		final String said = runCode(interp, String.join("\n", "setBatchMode(true);", "print(\"before\");",
			"run(\"FAIG Synthesize Degradations\", \"input_file=[" + img + "] blur_sigma=-1\");",
			"print(\"after\");", ""), "");
		assertTrue(said.contains("before") && !said.contains("after"), said);
		assertTrue(String.valueOf(interp.getErrorMessage()).contains("blur_sigma must be at least"), interp
			.getErrorMessage());
	}

	/**
	 * IJ.redirectErrorMessages() before run("FAIG …"), ImageJ's way for a macro to handle an error itself: the error
	 * goes to the Log (standard output here) and the macro goes on. The request is used up by the next command, so a
	 * later failure stops the macro again.
	 */
	@Test
	void redirectedErrorsGoToTheLogOnce(@TempDir final Path dir) throws Exception {
		final File img = dir.resolve("a.png").toFile();
		photo(img, 24, 20);
		final String bad = "run(\"FAIG Synthesize Degradations\", \"input_file=[" + img + "] blur_sigma=-1\");";
		final String good = "run(\"FAIG Synthesize Degradations\", \"input_file=[" + img + "] output_dir=[" + dir
			.resolve("out") + "]\");";
		final Interpreter interp = new Interpreter();
		final String said = runCode(interp, String.join("\n", "setBatchMode(true);", "IJ.redirectErrorMessages();", bad,
			"print(\"went on\");", "IJ.redirectErrorMessages();", good, "close(\"*\");", bad, "print(\"went on again\");", ""), "");
		assertTrue(said.contains("blur_sigma must be at least"), "the error is in the Log: " + said);
		assertTrue(said.contains("went on") && !said.contains("went on again"), said);
		assertFalse(IJ.redirectingErrorMessages(), "no request left for a later command");
	}

	@Test
	void degradeFolderWithSpacesNoTrailingSeparatorNewOutputAndAFailure(@TempDir final Path dir) throws Exception {
		final File in = dir.resolve("ground truth").toFile();
		assertTrue(in.mkdir());
		photo(new File(in, "a b.png"), 24, 20);
		photo(new File(in, "c.png"), 30, 22);
		photo(new File(in, "tiny.png"), 1, 1); // smaller than the scale: the command refuses it
		final File out = dir.resolve("new/lr folder").toFile(); // does not exist yet, nor its parent
		LegacyBridge.mostImagesOpen = 0;
		final String said = runMacro("faig_degrade_folder.ijm", "input=[" + in + "] output=[" + out +
			"] blur_sigma=1.5 noise_sigma=0.05 seed=2");
		assertTrue(new File(out, "a b_degraded.tif").isFile(), "a file with a space was processed: " + String.join(",",
			out.list() == null ? new String[0] : out.list()));
		assertTrue(new File(out, "c_degraded.tif").isFile());
		// the file named was processed, not the open image: 24x20 -> 12x10
		assertEquals(12, IJ.openImage(new File(out, "a b_degraded.tif").getPath()).getWidth());
		assertTrue(said.contains("degraded 2 images"), said);
		assertTrue(said.contains("1 failed tiny.png"), said);
		// each output image was shown (as Fiji does) and closed before the next file
		assertEquals(0, LegacyBridge.mostImagesOpen, "images left open between files");
	}

	@Test
	void superResolveFolderWithATrailingSeparator(@TempDir final Path dir) throws Exception {
		final File in = dir.resolve("lr").toFile();
		assertTrue(in.mkdir());
		photo(new File(in, "x.png"), 24, 20);
		photo(new File(in, "y.png"), 20, 20);
		final File out = dir.resolve("sr").toFile();
		final String said = runMacro("faig_superresolve_folder.ijm", "input=" + in + File.separator + " output=" + out +
			" model=srcnn-x2-target");
		assertTrue(said.contains("super-resolved 2 images"), said);
		assertTrue(said.contains("0 failed"), said);
		assertEquals(48, IJ.openImage(new File(out, "x_x2_srcnn-x2-target.png").getPath()).getWidth());
	}

	/**
	 * The failures file is written on every folder run (a header only when none failed): the macro counts its rows.
	 * A GIF is read as the commands read it; a file whose bytes are no image fails alone, without aborting the macro.
	 */
	@Test
	void predictFolderReportsOnlyRealFailures(@TempDir final Path dir) throws Exception {
		final File in = dir.resolve("images").toFile();
		assertTrue(in.mkdir());
		photo(new File(in, "a.png"), 40, 40);
		final ij.process.ByteProcessor bp = new ij.process.ByteProcessor(40, 40);
		for (int y = 0; y < 40; y++) for (int x = 0; x < 40; x++) bp.set(x, y, (x * 9 + y * 5) & 0xff);
		assertTrue(new ij.io.FileSaver(new ImagePlus("b", bp)).saveAsGif(new File(in, "b.gif").getPath()));
		final File out = dir.resolve("out").toFile();
		String said = runMacro("faig_predict_folder.ijm", "input=[" + in + "] output=[" + out + "]");
		assertTrue(said.contains("predictions written"), said);
		assertFalse(said.contains("failed"), said);
		final String csv = Files.readString(new File(out, "predictions.csv").toPath());
		assertTrue(csv.contains("a.png") && csv.contains("b.gif"), csv);
		Files.writeString(new File(in, "junk.tif").toPath(), "not an image");
		said = runMacro("faig_predict_folder.ijm", "input=[" + in + "] output=[" + out + "]");
		assertTrue(said.contains("1 file failed"), said);
	}
}
