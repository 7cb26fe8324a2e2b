package io.github.faig.ij;

import java.awt.HeadlessException;
import java.util.concurrent.atomic.AtomicInteger;

import ij.IJ;
import ij.Macro;

/**
 * A failed command stops the ImageJ macro that ran it, as ImageJ's own commands do: the failure goes through
 * {@link IJ#error(String)}, which hands it to the macro interpreter that is waiting in {@code run("…")} (its "Macro
 * Error" message names the line; headless it is printed) and ends the macro there. A Java plugin that called
 * {@code IJ.run("FAIG …")} sees the error as from ImageJ's own commands ({@code IJ.error}). A macro that wants to go on after a failure says so first, as for ImageJ's own commands, with
 * {@code IJ.redirectErrorMessages()}: the error then goes to the Log window.
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
	 * For a command that {@code IJ.run} started: whether the macro asked, with {@code IJ.redirectErrorMessages()}
	 * just before {@code run("FAIG …")}, that this command's error go to the Log window and the macro go on (ImageJ's
	 * way for a macro to handle an error itself, e.g. a folder macro that counts the files that failed). The request
	 * is used up, as ImageJ's own commands use it up, so it never reaches a later command. Call once, at the start.
	 */
	public static boolean takeRedirect() {
		try {
			if (!IJ.macroRunning() || !IJ.redirectingErrorMessages()) return false;
			IJ.redirectErrorMessages(false);
			return true;
		}
		catch (final LinkageError e) {
			return false; // no ImageJ 1 on the class path: no macros
		}
	}

	/** Who reported a command's error to the user ({@link #stopRunningMacro}). */
	public enum Reported {
		/** Nobody: no {@code IJ.run} ran the command (or ImageJ 1 could not show it); the caller reports it. */
		NOT,
		/**
		 * The macro interpreter took it as the macro's error (printed headless); Fiji's GUI shows the command's
		 * failure reason, as for any failed command.
		 */
		BY_MACRO,
		/**
		 * ImageJ itself, completely: its own message box or the printed line ({@code IJ.run} from Java code), or the
		 * Log window (a redirected error). A failure reason shown again would be a second message box.
		 */
		BY_IMAGEJ
	}

	/**
	 * Stops the macro (or the plugin's {@code IJ.run}) that is running a command now, with {@code message} as its
	 * error; or, where the macro asked for it ({@link #takeRedirect()}), writes the message to the Log window and lets
	 * the macro go on. Says who reported the message; {@link Reported#NOT}, and nothing shown, when the command was
	 * not started by {@code IJ.run} (the menu, a script's command service, a {@code --run} line) or there is no
	 * ImageJ 1.
	 */
	public static Reported stopRunningMacro(final String message, final boolean redirected) {
		try {
			if (!IJ.macroRunning()) return Reported.NOT;
			if (redirected) {
				IJ.log(message);
				return Reported.BY_IMAGEJ;
			}
			STOPPED.incrementAndGet();
			try {
				IJ.error(message);
			}
			catch (final HeadlessException e) {
				// ImageJ 1 without a display and without imagej-legacy (which prints it): the macro is stopped, but its
				// message dialog could not open, so the caller logs the message
				return Reported.NOT;
			}
			catch (final RuntimeException e) {
				// the interpreter ends the macro by throwing this on the thread that reported the error: it is done
				if (Macro.MACRO_CANCELED.equals(e.getMessage())) return Reported.BY_MACRO;
				throw e;
			}
			// no macro interpreter took it: IJ.error showed (or printed) it, and stops the caller's IJ.run
			return Reported.BY_IMAGEJ;
		}
		catch (final LinkageError e) {
			return Reported.NOT; // no ImageJ 1 on the class path: no macros
		}
	}

	/** How many commands stopped a macro in this JVM, so far. */
	public static int stopped() {
		return STOPPED.get();
	}
}
