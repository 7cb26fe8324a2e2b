package io.github.faig.command;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import io.github.faig.nn.io.ImportModel;
import io.github.faig.nn.io.ImportOptions;
import io.github.faig.nn.io.ModelPackage;

/**
 * {@code Plugins>FAIG>FAIG Import Model}: turns weights from elsewhere — the authors' BasicSR checkpoints
 * ({@code .pth} with {@code params}/{@code params_ema}), plain state dicts as {@code .pth}, {@code .npz} or
 * {@code .safetensors} — into a model package the other commands load. The architecture is read off the tensor
 * names and shapes. The work is {@link ImportModel}'s.
 */
@Plugin(type = Command.class, menu = { @Menu(label = "Plugins"), @Menu(label = "FAIG"), @Menu(label = "FAIG Import Model",
		weight = 85) }, headless = true,
	label = "FAIG Import Model")
public class ImportModelCommand extends FaigCommand {

	@Parameter(label = "Weights file (.pth, .npz, .safetensors)", style = FileWidget.OPEN_STYLE)
	private File weights_file;

	@Parameter(label = "Checkpoint entry",
		description = "for a .pth dict of state dicts: params_ema (the paper's analysis), params, or another key " +
			"such as net_g; ignored when the file is a state dict itself")
	private String checkpoint_key = ImportOptions.DEFAULTS.checkpointKey();

	@Parameter(label = "Role", choices = { "baseline", "target", "other" })
	private String role = ImportOptions.DEFAULTS.role();

	@Parameter(label = "Licence of the weights")
	private String license = ImportOptions.DEFAULTS.license();

	@Parameter(label = "Output model (package folder or .zip)", style = FileWidget.SAVE_STYLE)
	private File output_model;

	@Parameter(type = ItemIO.OUTPUT, label = "Architecture")
	private String architecture;

	/** The run, its paths checked by {@link #validate()}. */
	private ImportModel importer;

	@Override
	protected void validate() throws Exception {
		importer = new ImportModel(new ImportOptions(weights_file, checkpoint_key, role, license, output_model));
	}

	@Override
	protected void execute() throws Exception {
		final ModelPackage p = importer.run(monitor());
		architecture = p.spec().toString();
		log.info("FAIG Import Model: " + weights_file.getName() + " -> " + output_model + " (" + architecture + ")");
	}
}
