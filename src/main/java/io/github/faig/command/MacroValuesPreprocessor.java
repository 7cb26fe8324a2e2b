package io.github.faig.command;

import org.scijava.Priority;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.Plugin;

import io.github.faig.cli.InputValues;

import ij.IJ;
import ij.Macro;

/**
 * Checks the numbers and booleans of an ImageJ macro line ({@code run("FAIG …", "t_blur=0.3 …")}) as a headless
 * line checks them, before imagej-legacy's {@code MacroPreprocessor} reads them. That reader takes a number it
 * cannot parse ({@code t_blur=abc}, a decimal comma) as 0, a whole number beyond its type as 0, a boolean other than
 * true or false ({@code with_clean=yes}) as false, and throws on an empty one ({@code "t_blur=" + ""},
 * {@code with_clean=}): a stack trace, and the macro went on without the command. The first such value is kept for
 * the command to fail with, in one line naming the input, and an empty one is taken out of the line so that the
 * reader has nothing to throw on.
 */
@Plugin(type = PreprocessorPlugin.class, priority = 2 * Priority.VERY_HIGH + 1)
public class MacroValuesPreprocessor extends AbstractPreprocessorPlugin {

	@Override
	public void process(final Module module) {
		if (!(module.getDelegateObject() instanceof FaigCommand command)) return;
		String options = macroOptions();
		if (options == null) return;
		final String given = options;
		for (final ModuleItem<?> item : module.getInfo().inputs()) {
			final String name = item.getName();
			final String value = Macro.getValue(options, name, null);
			if (value == null) continue;
			String bad = InputValues.notANumber(name, item.getType(), value);
			if (bad == null) bad = InputValues.notABoolean(name, item.getType(), value);
			if (bad != null && command.badMacroValue == null) command.badMacroValue = bad;
			if (bad != null && value.isBlank()) options = withoutKey(options, name);
		}
		if (!options.equals(given)) Macro.setOptions(options);
	}

	/**
	 * {@code options} without the entry for {@code key} that ImageJ's {@code Macro.getValue} reads: the first
	 * {@code key=} not preceded by a letter, with its value (bare up to a space, or in brackets or single quotes).
	 * This follows ImageJ's own lookup so that exactly the entry imagej-legacy would read goes.
	 */
	static String withoutKey(final String options, final String key) {
		final String k = Macro.trimKey(key) + "=";
		int at = -1;
		do {
			at = options.indexOf(k, at + 1);
			if (at < 0) return options;
		}
		while (at != 0 && Character.isLetter(options.charAt(at - 1)));
		final int value = at + k.length();
		int end;
		if (value >= options.length()) end = value;
		else if (options.charAt(value) == '\'') end = close(options, options.indexOf('\'', value + 1));
		else if (options.charAt(value) == '[') end = close(options, options.indexOf(']', value + 1));
		else {
			end = options.indexOf(' ', value);
			if (end < 0) end = options.length();
		}
		return options.substring(0, at) + options.substring(Math.min(end + 1, options.length()));
	}

	private static int close(final String options, final int quote) {
		return quote < 0 ? options.length() : quote + 1;
	}

	/** The options string of the ImageJ macro running this command; {@code null} when none does. */
	private static String macroOptions() {
		try {
			return IJ.isMacro() ? Macro.getOptions() : null;
		}
		catch (final LinkageError e) {
			return null; // no ImageJ 1: no macros
		}
	}
}
