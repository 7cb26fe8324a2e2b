package io.github.faig.cli;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;

import org.scijava.ItemVisibility;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModuleItem;
import org.scijava.module.ModuleItem;
import org.scijava.plugin.Plugin;


/**
 * The {@code ./faig} line that repeats a command's run, as a model's provenance records it: read off the command's
 * declared inputs (SciJava's {@link CommandInfo}), in their declared order, with the values of this run, so no command
 * keeps a hand-written copy of its inputs. Left out: message rows, inputs a line cannot set, the inputs every
 * command shares ({@link FaigCommand}'s: they change the speed, not the result), and inputs without a value.
 */
public final class RecordedRun {

	private RecordedRun() {}

	/**
	 * The line of {@code command}'s run.
	 *
	 * @param recorded values that differ from the input's own (e.g. the shape a fine-tuned network really has), by
	 *          input name; a {@code null} value leaves the input out (it does not change the result)
	 */
	public static String line(final org.scijava.command.Command command, final Class<?> base,
		final Map<String, ?> recorded)
	{
		final Map<String, Object> values = new LinkedHashMap<>();
		for (final ModuleItem<?> item : new CommandInfo(command.getClass()).inputs()) {
			if (item.getVisibility() == ItemVisibility.MESSAGE || !InputValues.settable(item.getType()) ||
				!(item instanceof CommandModuleItem)) continue;
			final Field f = ((CommandModuleItem<?>) item).getField();
			if (f.getDeclaringClass() == base) continue;
			final String name = item.getName();
			final Object v = recorded.containsKey(name) ? recorded.get(name) : value(f, command);
			if (v == null || v.toString().isBlank()) continue;
			values.put(name, v);
		}
		final Plugin p = command.getClass().getAnnotation(Plugin.class);
		return "./faig --run \"" + p.label() + "\" \"" + HeadlessLine.format(values) + "\"";
	}

	private static Object value(final Field f, final Object command) {
		try {
			f.setAccessible(true);
			return f.get(command);
		}
		catch (final IllegalAccessException e) {
			throw new IllegalStateException("cannot read input " + f.getName(), e);
		}
	}
}
