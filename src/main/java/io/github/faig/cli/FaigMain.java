package io.github.faig.cli;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.console.ConsoleService;
import org.scijava.module.ModuleItem;
import org.scijava.run.RunService;
import org.scijava.startup.StartupService;

import io.github.faig.demo.Demo;
import io.github.faig.nn.TerminationGuard;

/**
 * The {@code ./faig} launcher: runs the project's commands headless the way Fiji's
 * {@code ImageJ-linux64 --headless --run "Label" "key=value,…"} does, through SciJava's console {@code --run}
 * machinery.
 *
 * <pre>
 * ./faig --run "FAIG Synthesize Degradations" "input_file='a.png',blur_sigma=2.0,output_dir='out'"
 * ./faig --list                 the commands and their inputs
 * ./faig demo [folder]          the demo
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
		if (args[0].equals("demo")) {
			return Demo.run(out, err, Arrays.copyOfRange(args, 1, args.length));
		}
		if (args[0].equals("build-update-site")) {
			return io.github.faig.site.UpdateSiteBuilder.run(out, err, Arrays.copyOfRange(args, 1, args.length));
		}
		if (args[0].equals("model-card")) {
			return io.github.faig.train.ModelCard.run(out, err, Arrays.copyOfRange(args, 1, args.length));
		}
		if (args[0].equals("build-training-set")) {
			return io.github.faig.data.TrainingSetBuilder.run(out, err, Arrays.copyOfRange(args, 1, args.length));
		}
		try (Context context = new Context()) {
			if (args[0].equals("--list")) {
				list(context, out);
				return 0;
			}
			if (!args[0].equals("--run") || args.length < 2) {
				err.println("faig: unknown arguments " + String.join(" ", args) + "; see ./faig --help");
				return 2;
			}
			final LabelCommandRunner runner = context.service(RunService.class).getInstances().stream()
				.filter(LabelCommandRunner.class::isInstance).map(LabelCommandRunner.class::cast).findFirst()
				.orElseThrow(() -> new IllegalStateException("LabelCommandRunner plugin not found"));
			if (runner.find(args[1]) == null) {
				err.println("faig: no command named '" + args[1] + "'; ./faig --list shows them");
				return 2;
			}
			context.service(ConsoleService.class).processArgs(args);
			// Ctrl-C or kill: the command stops at its next step, and the JVM waits until its failure is reported.
			try (TerminationGuard g = TerminationGuard.install("faig-shutdown", () -> runner.stop(
				"stopped by a termination signal (Ctrl-C or kill)"), STOP_WAIT_S))
			{
				return execute(context, runner, args[1], err);
			}
		}
	}

	/** Runs the startup operations (the {@code --run} line) and reports a failure; returns the exit status. */
	private static int execute(final Context context, final LabelCommandRunner runner, final String label,
		final PrintStream err)
	{
		Throwable failure;
		try {
			context.service(StartupService.class).executeOperations();
			failure = runner.lastFailure();
		}
		catch (final RuntimeException e) {
			failure = e;
		}
		if (failure != null) {
			err.println("faig: " + label + " failed: " + reason(failure));
			return 1;
		}
		return 0;
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
		out.println("  ./faig --list                                          commands and their inputs");
		out.println("  ./faig demo [output-folder]                            run the demo");
		out.println("  ./faig model-card <models-dir> <photos-dir> [max-side]   PSNR/SSIM table of the models");
		out.println("  ./faig build-training-set <unpacked-dir> <out-dir>     (used by scripts/fetch-training-data.sh)");
	}

	private static void list(final Context context, final PrintStream out) {
		final List<CommandInfo> infos = context.service(CommandService.class).getCommands().stream()
			.filter(i -> i.getClassName().startsWith("io.github.faig."))
			.sorted(Comparator.comparing(CommandInfo::getTitle)).collect(Collectors.toList());
		for (final CommandInfo info : infos) {
			out.println(info.getTitle() + "    (" + info.getMenuPath() + ")");
			for (final ModuleItem<?> item : info.inputs()) {
				if (item.getVisibility() == org.scijava.ItemVisibility.MESSAGE) continue;
				if (org.scijava.service.Service.class.isAssignableFrom(item.getType()) ||
					Context.class.isAssignableFrom(item.getType())) continue;
				out.println("    " + item.getName() + " : " + item.getType().getSimpleName() +
					(item.getDefaultValue() != null ? " = " + item.getDefaultValue() : "") +
					(item.isRequired() ? "" : "  (optional)"));
			}
		}
	}
}
