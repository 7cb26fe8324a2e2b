// FAIG for Fiji: predict the degradation (clean, blur, noise, blur+noise) of every image of a folder into one
// CSV (predictions.csv, a row per image plane), with the sample pair's shipped filter sets and thresholds by default.
// GUI: Plugins > FAIG > Macros (installed by the FAIG update site) or Plugins > Macros > Run...; asks for the folders.
// Headless: ImageJ-linux64 --headless -macro faig_predict_folder.ijm "input=/data/images output=/data/out"
// Arguments follow ImageJ's rules: key=value, paths with spaces in [brackets]; folders with or without a
// trailing separator. The output folder is created; a failure is reported.
args = getArgument();
input = asFolder(argValue(args, "input", ""));
output = asFolder(argValue(args, "output", ""));
if (input == "") input = getDirectory("Folder of images to classify");
if (output == "") output = getDirectory("Output folder for predictions.csv");
sets = argValue(args, "filter_sets", "filter-sets-msrresnet-x2");
normalization = argValue(args, "normalization", "type-range");
if (!File.isDirectory(input)) exit("FAIG: input folder " + input + " does not exist");
makeFolders(output);
setBatchMode(true);
keep = openImageIds();
t0 = getTime();
// a failure is reported below (files that failed are listed): its error goes to the Log window instead of
// stopping the macro
IJ.redirectErrorMessages();
run("FAIG Predict Degradation", "input_dir=[" + input + "] filter_sets=[" + sets + "] t_blur=-1 t_noise=-1 normalization=" + normalization + " output_dir=[" + output + "]");
closeNewImages(keep);
ok = wroteSince(output, "predictions.csv", t0);
if (ok) print("FAIG: predictions written to " + output + "predictions.csv");
else print("FAIG: Predict Degradation failed; 1 failed (see the log)");
// the command writes this file on every folder run: a header, then one row per file that failed
failedRows = csvRows(output + "predictions_failed.csv");
if (failedRows == 1) print("FAIG: 1 file failed; it is listed with the reason in " + output + "predictions_failed.csv");
if (failedRows > 1) print("FAIG: " + failedRows + " files failed; they are listed with the reasons in " + output + "predictions_failed.csv");

// -- helpers (the same in every FAIG macro) --

// The value of key in a macro argument string, by ImageJ's own rules (Macro.getValue): key=value, or
// key=[value with spaces]; dflt when the key is absent.
function argValue(args, key, dflt) {
	return call("ij.Macro.getValue", args + " ", key, dflt);
}

// A folder path that ends with a separator, whether or not it was given with one.
function asFolder(path) {
	if (path == "" || endsWith(path, "/") || endsWith(path, "\\")) return path;
	return path + File.separator;
}

// Creates a folder and its missing parents; stops the macro with a message when it cannot.
function makeFolders(path) {
	if (File.isDirectory(path)) return;
	parent = File.getParent(path);
	if (parent != "" && !File.isDirectory(parent)) makeFolders(parent);
	File.makeDirectory(path);
	if (!File.isDirectory(path)) exit("FAIG: could not create the folder " + path);
}

// The IDs of the images open now, so that the macro closes only what it opened.
function openImageIds() {
	ids = newArray(nImages);
	for (j = 1; j <= nImages; j++) {
		selectImage(j);
		ids[j - 1] = getImageID();
	}
	return ids;
}

// Closes every image that was not open when the macro started (ids from openImageIds).
function closeNewImages(ids) {
	for (j = nImages; j >= 1; j--) {
		selectImage(j);
		id = getImageID();
		keep = false;
		for (k = 0; k < ids.length; k++) if (ids[k] == id) keep = true;
		if (!keep) close();
	}
}

// Whether a file of folder dir whose name starts with prefix was written at or after time t0 (ms).
function wroteSince(dir, prefix, t0) {
	files = getFileList(dir);
	found = false;
	for (j = 0; j < files.length; j++) {
		if (startsWith(files[j], prefix)) {
			modified = parseFloat(File.lastModified(dir + files[j]));
			if (modified >= t0 - 2000) found = true;
		}
	}
	return found;
}

// Whether a file name is an image the commands read (TIFF, PNG, JPEG, BMP, GIF).
function isImageFile(name) {
	lower = toLowerCase(name);
	// kept in a variable: the macro language returns only the first operand of 'return a || b'
	image = endsWith(lower, ".png") || endsWith(lower, ".tif") || endsWith(lower, ".tiff") || endsWith(lower, ".jpg") || endsWith(lower, ".jpeg") || endsWith(lower, ".bmp") || endsWith(lower, ".gif");
	return image;
}

// The number of data rows of a CSV file (lines after the header; no image name holds a line break here); 0 when
// the file is absent.
function csvRows(path) {
	if (!File.exists(path)) return 0;
	lines = split(File.openAsString(path), "\n");
	rows = 0;
	for (j = 1; j < lines.length; j++) if (lengthOf(lines[j]) > 0) rows++;
	return rows;
}

// The name of a file without its extension.
function baseName(name) {
	dot = lastIndexOf(name, ".");
	if (dot > 0) return substring(name, 0, dot);
	return name;
}
