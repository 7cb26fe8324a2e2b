package io.github.faig.cli;

import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.scijava.Cancelable;
import org.scijava.Priority;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.run.AbstractCodeRunner;
import org.scijava.run.CodeRunner;


/**
 * Lets {@code --run "Label" "key=value,…"} name a command by its label (the menu leaf, as Fiji's headless
 * {@code --run} does) or by class name, and waits for it to finish. A command that ends cancelled (bad input, a
 * failed write) is reported as an {@link InvocationTargetException} carrying its reason, so a launcher can exit
 * with a non-zero status. {@link #stop(String)} asks the command in flight to stop at its next step.
 * <p>
 * Inside Fiji this runner is one of many: it resolves only this project's commands (classes under
 * {@value #PACKAGE}) and claims nothing else, at normal priority, so every other plugin's {@code --run} and
 * {@code RunService} call goes where it went before.
 * </p>
 */
@Plugin(type = CodeRunner.class, priority = Priority.NORMAL)
public class LabelCommandRunner extends AbstractCodeRunner {

	/** The package whose commands this runner resolves. */
	public static final String PACKAGE = "io.github.faig.";

	@Parameter
	private CommandService commandService;

	@Parameter
	private ModuleService moduleService;

	/** Why the last command run through this runner failed; {@code null} after a success. */
	private volatile Throwable lastFailure;

	/** The command in flight, or {@code null}. */
	private volatile Module running;

	/** Set by {@link #stop(String)}: no further command starts. */
	private volatile String stopReason;

	@Override
	public void run(final Object code, final Object... args) throws InvocationTargetException {
		final Map<String, Object> inputs = new LinkedHashMap<>();
		if (args.length % 2 != 0) {
			throw new InvocationTargetException(new IllegalArgumentException(
				"arguments must be key=value pairs"));
		}
		for (int i = 0; i < args.length; i += 2) inputs.put(String.valueOf(args[i]), args[i + 1]);
		run(code, inputs);
	}

	@Override
	public void run(final Object code, final Map<String, Object> inputMap) throws InvocationTargetException {
		run(code, inputMap, Mode.CALL);
	}

	/**
	 * As {@link #run(Object, Map)}, for a headless command line ({@code ./faig --run}, Fiji's {@code --headless
	 * --run}): the command leaves reporting a failure to the caller and refuses to run without {@code output_dir}
	 * where it makes results ({@link FaigCommand#runFromHeadlessLine()}).
	 */
	public void runHeadlessLine(final Object code, final Map<String, Object> inputMap)
		throws InvocationTargetException
	{
		run(code, inputMap, Mode.HEADLESS_LINE);
	}

	/**
	 * As {@link #run(Object, Map)}, for Fiji's {@code --run "Label" "key=value,…"} with its GUI: no dialog, an omitted
	 * input has its default ({@link FaigCommand#runFromLine()}); results show as from the menu.
	 */
	public void runLine(final Object code, final Map<String, Object> inputMap) throws InvocationTargetException {
		run(code, inputMap, Mode.LINE);
	}

	/** How a run was asked for. */
	private enum Mode {
		CALL, LINE, HEADLESS_LINE
	}

	private void run(final Object code, final Map<String, Object> inputMap, final Mode mode)
		throws InvocationTargetException
	{
		lastFailure = null;
		try {
			runAndWait(code, inputMap, mode);
		}
		catch (final InvocationTargetException e) {
			lastFailure = e.getTargetException();
			throw e;
		}
	}

	/**
	 * Asks the command in flight (if any) to stop at its next step, with {@code reason} as its cancel reason, and
	 * keeps later commands from starting. Returns at once; the command's {@code run} call returns when it has
	 * stopped. The launcher calls this on Ctrl-C or kill: the JVM must not exit while PyTorch is inside a step.
	 */
	public void stop(final String reason) {
		stopReason = reason;
		final Module m = running;
		if (m instanceof Cancelable) ((Cancelable) m).cancel(reason);
	}

