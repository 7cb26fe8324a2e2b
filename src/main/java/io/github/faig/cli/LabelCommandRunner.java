package io.github.faig.cli;

import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.scijava.Priority;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.run.AbstractCodeRunner;
import org.scijava.run.CodeRunner;

/**
 * Lets {@code --run "Label" "key=value,…"} name a command by its label (the menu leaf, as Fiji's headless
 * {@code --run} does) or by class name, and waits for it to finish. A command that ends cancelled (bad input, a
 * failed write) is reported as an {@link InvocationTargetException} carrying its reason, so a launcher can exit
 * with a non-zero status.
 */
@Plugin(type = CodeRunner.class, priority = Priority.HIGH)
public class LabelCommandRunner extends AbstractCodeRunner {

	@Parameter
	private CommandService commandService;

	/** Why the last command run through this runner failed; {@code null} after a success. */
	private volatile Throwable lastFailure;

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
		lastFailure = null;
		try {
			runAndWait(code, inputMap);
		}
		catch (final InvocationTargetException e) {
			lastFailure = e.getTargetException();
			throw e;
		}
	}

	/**
	 * Why the last command failed, or {@code null} if it succeeded. SciJava's startup operations log exceptions
	 * rather than pass them on, so the launcher asks here.
	 */
	public Throwable lastFailure() {
		return lastFailure;
	}

	private void runAndWait(final Object code, final Map<String, Object> inputMap)
		throws InvocationTargetException
	{
		final CommandInfo info = find(code);
		if (info == null) {
			throw new InvocationTargetException(new IllegalArgumentException("no command named '" + code + "'"));
		}
		for (final String key : inputMap.keySet()) {
			if (info.getInput(key) == null) {
				throw new InvocationTargetException(new IllegalArgumentException("'" + info.getTitle() +
					"' has no input named '" + key + "'"));
			}
		}
		final CommandModule module = waitFor(commandService.run(info, true, inputMap));
		if (module == null) {
			throw new InvocationTargetException(new IllegalStateException("'" + info.getTitle() + "' did not run"));
		}
		if (module.isCanceled()) {
			throw new InvocationTargetException(new CommandFailedException(module.getCancelReason()));
		}
	}

	@Override
	public boolean supports(final Object code) {
		return find(code) != null;
	}

	/** The command whose label, menu leaf or class name is {@code code}; {@code null} if none. */
	public CommandInfo find(final Object code) {
		if (!(code instanceof String)) return null;
		final String name = ((String) code).trim();
		for (final CommandInfo info : commandService.getCommands()) {
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
