// FAIG for Fiji: File > Open Samples > FAIG Demo Photographs opens the four demo photographs that the FAIG
// update site installs into Fiji.app/images/faig-samples/ (licences: NOTICE.md there). The same folder is the
// sample input for the macros (Plugins > FAIG > Macros) and the script templates (Templates > FAIG).
dir = getDirectory("imagej") + "images" + File.separator + "faig-samples" + File.separator;
if (!File.isDirectory(dir)) exit("FAIG demo photographs not found in " + dir + ": install the FAIG update site.");
list = getFileList(dir);
n = 0;
for (i = 0; i < list.length; i++) {
	if (endsWith(toLowerCase(list[i]), ".png")) {
		open(dir + list[i]);
		n++;
	}
}
if (n == 0) exit("No demo photographs in " + dir);