	/** Whether a command is running through this runner now. */
	public boolean isRunning() {
		return running != null;
	}

	/**
	 * Why the last command failed, or {@code null} if it succeeded. SciJava's startup operations log exceptions
	 * rather than pass them on, so the launcher asks here.
	 */
	public Throwable lastFailure() {
		return lastFailure;
	}

	private void runAndWait(final Object code, final Map<String, Object> inputMap, final Mode mode)
		throws InvocationTargetException
	{
		final CommandInfo info = find(code);
		if (info == null) {
			throw new InvocationTargetException(new IllegalArgumentException("no command named '" + code + "'"));
		}
		final Map<String, Object> typed = new LinkedHashMap<>();
		for (final Map.Entry<String, Object> e : inputMap.entrySet()) {
			final String key = e.getKey();
			final ModuleItem<?> item = info.getInput(key);
			if (item == null) {
				throw new InvocationTargetException(new IllegalArgumentException("'" + info.getTitle() +
					"' has no input named '" + key + "'"));
			}
			// Fiji's own --run parser hands over text where a number or boolean was badly written: read it strictly
			Object v = e.getValue();
			if (v instanceof String && item.getType() != String.class && InputValues.settable(item.getType())) {
				try {
					v = InputValues.convert(key, item.getType(), new HeadlessLine.Value((String) v, true));
				}
				catch (final IllegalArgumentException ex) {
					throw new InvocationTargetException(ex);
				}
			}
			typed.put(key, v);
		}
		final Module created = moduleService.createModule(info);
		if (created == null) {
			throw new InvocationTargetException(new IllegalStateException("'" + info.getTitle() + "' did not run"));
		}
		if (created.getDelegateObject() instanceof LineRun) {
			final LineRun c = (LineRun) created.getDelegateObject();
			if (mode == Mode.HEADLESS_LINE) c.runFromHeadlessLine();
			if (mode == Mode.LINE) c.runFromLine();
		}
		if (stopReason != null) throw new InvocationTargetException(new CommandFailedException(stopReason));
		final Module module;
		running = created;
		try {
			// a stop that came while the module was being made still reaches it
			if (stopReason != null) stop(stopReason);
			module = moduleService.waitFor(moduleService.run(created, true, typed));
		}
		finally {
			running = null;
		}
		if (module == null) {
			throw new InvocationTargetException(new IllegalStateException("'" + info.getTitle() + "' did not run"));
		}
		// a FAIG command that finished its work before a late stop request did not fail
		final boolean done = module.getDelegateObject() instanceof LineRun && ((LineRun) module.getDelegateObject())
			.completed();
		if (!done && module instanceof Cancelable && ((Cancelable) module).isCanceled()) {
			throw new InvocationTargetException(new CommandFailedException(((Cancelable) module).getCancelReason()));
		}
	}

	@Override
	public boolean supports(final Object code) {
		return find(code) != null;
	}

	/**
	 * This project's command whose label, menu leaf or class name is {@code code}; {@code null} if none (another
	 * plugin's command is never returned, even under the same label).
	 */
	public CommandInfo find(final Object code) {
		if (!(code instanceof String)) return null;
		final String name = ((String) code).trim();
		for (final CommandInfo info : commandService.getCommands()) {
			if (info.getClassName() == null || !info.getClassName().startsWith(PACKAGE)) continue;
			if (name.equals(info.getClassName()) || name.equals(info.getLabel()) ||
				(info.getMenuPath() != null && info.getMenuPath().getLeaf() != null &&
					name.equals(info.getMenuPath().getLeaf().getName())))
			{
				return info;
			}
		}
		return null;
	}

	/** A command ended without doing its work; the message is the command's own reason. */
	public static class CommandFailedException extends RuntimeException {

		public CommandFailedException(final String message) {
			super(message);
		}
	}
}
