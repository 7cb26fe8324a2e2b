package io.github.faig.command;

import java.io.IOException;
import java.util.concurrent.CancellationException;

import java.util.List;

import org.scijava.app.StatusService;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModuleItem;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;

/**
 * What every FAIG command shares: bad input and I/O failures end the command with a clear message (through
 * {@link #cancel(String)}, so callers see {@code isCanceled()} and the reason), progress goes to the
 * {@link StatusService}, and a cancel request stops the work at the next checkpoint.
 * <p>
 * Inputs are declared {@code persist = false}: every run starts from the documented defaults, so a macro or
 * headless line means the same thing on every machine, whatever was run before.
 * </p>
 * <p>
 * Subclasses are thin: they check their inputs, call the plain-Java core, and turn results into ImageJ images,
 * tables and files.
 * </p>
 */
public abstract class FaigCommand extends ContextCommand {

	@Parameter
	protected LogService log;

	@Parameter
	protected StatusService status;

	@Parameter
	private CommandService commandService;

	@Parameter(label = "Native threads (0 = automatic)", min = "0", max = io.github.faig.nn.Engines.MAX_THREADS_TEXT,
		persist = false, required = false,
		description = "PyTorch worker threads; automatic leaves the cores other programs keep busy to them")
	private int threads = 0;

	/** The command's work; throw {@link IllegalArgumentException} for bad input. */
	protected abstract void execute() throws Exception;

	/**
	 * Cross-field rules of the inputs, checked before any work starts (each input alone was already checked against
	 * its declared choices, min and max, and finiteness); throw {@link IllegalArgumentException} naming the input.
	 */
	protected void validate() throws Exception {}

	/** Set when {@link #execute()} returned: the work is done, whatever a late cancel request says. */
	private volatile boolean completed;

	/** Whether the command did all its work (a cancel request that came after the last step does not undo it). */
	public boolean completed() {
		return completed;
	}
	/** Headless progress lines, or {@code null} (GUI, or switched off). */
	private ProgressLine progressLine;

	@Parameter(required = false)
	private org.scijava.task.TaskService taskService;

	/**
	 * This run as a SciJava task: Fiji's task monitor shows its progress with a cancel button, whose cancel reaches
	 * this command's own cancel (the same path as the module's cancel).
	 */
	private volatile org.scijava.task.Task task;

	@Override
	public final void run() {
		try {
			progressLine = ProgressLine.forCommand(label(), headless());
			if (taskService != null) {
				final org.scijava.task.Task t = taskService.createTask(label());
				t.setCancelCallBack(() -> cancel(t.getCancelReason() != null ? t.getCancelReason() : "Cancelled"));
				t.start();
				task = t;
			}
			// only an Esc pressed during this run stops it, not one left over from earlier work
			if (!headless()) escapePressed();
			checkDeclaredInputs();
			io.github.faig.nn.Engines.requestThreads(threads);
			validate();
			execute();
			completed = true;
		}
		catch (final CancellationException e) {
			// The request's reason stands. The core's stops carry no message (the caller asked, so it knows why);
			// one that says more (a training run: where it can resume) is added to the reason.
			final String asked = isCanceled() ? getCancelReason() : null;
			final String said = e.getMessage();
			if (asked == null || asked.isEmpty()) cancel(said != null ? said : "Cancelled");
			else if (said != null && !said.equals(asked)) cancel(asked + "; " + said);
		}
		catch (final IllegalArgumentException | IllegalStateException e) {
			fail(e.getMessage());
		}
		catch (final IOException e) {
			// the project's own read errors name their file and what is wrong; the JDK's give just a path
			fail(e instanceof java.nio.file.FileSystemException || e.getMessage() == null ? "could not read or write " +
				e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(
					java.util.Locale.ROOT) + ": " + e.getMessage() : e.getMessage());
		}
		catch (final OutOfMemoryError e) {
			fail("ran out of memory (" + e.getMessage() + "): give smaller images, tiles, crops or kernel, or more " +
				"memory (FAIG_HEAP, or Fiji's Edit > Options > Memory)");
		}
		catch (final Exception e) {
			if (io.github.faig.cli.FaigMain.debug()) log.error(e);
			fail(e.getClass().getSimpleName() + ": " + e.getMessage());
		}
		finally {
			if (status != null) status.clearStatus();
			if (task != null) task.finish();
		}
	}

