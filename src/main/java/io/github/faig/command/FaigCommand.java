package io.github.faig.command;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.module.ModuleItem;
import org.scijava.module.Module;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.task.Task;
import org.scijava.task.TaskService;
import org.scijava.widget.WidgetStyle;

import ij.IJ;
import ij.ImagePlus;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.workflow.Quoted;
import io.github.faig.io.OutputPaths;
import io.github.faig.cli.FaigRunService;
import io.github.faig.cli.LineRun;
import io.github.faig.cli.ProgressLine;
import io.github.faig.ij.ImgInput;
import io.github.faig.ij.MacroErrors;
import io.github.faig.ij.PackageChoices;
import net.imglib2.RandomAccessibleInterval;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.Tables;
import io.github.faig.io.UriFile;
import io.github.faig.nn.Architectures;
import io.github.faig.nn.Engines;
import io.github.faig.nn.io.ModelLocator;
import io.github.faig.workflow.FolderFailures;
import io.github.faig.workflow.Monitor;
import io.github.faig.workflow.Sharding;

/**
 * What every FAIG command shares: bad input and I/O failures end the command with a clear message (through
 * {@link #cancel(String)}, so callers see {@code isCanceled()} and the reason), progress goes to the
 * {@link StatusService}, and a cancel request stops the work at the next checkpoint.
 * <p>
 * A dialog remembers the user's last values (SciJava's persisted inputs); a macro line, a script and a headless line
 * do not read them: an input they leave out has its documented default ({@link InputsPreprocessor}).
 * </p>
 * <p>
 * A FAIG command is a plain SciJava command (a {@link ContextCommand}), so a script runs it the usual way:
 * {@code CommandService.run(SomeCommand.class, true, "name", value, …).get()} returns its {@link CommandModule}, whose
 * {@code getOutput(name)} gives the outputs and whose {@code isCanceled()} and {@code getCancelReason()} say whether
 * and why it failed. The choice lists of its model and filter-set inputs ({@link #MODEL_STYLE},
 * {@link #FILTER_SETS_STYLE}) are built by the dialog's widget ({@code io.github.faig.ij.PackageChoiceWidget}) from
 * what is installed when the dialog opens; the inputs themselves are plain text.
 * </p>
 * <p>
 * Subclasses are thin: they check their inputs, call the plain-Java core, and turn results into ImageJ images,
 * tables and files.
 * </p>
 */
public abstract class FaigCommand extends ContextCommand implements LineRun {

	/** Widget style of a model input ({@link PackageChoices#MODEL_STYLE}), for the commands' declarations. */
	public static final String MODEL_STYLE = PackageChoices.MODEL_STYLE;

	/**
	 * Widget style of an architecture input ({@link io.github.faig.ij.ArchitectureChoiceWidget#STYLE}): the dialog
	 * lists the registry's architectures, and every run accepts their names and aliases.
	 */
	public static final String ARCHITECTURE_STYLE = io.github.faig.ij.ArchitectureChoiceWidget.STYLE;

	/** Widget style of a filter-set input ({@link PackageChoices#FILTER_SETS_STYLE}). */
	public static final String FILTER_SETS_STYLE = PackageChoices.FILTER_SETS_STYLE;

	/** The last choice of a model input ({@link PackageChoices#OTHER_MODEL}). */
	public static final String OTHER_MODEL = PackageChoices.OTHER_MODEL;

	/** The last choice of a filter-set input ({@link PackageChoices#OTHER_FILTER_SETS}). */
	public static final String OTHER_FILTER_SETS = PackageChoices.OTHER_FILTER_SETS;

	@Parameter
	protected LogService log;

	@Parameter
	protected StatusService status;

