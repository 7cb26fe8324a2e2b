// FAIG for Fiji: degrade every image of a folder (clean LR, blur, noise, blur+noise; spec section 1).
// GUI: Plugins > FAIG > Macros (installed by the FAIG update site) or Plugins > Macros > Run...; asks for the folders.
// Headless: ImageJ-linux64 --headless -macro faig_degrade_folder.ijm "input=/data/gt/ output=/data/lr/ blur_sigma=2.0 noise_sigma=0.1 seed=1"
args = getArgument();
input = argValue(args, "input", "");
output = argValue(args, "output", "");
if (input == "") input = getDirectory("Folder of ground-truth images");
if (output == "") output = getDirectory("Output folder");
blur = argValue(args, "blur_sigma", "2.0");
noise = argValue(args, "noise_sigma", "0.1");
seed = argValue(args, "seed", "0");
setBatchMode(true);
list = getFileList(input);
n = 0;
for (i = 0; i < list.length; i++) {
	if (!isImageFile(list[i])) continue;
	run("FAIG Synthesize Degradations", "input_file=[" + input + list[i] + "] blur_sigma=" + blur + " kernel_size=21 scale=2 noise_sigma=" + noise + " seed=" + seed + " with_clean=true with_blur=true with_noise=true with_blur_noise=true output_dir=[" + output + "]");
	n++;
}
print("FAIG: degraded " + n + " images into " + output);

function isImageFile(name) {
	lower = toLowerCase(name);
	return endsWith(lower, ".png") || endsWith(lower, ".tif") || endsWith(lower, ".tiff") || endsWith(lower, ".jpg") || endsWith(lower, ".jpeg");
}

// The value of key=value in a space-separated argument string, or dflt.
function argValue(args, key, dflt) {
	parts = split(args, " ");
	for (k = 0; k < parts.length; k++) {
		if (startsWith(parts[k], key + "=")) return substring(parts[k], lengthOf(key) + 1);
	}
	return dflt;
}
