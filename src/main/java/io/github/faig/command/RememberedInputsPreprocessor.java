package io.github.faig.command;

import java.util.Map;

import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.module.process.SaveInputsPreprocessor;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Puts back the dialog's remembered values after a FAIG run without a dialog (a macro line with options, a script, a
 * headless line): SciJava's {@link SaveInputsPreprocessor}, just before, stores every run's values, and the next
 * dialog must show what the user typed there. What was remembered was noted by {@link InputsPreprocessor}; an input
 * that had nothing remembered is forgotten again (SciJava does not store a default value).
 */
@Plugin(type = PreprocessorPlugin.class, priority = SaveInputsPreprocessor.PRIORITY - 1)
public class RememberedInputsPreprocessor extends AbstractPreprocessorPlugin {

	@Parameter(required = false)
	private ModuleService modules;

	@Override
	public void process(final Module module) {
		if (!(module.getDelegateObject() instanceof FaigCommand) || modules == null) return;
		final FaigCommand command = (FaigCommand) module.getDelegateObject();
		final Map<String, Object> remembered = command.remembered;
		if (remembered == null) return;
		command.remembered = null;
		for (final ModuleItem<?> item : module.getInfo().inputs()) {
			if (remembered.containsKey(item.getName())) restore(item, remembered.get(item.getName()));
		}
	}

	@SuppressWarnings("unchecked")
	private <T> void restore(final ModuleItem<T> item, final Object value) {
		// saving the default removes the stored value, which is what "nothing remembered" is
		modules.save(item, value != null ? (T) value : item.getDefaultValue());
	}
}
