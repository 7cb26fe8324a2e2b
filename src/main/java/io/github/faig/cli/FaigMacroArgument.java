package io.github.faig.cli;

import java.util.LinkedList;

import org.scijava.Priority;
import org.scijava.console.AbstractConsoleArgument;
import org.scijava.console.ConsoleArgument;
import org.scijava.console.ConsoleService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.ui.UIService;

import io.github.faig.ij.MacroErrors;

/**
 * The exit status of a command-line macro run ({@code fiji --headless -batch macro.ijm}, {@code -macro}, {@code -eval}):
 * when a FAIG command failed and stopped the macro ({@link MacroErrors}), the process ends with status 1, as a failed
 * {@code --run} line does. Otherwise nothing changes: the macro runs through imagej-legacy's own handler of the
 * argument, which this one calls, and the process ends as it did.
 * <p>
 * imagej-legacy ends a {@code -batch} run with status 0 whatever happened in the macro, and a headless
 * {@code -macro} or {@code -eval} run ends when the macro does, also with 0. A script that runs Fiji could then not
 * tell a failed run from a good one. Here a {@code -batch} run is handed to the legacy handler as
 * {@code -batch-no-exit} (the same batch mode, but the handler leaves the exit to its caller), and this argument ends
 * the JVM with the run's status. With a GUI, {@code -macro} and {@code -eval} never end the JVM (Fiji stays open).
 * Failures of ImageJ's own commands keep ImageJ's status (0).
 * </p>
 */
@Plugin(type = ConsoleArgument.class, priority = Priority.HIGH)
public class FaigMacroArgument extends AbstractConsoleArgument {

	@Parameter
	private ConsoleService consoleService;

	@Parameter(required = false)
	private UIService uiService;

	/** Ends the JVM with a status; tests put a recorder here. */
	FaigRunArgument.Exit exit = System::exit;

	public FaigMacroArgument() {
		super(2, "-batch", "-macro", "-eval");
	}

	@Override
	public boolean supports(final LinkedList<String> args) {
		if (!super.supports(args)) return false;
		// -batch FILE [ARG] as the last arguments: after them, legacy's handler ends the run (a longer line is its own)
		if ("-batch".equals(args.getFirst())) return args.size() <= 3 && legacy(args) != null;
		return headless() && legacy(args) != null;
	}

	@Override
	public void handle(final LinkedList<String> args) {
		if (!supports(args)) return;
		final boolean batch = "-batch".equals(args.getFirst());
		final ConsoleArgument legacy = legacy(args);
		if (batch) args.set(0, "-batch-no-exit");
		final int stopped = MacroErrors.stopped();
		legacy.handle(args);
		final boolean failed = MacroErrors.stopped() > stopped;
		if (batch) exit.exit(failed ? 1 : 0); // legacy's handler disposed of the context, as for -batch
		else if (failed) {
			getContext().dispose();
			exit.exit(1);
		}
	}

	/** The handler that would take these arguments without this one: imagej-legacy's, or {@code null}. */
	private ConsoleArgument legacy(final LinkedList<String> args) {
		for (final ConsoleArgument a : consoleService.getInstances()) {
			if (a instanceof FaigMacroArgument) continue;
			if (a.supports(args)) return a;
		}
		return null;
	}

	private boolean headless() {
		return uiService == null || uiService.isHeadless();
	}
}