	/**
	 * Checks every input's value against its declaration, the same way from the menu, a macro or a headless line:
	 * a choice among its choices, a number within its min and max and finite.
	 */
	private void checkDeclaredInputs() throws IllegalAccessException {
		final CommandInfo info = commandService == null ? null : commandService.getCommand(getClass());
		if (info == null) return;
		for (final ModuleItem<?> item : info.inputs()) {
			if (!(item instanceof CommandModuleItem)) continue;
			final java.lang.reflect.Field f = ((CommandModuleItem<?>) item).getField();
			if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) continue;
			f.setAccessible(true);
			final Object v = f.get(this);
			final String key = item.getName();
			if (v instanceof Number) {
				final double d = ((Number) v).doubleValue();
				if (!Double.isFinite(d)) throw new IllegalArgumentException(key + " must be a finite number, got " + v);
				final Object min = item.getMinimumValue();
				final Object max = item.getMaximumValue();
				if (min instanceof Number && d < ((Number) min).doubleValue()) {
					throw new IllegalArgumentException(key + " must be at least " + min + ", got " + v);
				}
				if (max instanceof Number && d > ((Number) max).doubleValue()) {
					throw new IllegalArgumentException(key + " must be at most " + max + ", got " + v);
				}
			}
			final List<?> choices = item.getChoices();
			if (v instanceof String && choices != null && !choices.isEmpty() && !choices.contains(v)) {
				throw new IllegalArgumentException(key + " must be one of " + choices + ", got '" + v + "'");
			}
		}
	}

	/** Throws a clear message if {@code path}, given as {@code param}, is set but blank (an empty quoted value). */
	protected static void notBlank(final java.io.File path, final String param) {
		if (path != null && path.getPath().isBlank()) {
			throw new IllegalArgumentException(param + " is empty: expected a path, or leave it out");
		}
	}

	/**
	 * Headless, through the {@code ./faig} launcher, a result that is not written is lost (no window shows it):
	 * refuses to start without an {@code output_dir}.
	 */
	protected static void outputDirNeededHeadless(final java.io.File outputDir) {
		if (outputDir == null && Boolean.getBoolean("faig.launcher")) {
			throw new IllegalArgumentException("output_dir was not given: a headless run writes its results there, " +
				"and nothing else keeps them");
		}
	}

	/** Refuses giving both {@code input_file} and {@code input_dir}: one of them would be silently ignored. */
	protected static void eitherFileOrDir(final java.io.File file, final java.io.File dir) {
		if (file != null && dir != null) {
			throw new IllegalArgumentException("input_file and input_dir were both given: expected one of them");
		}
	}

	/**
	 * The image a command works on: the file named by {@code input_file} when one is given (a macro that names a
	 * file means that file, whatever image Fiji has open), else the given image (in Fiji, the active one); a clear
	 * message when neither is there.
	 */
	protected static ij.ImagePlus sourceImage(final ij.ImagePlus image, final java.io.File inputFile) {
		if (inputFile != null) return io.github.faig.ij.ImageFiles.open(inputFile, "input_file");
		if (image == null) throw new IllegalArgumentException("no image: open an image or give input_file");
		return image;
	}

	/** Ends the command with {@code message} (shown to the user, logged, and returned by getCancelReason). */
	protected void fail(final String message) {
		// a library's exception class name tells a user nothing ("com.google.gson.…MalformedJsonException: …")
		final String m = getClass().getSimpleName().replace("Command", "") + ": " + String.valueOf(message).replaceAll(
			"\\b(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ", "");
		// the headless launcher prints the reason itself, as one line; in Fiji the log is where users look
		if (log != null && !Boolean.getBoolean("faig.launcher")) log.error(m);
		cancel(m);
	}

	/** Reports progress {@code i} of {@code n} with a message, and stops if the user cancelled. */
	protected void progress(final String message, final int i, final int n) {
		checkCancelled();
		report(message, i, n);
	}

	/**
	 * Reports progress without stopping: to the status bar (Fiji's progress bar) and, headless, as a line on stderr
	 * every few seconds. For callbacks inside a core loop that checks {@link #isCanceled()} itself.
	 */
	protected void report(final String message, final long done, final long total) {
		if (status != null) status.showStatus((int) Math.min(Integer.MAX_VALUE, done), (int) Math.min(
			Integer.MAX_VALUE, total), message);
		final ProgressLine p = progressLine;
		if (p != null) p.report(message, done, total);
		final org.scijava.task.Task t = task;
		if (t != null) {
			t.setProgressMaximum(total);
			t.setProgressValue(done);
			t.setStatusMessage(message);
		}
	}

	/**
	 * The cancel check to hand a core loop that asks it before every step: it also counts the steps and reports them
	 * (status bar, task, headless line), so progress shows at step granularity, not only between inputs.
	 *
	 * @param totalSteps the expected number of steps (an estimate is fine: the count only informs)
	 */
	protected java.util.function.BooleanSupplier stepsOf(final String what, final long totalSteps) {
		final long[] done = { 0 };
		return () -> {
			report(what, Math.min(done[0]++, totalSteps), totalSteps);
			return isCanceled();
		};
	}

	/**
	 * This command as a workflow's {@link io.github.faig.workflow.Monitor}: progress goes to the status bar, Fiji's
	 * task and (headless) the progress line; a cancel from the task, Esc or the module stops the workflow at its next
	 * step.
	 */
	protected io.github.faig.workflow.Monitor monitor() {
		return new io.github.faig.workflow.Monitor() {

			@Override
			public void progress(final String message, final long done, final long total) {
				report(message, done, total);
			}

			@Override
			public boolean isCancelled() {
				return isCanceled();
			}
		};
	}

	/** The task of the run in progress, or {@code null} before it starts. */
	org.scijava.task.Task task() {
		return task;
	}

	/** The command's label (its menu leaf), for progress lines. */
	private String label() {
		final org.scijava.plugin.Plugin a = getClass().getAnnotation(org.scijava.plugin.Plugin.class);
		return a != null && !a.label().isEmpty() ? a.label() : getClass().getSimpleName();
	}

	/** Whether no GUI shows progress: the launcher, Fiji's --headless, or a JVM without a display. */
	private static boolean headless() {
		return Boolean.getBoolean("faig.launcher") || Boolean.getBoolean("java.awt.headless") || java.awt.GraphicsEnvironment
			.isHeadless();
	}

	/**
	 * Also true once the user pressed Esc in Fiji (ImageJ's own stop key), which is then turned into this command's
	 * cancel, so the core loops that poll this stop at their next step as for Fiji's task cancel.
	 */
	@Override
	public boolean isCanceled() {
		if (!super.isCanceled() && !headless() && escapePressed()) cancel("Cancelled (Esc)");
		return super.isCanceled();
	}

	private static boolean escapePressed() {
		try {
			if (!ij.IJ.escapePressed()) return false;
			ij.IJ.resetEscape();
			return true;
		}
		catch (final LinkageError e) {
			return false; // no ImageJ 1 on the class path: no Esc key to watch
		}
	}

	/** Throws {@link CancellationException} if the command was cancelled. */
	protected void checkCancelled() {
		if (isCanceled()) throw new CancellationException(getCancelReason());
		if (Thread.currentThread().isInterrupted()) {
			cancel("Cancelled");
			throw new CancellationException("Cancelled");
		}
	}
}
