// FAIG for Fiji: super-resolve every image of a folder with a one-branch SR network.
// GUI: Plugins > FAIG > Macros (installed by the FAIG update site) or Plugins > Macros > Run...; asks for the folders.
// Headless: ImageJ-linux64 --headless -macro faig_superresolve_folder.ijm "input=/data/lr/ output=/data/sr/ model=msrresnet-x2-target"
args = getArgument();
input = argValue(args, "input", "");
output = argValue(args, "output", "");
if (input == "") input = getDirectory("Folder of low-resolution images");
if (output == "") output = getDirectory("Output folder");
model = argValue(args, "model", "msrresnet-x2-target");
setBatchMode(true);
list = getFileList(input);
n = 0;
for (i = 0; i < list.length; i++) {
	if (!isImageFile(list[i])) continue;
	run("FAIG Blind Super-Resolution", "input_file=[" + input + list[i] + "] model=[" + model + "] tile_size=256 tile_overlap=-1 float_output=false output_dir=[" + output + "]");
	n++;
}
print("FAIG: super-resolved " + n + " images into " + output);

function isImageFile(name) {
	lower = toLowerCase(name);
	return endsWith(lower, ".png") || endsWith(lower, ".tif") || endsWith(lower, ".tiff") || endsWith(lower, ".jpg") || endsWith(lower, ".jpeg");
}

function argValue(args, key, dflt) {
	parts = split(args, " ");
	for (k = 0; k < parts.length; k++) {
		if (startsWith(parts[k], key + "=")) return substring(parts[k], lengthOf(key) + 1);
	}
	return dflt;
}
