// FAIG for Fiji: super-resolve every image of a folder with a one-branch SR network.
// GUI: Plugins > FAIG > Macros (installed by the FAIG update site) or Plugins > Macros > Run...; asks for the folders.
// Headless: ImageJ-linux64 --headless -macro faig_superresolve_folder.ijm "input=/data/lr output=/data/sr model=msrresnet-x2-target"
// Arguments follow ImageJ's rules: key=value, paths with spaces in [brackets]; folders with or without a
// trailing separator. The output folder is created. Images it opens are closed; failures are counted and named.
args = getArgument();
input = asFolder(argValue(args, "input", ""));
output = asFolder(argValue(args, "output", ""));
if (input == "") input = getDirectory("Folder of low-resolution images");
if (output == "") output = getDirectory("Output folder");
model = argValue(args, "model", "msrresnet-x2-target");
normalization = argValue(args, "normalization", "type-range");
if (!File.isDirectory(input)) exit("FAIG: input folder " + input + " does not exist");
makeFolders(output);
setBatchMode(true);
keep = openImageIds();
list = getFileList(input);
n = 0;
failed = 0;
failures = "";
for (i = 0; i < list.length; i++) {
	if (!isImageFile(list[i])) continue;
	t0 = getTime();
	// a file that fails is counted below: its error goes to the Log window instead of stopping the macro
	IJ.redirectErrorMessages();
	run("FAIG Blind Super-Resolution", "input_file=[" + input + list[i] + "] model=[" + model + "] tile_size=256 tile_overlap=-1 float_output=false normalization=" + normalization + " output_dir=[" + output + "]");
	closeNewImages(keep);
	// "" + : IJ1 takes an expression that starts with a user function for a number
	prefix = "" + baseName(list[i]) + "_x";
	ok = wroteSince(output, prefix, t0);
	if (ok) n++;
	else {
		failed++;
		failures = failures + " " + list[i];
	}
}
print("FAIG: super-resolved " + n + " images into " + output + "; " + failed + " failed" + failures);

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

// The name of a file without its extension.
function baseName(name) {
	dot = lastIndexOf(name, ".");
	if (dot > 0) return substring(name, 0, dot);
	return name;
}
