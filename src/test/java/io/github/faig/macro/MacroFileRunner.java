package io.github.faig.macro;

import java.awt.HeadlessException;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.util.Map;

import org.scijava.plugin.Plugin;
import org.scijava.run.AbstractCodeRunner;
import org.scijava.run.CodeRunner;

import ij.macro.Interpreter;

/**
 * Test-scope stand-in for imagej-legacy's IJ1 macro script language, which SciJava's {@code --run macro.ijm} uses in
 * Fiji: it runs an {@code .ijm} file with ImageJ 1's own interpreter, on the caller's thread, and returns when the
 * macro has ended (as SciJava's script runner waits for the script). With {@link LegacyBridge#install}, its
 * {@code run("FAIG …")} lines run the commands.
 * <p>
 * Why a stand-in: imagej-legacy is not on the test class path (it is not on Maven Central). The same runs go through
 * the real one in {@code io.github.faig.fiji.MacrosIT} whenever a Fiji is given.
 * </p>
 */
@Plugin(type = CodeRunner.class)
public class MacroFileRunner extends AbstractCodeRunner {

	/** The inputs of the last run (the {@code --run} line's {@code key=value} pairs). */
	public static volatile Map<String, Object> lastInputs;

	@Override
	public boolean supports(final Object code) {
		final File f = code instanceof File ? (File) code : code instanceof String ? new File((String) code) : null;
		return f != null && f.getName().endsWith(".ijm") && f.isFile();
	}

	@Override
	public void run(final Object code, final Object... args) throws InvocationTargetException {
		run(code, Map.of());
	}

	@Override
	public void run(final Object code, final Map<String, Object> inputs) throws InvocationTargetException {
		lastInputs = inputs;
		final String macro;
		try {
			macro = Files.readString(new File(code.toString()).toPath());
		}
		catch (final IOException e) {
			throw new InvocationTargetException(e);
		}
		try {
			new Interpreter().run(macro, "");
		}
		catch (final HeadlessException e) {
			// IJ1 shows a macro error in a dialog; headless the macro has stopped all the same
		}
	}
}
