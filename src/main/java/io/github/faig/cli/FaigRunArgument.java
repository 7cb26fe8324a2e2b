package io.github.faig.cli;

import java.io.PrintStream;
import java.util.LinkedList;

import org.scijava.Priority;
import org.scijava.command.CommandInfo;
import org.scijava.console.AbstractConsoleArgument;
import org.scijava.console.ConsoleArgument;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.run.RunService;
import org.scijava.startup.StartupService;
import org.scijava.ui.UIService;

/**
 * Fiji's {@code --run "Label" "key=value,…"} for a FAIG command, as {@code ./faig --run} does it: the line is read
 * strictly, and a failure is one line on standard error ({@code FAIG_DEBUG=1} adds the stack trace). Under
 * {@code --headless} a failure also ends the process with {@code ./faig}'s status: 1 invalid values or a failed run,
 * 2 a malformed line (syntax, unknown input, a value not of its input's type); with a GUI the JVM is never ended.
 * <p>
 * SciJava's own {@code --run} ({@code org.scijava.run.console.RunArgument}) logs a failure with its stack trace and
 * the process ends with status 0. This argument handles only labels and class names of this project's commands
 * ({@link LabelCommandRunner#find}), at a higher priority; every other {@code --run} goes where it went before.
 * </p>
 */
@Plugin(type = ConsoleArgument.class, priority = Priority.HIGH)
public class FaigRunArgument extends AbstractConsoleArgument {

	@Parameter
	private RunService runService;

	@Parameter
	private StartupService startupService;

	@Parameter(required = false)
	private UIService uiService;

	@Parameter(required = false)
	private LogService log;

	/** Ends the JVM with a status; tests put a recorder here. */
	interface Exit {

		void exit(int status);
	}

	Exit exit = System::exit;

	/** Where the failure line goes. */
	PrintStream err = System.err;

	public FaigRunArgument() {
		super(2, "--run");
	}

	@Override
	public boolean supports(final LinkedList<String> args) {
		return super.supports(args) && runner() != null && (runner().find(args.get(1)) != null || ours(args.get(1)));
	}

	/**
	 * Whether {@code code} names a FAIG command that does not exist (a misspelt "FAIG …" label or a class of this
	 * project): SciJava's {@code --run} would ignore it with a warning and exit 0, so it is refused here, as by
	 * {@code ./faig}.
	 */
	private static boolean ours(final String code) {
		final String c = code.trim();
		return c.regionMatches(true, 0, "FAIG ", 0, 5) || c.startsWith(LabelCommandRunner.PACKAGE);
	}

	@Override
	public void handle(final LinkedList<String> args) {
		if (!supports(args)) return;
		args.removeFirst(); // --run
		final String code = args.removeFirst();
		final String line = getParam(args);
		if (line != null) args.removeFirst();
		// as SciJava's --run: the command runs once the application has started, in the order of the arguments
		startupService.addOperation(() -> run(code, line));
	}

	/** Runs the line; returns its status (after ending the JVM with it, headless, when it is not 0). */
	int run(final String code, final String line) {
		final LabelCommandRunner runner = runner();
		final CommandInfo info = runner.find(code);
		if (info == null) {
			err.println("faig: no command named '" + code + "'; the FAIG commands are the labels under Plugins > FAIG " +
				"(./faig --list shows them)");
			if (headless()) exit.exit(2);
			return 2;
		}
		// with a GUI and no line, the command's dialog asks for the inputs, as from the menu
		if (line == null && !headless()) {
			try {
				runner.run(info.getClassName(), java.util.Map.of());
				return 0;
			}
			catch (final java.lang.reflect.InvocationTargetException e) {
				return 1; // the command logged and showed its reason
			}
		}
		final int status = FaigMain.runLine(runner, info, line, err, headless());
		if (status != 0) {
			if (headless()) exit.exit(status);
			// with a GUI the command already logged its reason; a malformed line has only the line above
			else if (status == 2 && log != null) log.error("FAIG: the --run line for '" + info.getTitle() +
				"' could not be read (see standard error)");
		}
		return status;
	}

	private boolean headless() {
		return uiService == null || uiService.isHeadless();
	}

	private LabelCommandRunner runner() {
		return runService.getInstances().stream().filter(LabelCommandRunner.class::isInstance).map(
			LabelCommandRunner.class::cast).findFirst().orElse(null);
	}
}
