package io.github.faig.ij;

import org.scijava.Priority;
import org.scijava.module.Module;
import org.scijava.module.process.AbstractPostprocessorPlugin;
import org.scijava.module.process.PostprocessorPlugin;
import org.scijava.plugin.Plugin;

import ij.measure.ResultsTable;

/**
 * Shows the {@link ResultsTable} outputs of this project's commands where a macro reads them ({@link Tables#show}:
 * the Results table, or a window titled as the output's label), before SciJava's display step, which has no display
 * for an ImageJ 1 table and would log "Ignoring unsupported output" (and pop up Fiji's Console) for each. Other
 * plugins' outputs are left alone.
 */
@Plugin(type = PostprocessorPlugin.class, priority = Priority.LOW)
public class TablesPostprocessor extends AbstractPostprocessorPlugin {

	/** The package whose commands' tables are shown here. */
	static final String PACKAGE = "io.github.faig.";

	@Override
	public void process(final Module module) {
		final Object command = module.getDelegateObject();
		if (command == null || !command.getClass().getName().startsWith(PACKAGE)) return;
		Tables.showOutputs(module);
	}
}
