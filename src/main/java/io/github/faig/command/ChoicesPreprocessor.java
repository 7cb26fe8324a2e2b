package io.github.faig.command;

import org.scijava.module.Module;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.Plugin;
import org.scijava.widget.InputHarvester;

/**
 * Refills a FAIG command's model and filter-set choices once remembered values are loaded (SciJava's
 * {@code LoadInputsPreprocessor}, just before) and before the dialog is built (the input harvester, just after): a
 * remembered model path that is not installed heads its list instead of being shown as another choice.
 */
@Plugin(type = PreprocessorPlugin.class, priority = InputHarvester.PRIORITY + 0.5)
public class ChoicesPreprocessor extends AbstractPreprocessorPlugin {

	@Override
	public void process(final Module module) {
		if (module.getDelegateObject() instanceof FaigCommand) ((FaigCommand) module.getDelegateObject()).refreshChoices();
	}
}
