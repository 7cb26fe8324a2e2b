// FAIG for Fiji: predict the degradation (clean, blur, noise, blur+noise) of every image of a folder into one
// CSV (predictions.csv, a row per file), with the sample pair's shipped filter sets and thresholds by default.
// GUI: Plugins > FAIG > Macros (installed by the FAIG update site) or Plugins > Macros > Run...; asks for the folders.
// Headless: ImageJ-linux64 --headless -macro faig_predict_folder.ijm "input=/data/images/ output=/data/out/"
args = getArgument();
input = argValue(args, "input", "");
output = argValue(args, "output", "");
if (input == "") input = getDirectory("Folder of images to classify");
if (output == "") output = getDirectory("Output folder for predictions.csv");
sets = argValue(args, "filter_sets", "filter-sets-msrresnet-x2");
setBatchMode(true);
run("FAIG Predict Degradation", "input_dir=[" + input + "] filter_sets=[" + sets + "] t_blur=-1 t_noise=-1 output_dir=[" + output + "]");
print("FAIG: predictions written to " + output + "predictions.csv");

function argValue(args, key, dflt) {
	parts = split(args, " ");
	for (k = 0; k < parts.length; k++) {
		if (startsWith(parts[k], key + "=")) return substring(parts[k], lengthOf(key) + 1);
	}
	return dflt;
}
