#@ File (label = "Folder of low-resolution images", style = "directory") input_folder
#@ File (label = "Output folder", style = "directory") output_folder
#@ String (label = "Model (bundled name or package path)", value = "msrresnet-x2-target") model
#@ CommandService command
#@ LogService log

# FAIG for Fiji: super-resolve every image of a folder with FAIG Blind Super-Resolution (Jython).
# Runs without dialogs: process=False, so no input dialog opens, the open image is not filled in and no result
# window opens (the outputs go to output_folder).
# Headless: ImageJ-linux64 --headless --run Batch_Super_Resolution.py "input_folder='/data/lr',output_folder='/data/sr'"
import os

names = sorted(n for n in os.listdir(input_folder.getPath())
               if n.lower().endswith(('.png', '.tif', '.tiff', '.jpg', '.jpeg')))
for i, name in enumerate(names):
    f = os.path.join(input_folder.getPath(), name)
    module = command.run("io.github.faig.command.BlindSuperResolutionCommand", False,
                         "input_file", f, "model", model, "output_dir", output_folder).get()
    if module.isCanceled():
        log.error("FAIG: %s: %s" % (name, module.getCancelReason()))
    else:
        log.info("FAIG: %d/%d %s done" % (i + 1, len(names), name))
