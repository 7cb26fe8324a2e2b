#@ File (label = "Folder of images", style = "directory") inputFolder
#@ File (label = "Output folder", style = "directory") outputFolder
#@ String (label = "Filter sets (folder or bundled name)", value = "filter-sets-msrresnet-x2") filterSets
#@ CommandService command
#@ LogService log

// FAIG for Fiji: predict the degradation of every image of a folder, one command call per image,
// collecting the rows into one CSV. Runs in the Script Editor and headless, without dialogs: the commands run
// with process=false, so no input dialog opens, the open image is not filled in, and no result window opens.
//   ImageJ-linux64 --headless --run Batch_Predict_Degradation.groovy "inputFolder='/data/in',outputFolder='/data/out'"
import ij.measure.ResultsTable

def all = new ResultsTable()
def files = inputFolder.listFiles().findAll { it.name.toLowerCase() ==~ /.*\.(png|tiff?|jpe?g)$/ }.sort()
files.eachWithIndex { f, i ->
	def module = command.run("io.github.faig.command.PredictDegradationCommand", false, "input_file", f,
		"filter_sets", filterSets, "t_blur", -1d, "t_noise", -1d).get()
	if (module.isCanceled()) {
		log.error("FAIG: " + f.name + ": " + module.getCancelReason())
		return
	}
	def t = module.getOutput("predictions")
	for (r in 0..<t.size()) {
		all.incrementCounter()
		for (h in t.getHeadings()) all.addValue(h, t.getStringValue(h, r))
	}
	log.info("FAIG: " + (i + 1) + "/" + files.size() + " " + f.name + " -> " + t.getStringValue("decision", 0))
}
all.saveAs(new File(outputFolder, "predictions.csv").path)
