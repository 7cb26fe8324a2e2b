// FAIG for Fiji: discriminative filters for blur and noise of a baseline/target pair, from a folder of
// ground-truth images; writes blur_index.txt, noise_index.txt, tables and a plot to the output folder.
// GUI: Plugins > FAIG > Macros (installed by the FAIG update site) or Plugins > Macros > Run...; asks for the folders.
// Headless: ImageJ-linux64 --headless -macro faig_compute_filters.ijm "input=/data/gt/ output=/data/filters/ steps=100 crop_size=0"
args = getArgument();
input = argValue(args, "input", "");
output = argValue(args, "output", "");
if (input == "") input = getDirectory("Folder of ground-truth images");
if (output == "") output = getDirectory("Output folder for the filter sets");
baseline = argValue(args, "baseline", "msrresnet-x2-baseline");
target = argValue(args, "target", "msrresnet-x2-target");
steps = argValue(args, "steps", "100");
crop = argValue(args, "crop_size", "0");
crops = argValue(args, "crops", "1");
setBatchMode(true);
run("FAIG Compute Filters", "baseline_model=[" + baseline + "] target_model=[" + target + "] input_dir=[" + input + "] blur_sigma=2.0 kernel_size=21 noise_sigma=0.1 seed=0 steps=" + steps + " quadrature=riemann crop_size=" + crop + " crops=" + crops + " percent=1.0 output_dir=[" + output + "]");
print("FAIG: filter sets written to " + output);

function argValue(args, key, dflt) {
	parts = split(args, " ");
	for (k = 0; k < parts.length; k++) {
		if (startsWith(parts[k], key + "=")) return substring(parts[k], lengthOf(key) + 1);
	}
	return dflt;
}
