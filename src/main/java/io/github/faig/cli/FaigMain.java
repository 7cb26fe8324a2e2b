package io.github.faig.cli;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;
import org.scijava.run.RunService;
import org.scijava.service.Service;
import org.scijava.widget.WidgetStyle;

import io.github.faig.workflow.TerminationGuard;
import io.github.faig.nn.io.ModelLocator;
import io.github.faig.workflow.Sharding;

/**
 * The {@code ./faig} launcher: runs the project's commands headless the way Fiji's
 * {@code ImageJ-linux64 --headless --run "Label" "key=value,…"} does, through SciJava's console {@code --run}
 * machinery.
 *
 * <pre>
 * ./faig --run "FAIG Synthesize Degradations" "input_file='a.png',blur_sigma=2.0,output_dir='out'"
 * ./faig --list                 the commands and their inputs
 * ./faig demo [folder]          the demo
 * ./faig --spark MASTER --run "Label" "key=value,…"   the same run, its items on a Spark cluster (the spark/ part)
 * </pre>
 *
 * Exit status: 0 on success, 1 when a command failed (its reason on standard error), 2 for a bad command line.
 */
public final class FaigMain {

	/** How long a termination signal waits for the running command to reach its next step and stop. */
	private static final long STOP_WAIT_S = 60;

	private FaigMain() {}

	public static void main(final String... args) {
		System.setProperty("java.awt.headless", "true");
		System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
		LaunchPreferences.install(); // each launch starts from empty preferences
		System.exit(run(System.out, System.err, args));
	}

