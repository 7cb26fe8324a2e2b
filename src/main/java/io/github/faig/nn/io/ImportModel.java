package io.github.faig.nn.io;

import java.io.File;
import java.io.IOException;
import java.util.Map;

import io.github.faig.io.OutputPaths;
import io.github.faig.workflow.Monitor;

/**
 * Turns weights from elsewhere (the authors' BasicSR checkpoints, plain state dicts as {@code .pth}, {@code .npz} or
 * {@code .safetensors}) into a model package the other workflows load; the architecture is read off the tensor names
 * and shapes ({@link CheckpointConverter}).
 *
 * <pre>
 * ModelPackage p = new ImportModel(options).run(Monitor.NONE);
 * </pre>
 */
public final class ImportModel {

	private final ImportOptions options;

	/**
	 * Checks the paths: an existing {@code weights_file}, and an {@code output_model} that may receive a new package
	 * (not the weights file nor a folder holding it, not a bundled model, new or a package this project wrote).
	 */
	public ImportModel(final ImportOptions options) {
		final File w = options.weightsFile();
		if (w == null || w.getPath().isBlank()) {
			throw new IllegalArgumentException("weights_file was not given: expected a .pth, .npz or .safetensors file");
		}
		if (!w.isFile()) throw new IllegalArgumentException("weights_file '" + w + "' does not exist or is not a file");
		OutputPaths.checkNewModel(options.outputModel(), "output_model", Map.of("weights_file", w), ModelLocator.roots(),
			ModelPackage::replaceProblem);
		this.options = options;
	}

	/** Reads the weights, infers the network and writes the package; returns it. */
	public ModelPackage run(final Monitor monitor) throws IOException {
		monitor.progress("Reading " + options.weightsFile().getName(), 0, 2);
		final ModelPackage p = CheckpointConverter.importModel(options.weightsFile(), null, options.checkpointKey(), options
			.modelName(), options.role(), options.license());
		monitor.checkCancelled();
		monitor.progress("Writing " + options.outputModel().getName(), 1, 2);
		p.write(options.outputModel(), "FAIG Import Model");
		return p;
	}
}
