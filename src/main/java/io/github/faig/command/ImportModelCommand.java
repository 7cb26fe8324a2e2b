package io.github.faig.command;

import io.github.faig.io.OutputPaths;
import io.github.faig.nn.io.ModelLocator;
import java.io.File;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import io.github.faig.nn.NetworkSpec;
import io.github.faig.nn.io.ModelImporter;
import io.github.faig.nn.io.ModelPackage;

/**
 * {@code Plugins>FAIG>FAIG Import Model}: turns weights from elsewhere — the authors' BasicSR checkpoints
 * ({@code .pth} with {@code params}/{@code params_ema}), plain state dicts as {@code .pth}, {@code .npz} or
 * {@code .safetensors} — into a model package the other commands load. The architecture is read off the tensor
 * names and shapes.
 */
@Plugin(type = Command.class, menu = { @Menu(label = "Plugins"), @Menu(label = "FAIG"), @Menu(label = "FAIG Import Model",
		weight = 85) }, headless = true,
	label = "FAIG Import Model")
public class ImportModelCommand extends FaigCommand {

	@Parameter(label = "Weights file (.pth, .npz, .safetensors)", persist = false, style = FileWidget.OPEN_STYLE)
	private File weights_file;

	@Parameter(label = "Checkpoint entry", persist = false,
		description = "for a .pth dict of state dicts: params_ema (the paper's analysis), params, or another key " +
			"such as net_g; ignored when the file is a state dict itself")
	private String checkpoint_key = "params_ema";

	@Parameter(label = "Role", choices = { "baseline", "target", "other" }, persist = false)
	private String role = "other";

	@Parameter(label = "Licence of the weights", persist = false)
	private String license = "unknown";

	@Parameter(label = "Output model (package folder or .zip)", persist = false, style = FileWidget.SAVE_STYLE)
	private File output_model;

	@Parameter(type = ItemIO.OUTPUT, label = "Architecture")
	private String architecture;

	@Override
	protected void validate() throws Exception {
		if (weights_file == null || weights_file.getPath().isBlank()) {
			throw new IllegalArgumentException("weights_file was not given: expected a .pth, .npz or .safetensors file");
		}
		if (!weights_file.isFile()) {
			throw new IllegalArgumentException("weights_file '" + weights_file + "' does not exist or is not a file");
		}
		OutputPaths.checkNewModel(output_model, "output_model", java.util.Collections.singletonMap("weights_file",
			weights_file), ModelLocator.roots(), ModelPackage::replaceProblem);
	}

	@Override
	protected void execute() throws Exception {
		final String name = output_model.getName().replaceAll("\\.zip$", "");
		final ModelPackage p = ModelImporter.importModel(weights_file, null, checkpoint_key, name, role, license);
		p.write(output_model, "FAIG Import Model");
		final NetworkSpec s = p.spec();
		architecture = s.toString();
		log.info("FAIG Import Model: " + weights_file.getName() + " -> " + output_model + " (" + s + ")");
	}
}
