package io.github.faig.ij;

import java.util.concurrent.atomic.AtomicInteger;

import ij.IJ;
import ij.Macro;

/**
 * A failed command stops the ImageJ macro that ran it, as ImageJ's own commands do: the failure goes through
 * {@link IJ#error(String)}, which hands it to the macro interpreter that is waiting in {@code run("…")} (its "Macro
 * Error" message names the line; headless it is printed) and ends the macro there. A Java plugin that called
 * {@code IJ.run("FAIG …")} gets ImageJ's "Macro canceled" exception when {@code IJ.run} returns, as for ImageJ's own
 * commands.
 * <p>
 * imagej-legacy runs a SciJava command on a thread of SciJava's pool while the macro waits, and it ignores a
 * cancelled module, so without this the macro went on at its next line. Failures are counted, so that a headless
 * command-line macro run can end with a non-zero status ({@code io.github.faig.cli.FaigMacroArgument}).
 * </p>
 */
public final class MacroErrors {

	private static final AtomicInteger STOPPED = new AtomicInteger();

	private MacroErrors() {}

	/**
	 * Stops the macro (or the plugin's {@code IJ.run}) that is running a command now, with {@code message} as its
	 * error. Returns whether one was running (the message was then shown to the user by ImageJ); {@code false}, and
	 * nothing shown, when the command was not started by {@code IJ.run} (the menu, a script, a {@code --run} line) or
	 * there is no ImageJ 1.
	 */
	public static boolean stopRunningMacro(final String message) {
		try {
			if (!IJ.macroRunning()) return false;
			STOPPED.incrementAndGet();
			try {
				IJ.error(message);
			}
			catch (final RuntimeException e) {
				// the interpreter ends the macro by throwing this on the thread that reported the error: it is done
				if (!Macro.MACRO_CANCELED.equals(e.getMessage())) throw e;
			}
			return true;
		}
		catch (final LinkageError e) {
			return false; // no ImageJ 1 on the class path: no macros
		}
	}

	/** How many commands stopped a macro in this JVM, so far. */
	public static int stopped() {
		return STOPPED.get();
	}
}
