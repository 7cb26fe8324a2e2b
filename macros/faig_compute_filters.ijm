// FAIG for Fiji: discriminative filters for blur and noise of a baseline/target pair, from a folder of
// ground-truth images; writes blur_index.txt, noise_index.txt, tables and a plot to the output folder.
// GUI: Plugins > FAIG > Macros (installed by the FAIG update site) or Plugins > Macros > Run...; asks for the folders.
// Headless: ImageJ-linux64 --headless -macro faig_compute_filters.ijm "input=/data/gt output=/data/filters crop_size=0"
// Integration rule: Gauss-Legendre with 16 steps by default (keeps >= 98 % of the paper's top 1 %, RESULTS.md
// sections 5 and 7.3); the paper's rule: quadrature=riemann (steps=0 is the rule's default, 100 for riemann).
// Arguments follow ImageJ's rules: key=value, paths with spaces in [brackets]; folders with or without a
// trailing separator. The output folder is created; a failure is reported.
args = getArgument();
input = asFolder(argValue(args, "input", ""));
output = asFolder(argValue(args, "output", ""));
if (input == "") input = getDirectory("Folder of ground-truth images");
if (output == "") output = getDirectory("Output folder for the filter sets");
baseline = argValue(args, "baseline", "msrresnet-x2-baseline");
target = argValue(args, "target", "msrresnet-x2-target");
quadrature = argValue(args, "quadrature", "gauss-legendre");
steps = argValue(args, "steps", "0");
crop = argValue(args, "crop_size", "0");
crops = argValue(args, "crops", "1");
if (!File.isDirectory(input)) exit("FAIG: input folder " + input + " does not exist");
makeFolders(output);
setBatchMode(true);
keep = openImageIds();
t0 = getTime();
run("FAIG Compute Filters", "baseline_model=[" + baseline + "] target_model=[" + target + "] input_dir=[" + input + "] blur_sigma=2.0 kernel_size=21 noise_sigma=0.1 seed=0 steps=" + steps + " quadrature=" + quadrature + " crop_size=" + crop + " crops=" + crops + " percent=1.0 output_dir=[" + output + "]");
closeNewImages(keep);
ok = wroteSince(output, "filter_sets.json", t0);
if (ok) print("FAIG: filter sets written to " + output);
else print("FAIG: Compute Filters failed; 1 failed (see the log)");

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
