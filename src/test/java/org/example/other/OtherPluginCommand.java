package org.example.other;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Another Fiji plugin's command (test scope), which the FAIG runner must leave alone. */
@Plugin(type = Command.class, menuPath = "Plugins>Other>Other Plugin", label = "Other Plugin")
public class OtherPluginCommand implements Command {

	@Parameter(required = false)
	private String text = "";

	@Parameter(type = ItemIO.OUTPUT)
	private String said;

	@Override
	public void run() {
		said = "other:" + text;
	}
}