	/** Runs the launcher and returns its exit status (does not exit the JVM). */
	public static int run(final PrintStream out, final PrintStream err, final String... args) {
		// Headless, outputs are written to files by the commands; nothing can display them.
		System.setProperty("scijava.log.level:org.scijava.display.DisplayPostprocessor", "error");
		// The launcher reports a failed command itself; the startup service would add a stack trace.
		System.setProperty("scijava.log.level:org.scijava.startup.DefaultStartupService", "none");
		if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
			usage(out);
			return args.length == 0 ? 2 : 0;
		}
		final Subcommand sub = Subcommand.named(args[0]);
		if (sub != null) {
			return sub.run(out, err, Arrays.copyOfRange(args, 1, args.length));
		}
		final String master = args[0].equals("--spark") && args.length > 1 ? args[1] : null;
		if (args[0].equals("--spark") && (master == null || args.length < 3 || !args[2].equals("--run"))) {
			err.println("faig: expected --spark MASTER --run \"Command Label\" \"key=value,...\" (MASTER: local[2], " +
				"spark://host:7077)");
			return 2;
		}
		final String[] line = master != null ? Arrays.copyOfRange(args, 2, args.length) : args;
		// The guard covers the context's start too: a signal then stops the command before it begins, with a reason.
		final Stopper stop = new Stopper();
		try (TerminationGuard g = TerminationGuard.install("faig-shutdown", stop::signal, STOP_WAIT_S);
			Context context = new Context();
			Sharding items = master != null ? Sharding.cluster(master, "FAIG " + (line.length > 1 ? line[1] : "")) :
				Sharding.LOCAL;
			FaigRunService.Scope scope = context.service(FaigRunService.class).use(items))
		{
			return run(context, out, err, stop, line);
		}
		catch (final IllegalStateException | IllegalArgumentException e) {
			// only the cluster's start-up fails here (a command's own failures are reported by run): one line
			if (master == null) throw e;
			err.println("faig: " + e.getMessage());
			return 2;
		}
	}

	/**
	 * What a termination signal (Ctrl-C, kill) does: asks the command in flight, or the one about to start, to stop
	 * at its next step.
	 */
	private static final class Stopper {

		static final String REASON = "stopped by a termination signal (Ctrl-C or kill)";

		private final AtomicReference<LabelCommandRunner> runner = new AtomicReference<>();
		private volatile boolean signalled;

		void signal() {
			signalled = true;
			final LabelCommandRunner r = runner.get();
			if (r != null) r.stop(REASON);
		}

		void attach(final LabelCommandRunner r) {
			runner.set(r);
			if (signalled) r.stop(REASON); // a signal that came before the runner was known still reaches it
		}
	}

	/**
	 * Runs {@code --list} or {@code --run} in an existing context (tests share one). A {@code --run} line is read
	 * strictly ({@link HeadlessLine}, {@link InputValues}): a malformed line, an unknown command or input, or a
	 * value that is not of its input's type ends with status 2 before anything runs.
	 */
	public static int run(final Context context, final PrintStream out, final PrintStream err, final String... args) {
		final Stopper stop = new Stopper();
		try (TerminationGuard g = TerminationGuard.install("faig-shutdown", stop::signal, STOP_WAIT_S)) {
			return run(context, out, err, stop, args);
		}
	}

	private static int run(final Context context, final PrintStream out, final PrintStream err, final Stopper stop,
		final String... args)
	{
		// failures are reported once, by the launcher, and nothing is shown
		context.service(FaigRunService.class).setLauncher(true);
		if (args.length > 0 && args[0].equals("--list")) {
			list(context, out);
			return 0;
		}
		if (args.length < 2 || !args[0].equals("--run") || args.length > 3) {
			err.println("faig: expected --run \"Command Label\" \"key=value,...\" (one quoted argument string), got " +
				String.join(" ", args) + "; see ./faig --help");
			return 2;
		}
		final LabelCommandRunner runner = context.service(RunService.class).getInstances().stream().filter(
			LabelCommandRunner.class::isInstance).map(LabelCommandRunner.class::cast).findFirst().orElseThrow(
				() -> new IllegalStateException("LabelCommandRunner plugin not found"));
		final CommandInfo info = runner.find(args[1]);
		if (info == null) {
			err.println("faig: no command named '" + args[1] + "'; ./faig --list shows them");
			return 2;
		}
		// Ctrl-C or kill: the command stops at its next step, and the JVM waits (the caller's guard) until the
		// outcome is reported.
		stop.attach(runner);
		final int status = runLine(runner, info, args.length == 3 ? args[2] : "", err, true);
		if (status == 0 && stop.signalled) {
			err.println("faig: " + info.getTitle() + " had finished when the termination signal came: its outputs are " +
				"complete");
		}
		return status;
	}

	/**
	 * Reads {@code line} strictly and runs {@code info} as a headless line (./faig, and Fiji's {@code --run} of a
	 * FAIG command: {@link FaigRunArgument}); returns the exit status: 0 done, 1 invalid values or a failed run, 2 a
	 * malformed line. A failure prints one line on {@code err} (and the stack trace with FAIG_DEBUG=1). With a GUI
	 * ({@code headless} false) the command shows its results and logs its failure as from the menu.
	 */
	static int runLine(final LabelCommandRunner runner, final CommandInfo info, final String line,
		final PrintStream err, final boolean headless)
	{
		final Map<String, Object> inputs;
		try {
			inputs = inputs(info, line == null ? "" : line);
		}
		catch (final HeadlessLine.SyntaxException e) {
			err.println(("faig: bad --run line for '" + info.getTitle() + "': " + e.getMessage()).replace("\n", "\\n"));
			if (LineRun.debug()) e.printStackTrace(err);
			return 2;
		}
		return runAndReport(runner, info, inputs, err, headless);
	}

	/** Runs the command; on failure prints one line (and the stack trace when debugging) and returns 1. */
	private static int runAndReport(final LabelCommandRunner runner, final CommandInfo info,
		final Map<String, Object> inputs, final PrintStream err, final boolean headless)
	{
		try {
			if (headless) runner.runHeadlessLine(info.getClassName(), inputs);
			else runner.runLine(info.getClassName(), inputs);
			return 0;
		}
		catch (final InvocationTargetException | RuntimeException e) {
			final Throwable t = e instanceof InvocationTargetException ? ((InvocationTargetException) e)
				.getTargetException() : e;
			// the command's own prefix (its class name, for Fiji's log) repeats the label
			final String own = info.getTitle().replaceFirst("^FAIG ", "").replaceAll("[ -]", "") + ": ";
			final String why = reason(t);
			// one line, whatever a file name in the message holds
			err.println(("faig: " + info.getTitle() + " failed: " + (why.startsWith(own) ? why.substring(own.length())
				: why)).replace("\n", "\\n").replace("\r", "\\r"));
			if (LineRun.debug()) t.printStackTrace(err);
			return 1;
		}
	}

	/** The typed inputs of a {@code key=value,…} line for {@code info}; SyntaxException for a bad line. */
	static Map<String, Object> inputs(final CommandInfo info, final String line) {
		final Map<String, Object> inputs = new LinkedHashMap<>();
		for (final Map.Entry<String, HeadlessLine.Value> e : HeadlessLine.parse(line).entrySet()) {
			final ModuleItem<?> item = info.getInput(e.getKey());
			if (item == null || !InputValues.settable(item.getType())) {
				throw new HeadlessLine.SyntaxException("'" + info.getTitle() + "' has no input named '" + e.getKey() +
					"' that a headless line can set; ./faig --list shows them");
			}
			inputs.put(e.getKey(), InputValues.convert(e.getKey(), item.getType(), e.getValue()));
		}
		return inputs;
	}

	/** The innermost meaningful message: unwraps the invocation and plain runtime wrappers. */
	private static String reason(final Throwable e) {
		Throwable t = e;
		while (t.getCause() != null && (t instanceof InvocationTargetException || t.getClass() == RuntimeException.class)) {
			t = t.getCause();
		}
		return t.getMessage() != null ? t.getMessage() : t.toString();
	}

	private static void usage(final PrintStream out) {
		out.println("FAIG for Fiji headless launcher");
		out.println("  ./faig --run \"Command Label\" \"key=value,key='text',...\"   run a command headless");
		out.println("      text and paths in quotes (key='a b'), numbers and true/false bare, lists quoted (key='1,3,5');");
		out.println("      status 0 done, 1 invalid value or failed run, 2 malformed line; FAIG_DEBUG=1 adds stack traces");
		out.println("  ./faig --spark MASTER --run \"Command Label\" \"...\"      the same, its items run by Spark");
		out.println("      (MASTER: local[2], spark://host:7077; README, Running on a cluster)");
		out.println("  ./faig --list                                          commands and their inputs");
		out.println("  ./faig demo [output-folder]                            run the demo");
		out.println("  developer tools (model card, training set, update site): scripts/dev-tool.sh, not in the plugin");
	}

	/** What a model or filter-set input takes, for the listing; empty for other inputs. */
	private static String packages(final ModuleItem<?> item) {
		if (WidgetStyle.isStyle(item, io.github.faig.ij.PackageChoices.MODEL_STYLE)) {
			return "  bundled or installed: " + String.join(", ", ModelLocator.bundledNames()) + "; or a folder/.zip path";
		}
		// a folder input named filter_sets (Masking Experiment, Calibrate Thresholds) takes the bundled names too
		if (WidgetStyle.isStyle(item, io.github.faig.ij.PackageChoices.FILTER_SETS_STYLE) || item.getName().equals(
			"filter_sets"))
		{
			return "  bundled or installed: " + String.join(", ", ModelLocator.bundledSets()) + "; or a folder path";
		}
		return "";
	}

	private static void list(final Context context, final PrintStream out) {
		out.println("Headless: ./faig --run \"Label\" \"key=value,...\"  text and paths quoted (key='a b'), numbers and " +
			"true/false bare, lists quoted (proportions='1,3,5,10'), each key once.");
		final List<CommandInfo> infos = context.service(CommandService.class).getCommands().stream()
			.filter(i -> i.getClassName().startsWith("io.github.faig."))
			.sorted(Comparator.comparing(CommandInfo::getTitle)).collect(Collectors.toList());
		for (final CommandInfo info : infos) {
			out.println(info.getTitle() + "    (" + info.getMenuPath() + ")");
			for (final ModuleItem<?> item : info.inputs()) {
				if (item.getVisibility() == ItemVisibility.MESSAGE) continue;
				if (Service.class.isAssignableFrom(item.getType()) ||
					Context.class.isAssignableFrom(item.getType())) continue;
				out.println("    " + item.getName() + " : " + item.getType().getSimpleName() +
					(item.getDefaultValue() != null ? " = " + item.getDefaultValue() : "") +
					(item.isRequired() ? "" : "  (optional)") + packages(item));
			}
		}
	}
}
