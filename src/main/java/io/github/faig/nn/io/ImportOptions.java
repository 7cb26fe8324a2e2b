package io.github.faig.nn.io;

import java.io.File;
import java.io.Serializable;
import java.util.List;

/**
 * What an {@link ImportModel} run is asked to do. The defaults are {@link #DEFAULTS}.
 *
 * @param weightsFile the weights: a BasicSR checkpoint or a plain state dict ({@code .pth}, {@code .npz},
 *          {@code .safetensors})
 * @param checkpointKey for a {@code .pth} dict of state dicts, the entry to take ({@code params_ema}, the paper's
 *          analysis; {@code params}; or another key such as {@code net_g}); ignored when the file is a state dict
 * @param role the role recorded in the package: {@code baseline}, {@code target} or {@code other}
 * @param license the licence of the weights, recorded in the package
 * @param outputModel the model package to write (folder, or {@code .zip})
 */
public record ImportOptions(File weightsFile, String checkpointKey, String role, String license, File outputModel)
	implements Serializable
{

	private static final long serialVersionUID = 1L;

	/** The roles a package records. */
	public static final List<String> ROLES = List.of("baseline", "target", "other");

	/** The defaults (no paths): the EMA weights, role {@code other}, licence unknown. */
	public static final ImportOptions DEFAULTS = new ImportOptions(null, "params_ema", "other", "unknown", null);

	public ImportOptions {
		if (!ROLES.contains(role)) {
			throw new IllegalArgumentException("role must be one of " + ROLES + ", got '" + role + "'");
		}
	}

	/** The package's name: the output's file name without {@code .zip}. */
	public String modelName() {
		return outputModel.getName().replaceAll("\\.zip$", "");
	}
}
