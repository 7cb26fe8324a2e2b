package io.github.faig.command;

import java.util.HashMap;
import java.util.Map;

import org.scijava.Priority;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.ui.UIService;

import ij.IJ;
import ij.Macro;

/**
 * Which values a FAIG command starts from, and which inputs its dialog shows.
 * <p>
 * SciJava loads an input's remembered (persisted) value whenever a run leaves the input unset
 * ({@code LoadInputsPreprocessor}, after the macro's own values are set by imagej-legacy's
 * {@code MacroPreprocessor}): a macro line that omits a key would then depend on what was last typed into the dialog.
 * This preprocessor runs between the two. When no dialog will be shown (a macro line with options, a script or
 * {@code CommandService} call in a headless Fiji, a headless {@code --run} line, {@code ./faig}), it marks every input
 * left unset as resolved, so it keeps its documented default and nothing remembered is read; and it notes what is
 * remembered now, which {@link RememberedInputsPreprocessor} puts back once SciJava's {@code SaveInputsPreprocessor}
 * has stored the run's values (SciJava stores every run's; the declaration a command shares with every other run of
 * it cannot be told otherwise). When a dialog will be
 * shown (the menu, a macro's {@code run("…")} without options), the remembered values load as usual, and the
 * script-only inputs ({@link FaigCommand#scriptOnlyInputs()}) are resolved so that the dialog leaves them out.
 * </p>
 */
@Plugin(type = PreprocessorPlugin.class, priority = Priority.LOW)
public class InputsPreprocessor extends AbstractPreprocessorPlugin {

	@Parameter(required = false)
	private UIService ui;

	@Parameter(required = false)
	private ModuleService modules;

	@Override
	public void process(final Module module) {
		if (!(module.getDelegateObject() instanceof FaigCommand)) return;
		final FaigCommand command = (FaigCommand) module.getDelegateObject();
		final boolean dialog = dialog(ui != null && ui.isVisible() && !ui.isHeadless(), command.fromLine(),
			macroOptions());
		// nor is anything stored by such a run: the dialog next time shows what the user typed there, not a macro's or
		// a failed headless line's values
		final Map<String, Object> remembered = new HashMap<>();
		for (final ModuleItem<?> item : module.getInfo().inputs()) {
			final String name = item.getName();
			if (!dialog && item.isPersisted() && modules != null) remembered.put(name, modules.load(item));
			if (module.isInputResolved(name)) continue;
			if (!dialog || command.scriptOnlyInputs().contains(name)) module.resolveInput(name);
		}
		command.remembered = dialog ? null : remembered;
	}

	/**
	 * Whether the run will show a dialog, where remembered values are offered: a visible UI, not a {@code --run} line,
	 * and not a macro call that gives its options (ImageJ shows no dialog for those).
	 */
	static boolean dialog(final boolean visibleUi, final boolean line, final boolean macroOptions) {
		return visibleUi && !line && !macroOptions;
	}

	/** Whether an ImageJ macro is running this command with an options string. */
	private static boolean macroOptions() {
		try {
			return IJ.isMacro() && Macro.getOptions() != null;
		}
		catch (final LinkageError e) {
			return false; // no ImageJ 1: no macros
		}
	}
}
