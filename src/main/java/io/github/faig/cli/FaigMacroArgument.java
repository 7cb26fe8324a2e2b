package io.github.faig.cli;

import java.util.LinkedList;
import java.util.concurrent.atomic.AtomicInteger;

import org.scijava.Priority;
import org.scijava.console.AbstractConsoleArgument;
import org.scijava.console.ConsoleArgument;
import org.scijava.console.ConsoleService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.startup.StartupService;
import org.scijava.ui.UIService;

import io.github.faig.ij.MacroErrors;

/**
 * The exit status of a command-line macro run ({@code fiji --headless -batch macro.ijm}, {@code -macro}, {@code -eval},
 * {@code --run macro.ijm}):
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
 * <p>
 * A headless {@code --run macro.ijm ['key=value,…']} (or any other {@code --run} that SciJava's own argument takes:
 * the {@code --run} of a FAIG label is {@link FaigRunArgument}'s) is handed to that argument too. It runs the script
 * later, once the application has started, as one startup operation in the order of the arguments, and waits for
 * it; this argument puts an operation just before it (the count so far) and one just after it, which ends the JVM
 * with status 1 when a FAIG failure stopped the macro meanwhile. The run ends there, as after a failed FAIG
 * {@code --run} line: later arguments' operations do not run.
 * </p>
 */
@Plugin(type = ConsoleArgument.class, priority = Priority.HIGH)
public class FaigMacroArgument extends AbstractConsoleArgument {

	@Parameter
	private ConsoleService consoleService;

	@Parameter
	private StartupService startupService;

	@Parameter(required = false)
	private UIService uiService;

	/** Ends the JVM with a status; tests put a recorder here. */
	FaigRunArgument.Exit exit = System::exit;

	public FaigMacroArgument() {
		super(2, "-batch", "-macro", "-eval", "--run");
	}

	@Override
	public boolean supports(final LinkedList<String> args) {
		if (!super.supports(args)) return false;
		// -batch FILE [ARG] as the last arguments: after them, legacy's handler ends the run (a longer line is its own)
		if ("-batch".equals(args.getFirst())) return args.size() <= 3 && legacy(args) != null;
		// --run of a FAIG label: FaigRunArgument's (same priority: either may be asked first)
		if ("--run".equals(args.getFirst())) {
			if (!headless()) return false;
			final ConsoleArgument run = legacy(args);
			return run != null && !(run instanceof FaigRunArgument);
		}
		return headless() && legacy(args) != null;
	}

	@Override
	public void handle(final LinkedList<String> args) {
		if (!supports(args)) return;
		if ("--run".equals(args.getFirst())) {
			runLater(args);
			return;
		}
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

	/**
	 * SciJava's {@code --run} adds one startup operation that runs the script and waits for it
	 * ({@code ScriptCodeRunner}); the operations run one after the other, on one thread, in the order added.
	 */
	private void runLater(final LinkedList<String> args) {
		final ConsoleArgument run = legacy(args);
		final AtomicInteger stopped = new AtomicInteger();
		startupService.addOperation(() -> stopped.set(MacroErrors.stopped()));
		run.handle(args);
		startupService.addOperation(() -> {
			if (MacroErrors.stopped() > stopped.get()) exit.exit(1);
		});
	}

	/**
	 * The handler that would take these arguments without this one: imagej-legacy's (SciJava's for {@code --run}),
	 * or {@code null}.
	 */
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