	@Parameter(label = "Native threads (0 = automatic)", min = "0", max = Engines.MAX_THREADS_TEXT, required = false,
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
	/** Set by {@link #runFromHeadlessLine()}. */
	private volatile boolean headlessLine;

	/** Set by {@link #runFromLine()} (and {@link #runFromHeadlessLine()}). */
	private volatile boolean line;

	/**
	 * Marks this run as one of a {@code --run "Label" "key=value,…"} line (with or without a GUI): like a macro line
	 * with options, it shows no dialog, and an input it leaves out has its default ({@link InputsPreprocessor}).
	 */
	public void runFromLine() {
		line = true;
	}

	/** Whether {@link #runFromLine()} or {@link #runFromHeadlessLine()} was called. */
	public boolean fromLine() {
		return line || headlessLine;
	}

	/**
	 * Marks this run as one of a headless command line ({@code ./faig --run}, Fiji's {@code --headless --run}): its
	 * runner reports a failure itself (one line, an exit status), so the command does not log it too, and nothing but
	 * {@code output_dir} keeps its results. Call before the run starts.
	 */
	public void runFromHeadlessLine() {
		headlessLine = true;
	}

	/** Whether {@link #runFromHeadlessLine()} was called. */
	public boolean fromHeadlessLine() {
		return headlessLine;
	}

	/** Headless progress lines, or {@code null} (GUI, or switched off). */
	private ProgressLine progressLine;

	@Parameter(required = false)
	private TaskService taskService;

	/** The run mode (sharding, launcher) of this context's commands. */
	@Parameter(required = false)
	private FaigRunService runs;

	/**
	 * This run as a SciJava task: Fiji's task monitor shows its progress with a cancel button, whose cancel reaches
	 * this command's own cancel (the same path as the module's cancel).
	 */
	private volatile Task task;

	/** Whether the macro that runs this command asked that its error go to the Log window ({@link MacroErrors}). */
	private boolean redirected;

	@Override
	public final void run() {
		try {
			redirected = !fromLine() && MacroErrors.takeRedirect();
			progressLine = ProgressLine.forCommand(label(), headless());
			if (taskService != null) {
				final Task t = taskService.createTask(label());
				t.setCancelCallBack(() -> cancel(t.getCancelReason() != null ? t.getCancelReason() : "Cancelled"));
				t.start();
				task = t;
			}
			// only an Esc pressed during this run stops it, not one left over from earlier work
			if (!headless()) escapePressed();
			if (badMacroValue != null) throw new IllegalArgumentException(badMacroValue);
			checkDeclaredInputs();
			checkPaths();
			Engines.requestThreads(threads);
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
		catch (final IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
			failUnlessStopped(e.getMessage());
		}
		catch (final IOException e) {
			// the project's own read errors name their file and what is wrong; the JDK's give just a path
			failUnlessStopped(e instanceof FileSystemException || e.getMessage() == null ? "could not read or write " +
				e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(
					Locale.ROOT) + ": " + e.getMessage() : e.getMessage());
		}
		catch (final OutOfMemoryError e) {
			fail("ran out of memory (" + e.getMessage() + "): give smaller images, tiles, crops or kernel, or more " +
				"memory (FAIG_HEAP, or Fiji's Edit > Options > Memory)");
		}
		catch (final Exception e) {
			if (debug()) log.error(e);
			failUnlessStopped(e.getClass().getSimpleName() + ": " + e.getMessage());
		}
		finally {
			// SciJava's postprocessors (which show the tables) skip a cancelled module: what it made is shown here
			if (super.isCanceled()) Tables.showOutputs(module());
			if (status != null) status.clearStatus();
			if (task != null) task.finish();
		}
	}

	/**
	 * Checks every input's value against its declaration, the same way from the menu, a macro or a headless line:
	 * a choice among its choices, a number within its min and max and finite. A model or filter-set input takes any
	 * name or path (its choices only help the dialog); the resolver says what is wrong with one that does not exist.
	 */
	private void checkDeclaredInputs() {
		final Module self = module();
		for (final ModuleItem<?> item : getInfo().inputs()) {
			final String key = item.getName();
			final Object v = self.getInput(key);
			if (v instanceof Number) {
				final double d = ((Number) v).doubleValue();
				if (!Double.isFinite(d)) throw new IllegalArgumentException(key + " must be a finite number, got " + v);
				final Object min = item.getMinimumValue();
				final Object max = item.getMaximumValue();
				if (min instanceof Number && d < ((Number) min).doubleValue()) {
					throw new IllegalArgumentException(key + " must be at least " + Quoted.number(min) + ", got " + Quoted.number(v));
				}
				if (max instanceof Number && d > ((Number) max).doubleValue()) {
					throw new IllegalArgumentException(key + " must be at most " + Quoted.number(max) + ", got " + Quoted.number(v));
				}
			}
			if (PackageChoices.packageInput(item)) {
				if (PackageChoices.otherEntry(item).equals(v)) {
					throw new IllegalArgumentException(key + " '" + v + "' is the dialog's chooser entry: expected a " +
						"bundled name or a path");
				}
				continue;
			}
			if (v instanceof UriFile uri) checkUri(key, uri);
			// no command writes into the bundled or installed models, whatever output_dir says
			if (key.equals("output_dir") && v instanceof File out) {
				// nor among everything else a user keeps in the root or home folder (as output_model)
				OutputPaths.checkNotRootOrHome(out, key, "expected a folder for this run's outputs");
				OutputPaths.checkOutsideModels(out, key, ModelLocator.roots());
				OutputPaths.checkNotInModelPackage(out, key);
			}
			if (v instanceof String name && WidgetStyle.isStyle(item, ARCHITECTURE_STYLE)) {
				if (!Architectures.known(name)) {
					throw new IllegalArgumentException(key + " must be one of " + Architectures.described() + ", got '" +
						Quoted.of(name) + "'");
				}
				// an alias means the architecture itself (Train Model compares it with a fine-tuned model's)
				self.setInput(key, Architectures.canonical(name));
			}
			final List<?> choices = item.getChoices();
			if (v instanceof String given && choices != null && !choices.isEmpty() && !choices.contains(v)) {
				final String declared = declaredChoice(choices, choiceAlias(key, given));
				if (!choices.contains(declared)) {
					throw new IllegalArgumentException(key + " must be one of " + choices + ", got '" + Quoted.of(given) + "'");
				}
				// the rest of the run, and the line it records, see the declared spelling
				self.setInput(key, declared);
			}
		}
	}

	/**
	 * The declared choice that {@code value} names in another case or with spaces around it ({@code Paper},
	 * {@code Blur-Under-Noise}), as {@code architecture} and {@code channels} take theirs; {@code value} itself when it
	 * names none.
	 */
	static String declaredChoice(final List<?> choices, final String value) {
		for (final Object c : choices) if (c instanceof String d && d.equalsIgnoreCase(value.trim())) return d;
		return value;
	}

	/**
	 * A choice input's value in another spelling that the command takes too (Train Model's {@code gray}), as its
	 * declared choice; any other value as it is. Any choice is also taken in any case ({@link #declaredChoice}).
	 */
	protected String choiceAlias(final String key, final String value) {
		return value;
	}

	/**
	 * The checks every command's paths share, run once per run before {@link #validate()}: an optional path left
	 * blank, {@code input_file} together with {@code input_dir}, a headless line without {@code output_dir} (unless
	 * {@link #outputDirOptionalHeadless()}), an {@code input_dir} without {@code output_dir}
	 * ({@link #folderRunsWriteOutputDir()}), an {@code output_dir} that cannot be written, an {@code output_dir} that
	 * is also an input folder, and one that holds a file it may not replace under a {@link #fixedOutputNames()} name.
	 */
	private void checkPaths() {
		final Module self = module();
		final Map<String, File> inputDirs = new java.util.LinkedHashMap<>();
		for (final ModuleItem<?> item : getInfo().inputs()) {
			if (!(self.getInput(item.getName()) instanceof File f)) continue;
			if (!item.isRequired()) notBlank(f, item.getName());
			if (!item.getName().equals("output_dir") && item.getName().endsWith("_dir")) inputDirs.put(item.getName(), f);
		}
		final Object file = hasInput("input_file") ? self.getInput("input_file") : null;
		if (file != null && inputDirs.get("input_dir") != null) eitherFileOrDir((File) file, inputDirs.get("input_dir"));
		if (!hasInput("output_dir")) return;
		final File out = (File) self.getInput("output_dir");
		if (!outputDirOptionalHeadless()) outputDirNeededHeadless(out);
		if (folderRunsWriteOutputDir() && inputDirs.get("input_dir") != null && out == null) {
			throw new IllegalArgumentException("input_dir was given without output_dir: the outputs of every file of " +
				"the folder are written there");
		}
		if (out == null) return;
		AtomicOutputs.checkOutputDir(out);
		OutputPaths.checkDistinct(out, inputDirs);
		try {
			AtomicOutputs.checkReplaceable(out, fixedOutputNames());
		}
		catch (final IOException e) {
			throw new IllegalArgumentException(e.getMessage(), e);
		}
	}

	/**
	 * The names of the files every run of this command writes into {@code output_dir}, whatever its inputs. Before
	 * the run starts, a file under one of them that FAIG may not replace refuses it (the check that writing them makes
	 * again), so that a run of hours is not refused at its end. None by default.
	 */
	protected List<String> fixedOutputNames() {
		return List.of();
	}

	/** Whether this command declares input {@code name}. */
	private boolean hasInput(final String name) {
		return getInfo().getInput(name) != null;
	}

	/**
	 * Whether a headless line may leave {@code output_dir} out: its results also go to the log (predictions), or it
	 * has another place to write (calibrated sets in place).
	 */
	protected boolean outputDirOptionalHeadless() {
		return false;
	}

	/** Whether {@code input_dir} is a folder of images each written to {@code output_dir} (the image commands). */
	protected boolean folderRunsWriteOutputDir() {
		return false;
	}

	/** The image inputs, which may name files on a cluster's filesystem ({@link UriFile}) in Spark runs. */
	private static final java.util.Set<String> IMAGE_INPUTS = java.util.Set.of("input_dir", "input_file", "test_dir",
		"discovery_dir");

	/**
	 * Whether this command reads input {@code key} through the image readers that take a filesystem URI: the image
	 * inputs, unless a command reads one otherwise.
	 */
	protected boolean readsUri(final String key) {
		return IMAGE_INPUTS.contains(key);
	}

	/** Refuses a URI where this command reads (or writes) only local paths, or where nothing here reads its scheme. */
	private void checkUri(final String key, final UriFile uri) {
		if (!readsUri(key)) {
			final List<String> taking = new ArrayList<>();
			for (final ModuleItem<?> i : getInfo().inputs()) if (readsUri(i.getName())) taking.add(i.getName());
			throw UriFile.refused(key, uri.toString(), "a local path", taking.isEmpty() ? "" : "URIs are read by " + String
				.join(", ", taking));
		}
		final String why = uri.unreadable();
		if (why != null) throw new IllegalArgumentException(key + " '" + uri + "': " + why);
	}

	/**
	 * The inputs a dialog does not show (scripts, macros and headless lines still set them by name): the ImgLib2
	 * image of scripts and the file that stands in for the active image ({@code input_file}); a command whose
	 * {@code input_dir} only stands in for the active image adds it ({@link #IMAGE_STAND_INS}).
	 */
	public java.util.Set<String> scriptOnlyInputs() {
		return java.util.Set.of("img", "input_file");
	}

	/** The script-only inputs of a command whose files and folder stand in for the active image. */
	protected static final java.util.Set<String> IMAGE_STAND_INS = java.util.Set.of("img", "input_file", "input_dir");

	/**
	 * Runs {@code command} in {@code context} as Fiji and scripts run it ({@code CommandService.run} with SciJava's
	 * pre- and postprocessing) and waits for it to end; inputs are given as name, value, name, value, ... Returns the
	 * command (its module's delegate): {@link #getOutput(String)}, {@code isCanceled()}, {@code getCancelReason()}.
	 */
	public static <C extends FaigCommand> C run(final Context context, final Class<C> command, final Object... inputs)
		throws Exception
	{
		return command.cast(context.service(CommandService.class).run(command, true, inputs).get().getDelegateObject());
	}

	/** This command's declaration: its inputs and outputs as SciJava reads them from its {@code @Parameter} fields. */
	public CommandInfo getInfo() {
		CommandInfo i = info;
		if (i == null) {
			final CommandService commands = getContext() == null ? null : getContext().service(CommandService.class);
			i = commands == null ? null : commands.getCommand(getClass());
			if (i == null) i = new CommandInfo(getClass());
			info = i;
		}
		return i;
	}

	private volatile CommandInfo info;

	/**
	 * This command seen as a SciJava module, to read and set its inputs and outputs by name (a view: the module that
	 * runs it keeps its own resolved flags).
	 */
	Module module() {
		return new CommandModule(getInfo(), this);
	}

	/** The value of output {@code name} (as its module's {@code getOutput}); for callers that hold the command. */
	public Object getOutput(final String name) {
		return module().getOutput(name);
	}

	/** The value of input {@code name} (as its module's {@code getInput}); for callers that hold the command. */
	public Object getInput(final String name) {
		return module().getInput(name);
	}

	/**
	 * For a run without a dialog, the values the dialog remembered before it started, by input name (a {@code null}
	 * value: nothing was remembered); SciJava stores every run's values, and {@link RememberedInputsPreprocessor}
	 * puts these back. {@code null} for a dialog run, whose values are remembered as they should be.
	 */
	volatile Map<String, Object> remembered;

	/** A macro line's number or boolean its input cannot take ({@link MacroValuesPreprocessor}); {@code null}: none. */
	volatile String badMacroValue;

	/**
	 * Refuses, on a headless line, an input the run would ignore: {@code key} set to {@code value}, not its default
	 * {@code dflt}, where {@code used} is false, with {@code when} saying when it is used (e.g. "with discovery_dir").
	 * A dialog or a macro line carries every input (the dialog remembers the last values, and the recorder writes
	 * them all), so there an input the combination does not use is left alone, as ImageJ's own commands do.
	 */
	protected void usedOnly(final String key, final Object value, final Object dflt, final boolean used,
		final String when)
	{
		if (headlessLine && !used && !value.equals(dflt)) {
			throw new IllegalArgumentException(key + " is used only " + when + ", got " + key + "=" + Quoted.number(value) +
				": leave " + key + " out or " + when.replaceFirst("^(with|when) ", "give "));
		}
	}

	/** Throws a clear message if {@code path}, given as {@code param}, is set but blank (an empty quoted value). */
	protected static void notBlank(final File path, final String param) {
		if (path != null && path.getPath().isBlank()) {
			throw new IllegalArgumentException(param + " is empty: expected a path, or leave it out");
		}
	}

	/**
	 * Run from a headless line ({@code ./faig --run}, or Fiji's {@code --headless --run}), a result that is not
	 * written is lost (no window or macro keeps it): refuses to start without an {@code output_dir}. A macro, even in
	 * batch mode or a headless Fiji, reads the images and tables it made, so it may leave {@code output_dir} out.
	 */
	protected void outputDirNeededHeadless(final File outputDir) {
		if (outputDir == null && headlessLine) {
			throw new IllegalArgumentException("output_dir was not given: a headless run writes its results there, " +
				"and nothing else keeps them");
		}
	}

	/** Refuses giving both {@code input_file} and {@code input_dir}: one of them would be silently ignored. */
	protected static void eitherFileOrDir(final File file, final File dir) {
		if (file != null && dir != null) {
			throw new IllegalArgumentException("input_file and input_dir were both given: expected one of them");
		}
	}

	/**
	 * The image a command works on: the file named by {@code input_file} when one is given (a macro that names a
	 * file means that file, whatever image Fiji has open), else the given image (in Fiji, the active one); a clear
	 * message when neither is there.
	 */
	protected static ImagePlus sourceImage(final ImagePlus image, final File inputFile) {
		if (inputFile != null) return ImageFiles.open(inputFile, "input_file");
		if (image == null) throw new IllegalArgumentException("no image: open an image or give input_file");
		return image;
	}

	/**
	 * As {@link #sourceImage(ImagePlus, File)}, with a script's ImgLib2 image (the {@code img} input) between the two: a
	 * named file wins, then {@code img}, then the given (active) image.
	 */
	protected static ImagePlus sourceImage(final ImagePlus image, final File inputFile,
		final RandomAccessibleInterval<?> img)
	{
		if (inputFile == null && img != null) return ImgInput.toImagePlus(img, "img");
		return sourceImage(image, inputFile);
	}

	/**
	 * Fails with {@code message}, unless a stop was asked for first: then the failure is the stop's consequence (an
	 * interrupted read, a cancelled cluster job) and the stop's reason stands.
	 */
	private void failUnlessStopped(final String message) {
		if (isCanceled()) return;
		fail(message);
	}

	/**
	 * Ends the command with {@code message}: logged, returned by getCancelReason (shown by Fiji with a GUI), and, when
	 * an ImageJ macro ran the command, the macro's error, which stops it ({@link MacroErrors}); a macro that asked for
	 * its errors in the Log window gets the message there instead; where ImageJ showed the message itself (that Log
	 * line, or its own message box for {@code IJ.run} from Java code), the reason is empty, so no second box opens.
	 */
	protected void fail(final String message) {
		// a library's exception class name tells a user nothing ("com.google.gson.…MalformedJsonException: …")
		final String m = getClass().getSimpleName().replace("Command", "") + ": " + String.valueOf(message).replaceAll(
			"\\b(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ", "");
		// with a GUI the reason becomes ImageJ's message dialog, which breaks lines only where the text does
		final String shown = headless() ? m : wrapped(m, DIALOG_COLUMNS);
		// a macro's run("FAIG …") stops at that line, with ImageJ's "Macro Error" message naming the line, as for
		// ImageJ's own commands (a --run line is never a macro's)
		final MacroErrors.Reported reported = fromLine() ? MacroErrors.Reported.NOT : MacroErrors.stopRunningMacro(
			redirected ? m : shown, redirected);
		// else a headless line's runner prints the reason itself, as one line; in Fiji the log is where users look
		if (reported == MacroErrors.Reported.NOT && log != null && !headlessLine) log.error(m);
		// where ImageJ showed it all (the Log line of a redirected error, IJ.run's own message box for Java code), an
		// empty reason shows no second message box
		cancel(reported == MacroErrors.Reported.BY_IMAGEJ ? "" : shown);
	}

	/** The widest line of a failure's dialog, in characters. */
	static final int DIALOG_COLUMNS = 100;

	/** {@code text} broken at spaces into lines of at most {@code columns} characters (a longer word stands alone). */
	static String wrapped(final String text, final int columns) {
		final StringBuilder out = new StringBuilder();
		int line = 0;
		for (final String word : text.split(" ", -1)) {
			if (line > 0 && line + 1 + word.length() > columns) {
				out.append('\n');
				line = 0;
			}
			else if (out.length() > 0) {
				out.append(' ');
				line++;
			}
			out.append(word);
			line += word.length();
		}
		return out.toString();
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
		// a step without a count (total 0) shows its message alone
		if (status != null && total > 0) status.showStatus((int) Math.min(Integer.MAX_VALUE, done), (int) Math.min(
			Integer.MAX_VALUE, total), message);
		else if (status != null) status.showStatus(message);
		final ProgressLine p = progressLine;
		if (p != null) p.report(message, done, total);
		final Task t = task;
		if (t != null) {
			if (total > 0) {
				t.setProgressMaximum(total);
				t.setProgressValue(done);
			}
			t.setStatusMessage(message);
		}
	}

	/**
	 * This command as a workflow's {@link io.github.faig.workflow.Monitor}: progress goes to the status bar, Fiji's
	 * task and (headless) the progress line; a cancel from the task, Esc or the module stops the workflow at its next
	 * step.
	 */
	protected Monitor monitor() {
		return Monitor.of(this::report, this::isCanceled);
	}

	/** The sharding this run's items go through: this JVM, or a cluster's executors on a {@code --spark} line. */
	protected Sharding sharding() {
		return runs != null ? runs.sharding() : Sharding.LOCAL;
	}

	/** The failed files of a folder run, each reported to the log as it happens. */
	protected FolderFailures folderFailures() {
		return new FolderFailures(getInfo().getLabel(), log == null ? null : log::warn);
	}

	/** Whether stack traces are wanted: {@code FAIG_DEBUG=1} in the environment or {@code -Dfaig.debug=true}. */
	public static boolean debug() {
		return LineRun.debug();
	}

	/** The task of the run in progress, or {@code null} before it starts. */
	Task task() {
		return task;
	}

	/** The command's label (its menu leaf), for progress lines. */
	private String label() {
		final Plugin a = getClass().getAnnotation(Plugin.class);
		return a != null && !a.label().isEmpty() ? a.label() : getClass().getSimpleName();
	}

	/** Whether no GUI shows progress: the launcher, Fiji's --headless, or a JVM without a display. */
	private boolean headless() {
		return runs != null && runs.launcher() || Boolean.getBoolean("java.awt.headless") || GraphicsEnvironment
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
			if (!IJ.escapePressed()) return false;
			IJ.resetEscape();
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
