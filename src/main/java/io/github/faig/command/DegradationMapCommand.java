package io.github.faig.command;

import java.awt.Rectangle;
import java.io.File;
import java.io.IOException;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.faig.ij.DegradationMapDisplay;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.Selections;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.ij.ResultTables;
import io.github.faig.image.ChannelScales;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.io.Rows;
import io.github.faig.prediction.DegradationMap;
import io.github.faig.prediction.DegradationMapOptions;
import io.github.faig.prediction.PredictionModels;
import io.github.faig.prediction.PredictionOptions;

/**
 * {@code Plugins>FAIG>FAIG Degradation Map}: degradation prediction tile by tile, for images whose degradation
 * varies across the field of view, on the current plane or every plane ({@code all_planes}), inside the selection
 * when there is one. What it shows (the map added to the image's overlay, a labelled image, a table) is
 * {@link DegradationMapDisplay}'s.
 */
@Plugin(type = Command.class, menu = { @Menu(label = "Plugins"), @Menu(label = "FAIG"), @Menu(label = "FAIG Degradation Map",
		weight = 65) }, headless = true,
	label = "FAIG Degradation Map")
public class DegradationMapCommand extends ImageCommand {

	@Parameter(label = "Filter sets (folder or bundled name)", required = false,
		style = FILTER_SETS_STYLE)
	private String filter_sets = PredictionModels.DEFAULT_FILTER_SETS;

	@Parameter(label = "Tile size (pixels)", min = "16", max = "8192")
	private int tile_size = 64;

	@Parameter(label = "T_blur (-1 = calibrated)")
	private double t_blur = -1;

	@Parameter(label = "T_noise (-1 = calibrated)")
	private double t_noise = -1;

	@Parameter(label = "All planes",
		description = "off: the current plane (the first of a file); on: every channel, slice and frame")
	private boolean all_planes = false;

	@Parameter(label = "Output folder (optional)", required = false,
		style = FileWidget.DIRECTORY_STYLE,
		description = "writes <name>_degradation_map.png (the image with the map laid over it, one plane), " +
			"<name>_degradation_labels.tif and <name>_degradation_tiles.csv")
	private File output_dir;

	@Parameter(type = ItemIO.OUTPUT, label = "Degradation map")
	private ImagePlus degradation_map;

	@Parameter(type = ItemIO.OUTPUT, label = "FAIG degradation map tiles")
	private ResultsTable tiles;

	@Override
	protected void validate() throws Exception {
		super.validate();
		options();
	}

	private DegradationMapOptions options() {
		return new DegradationMapOptions(new PredictionOptions(filter_sets, t_blur, t_noise), tile_size);
	}

	@Override
	protected void execute() throws Exception {
		final ImagePlus source = source();
		ImagePlusBridge.checkSupported(source);
		final ChannelScales scales = scalesOf(source);
		final DegradationMap.Region region = region(source);
		final String what = Selections.bounds(source) != null ? "the selection" : "image";
		DegradationMap.tiles(region, tile_size, what); // a region smaller than one tile is refused before the models load
		final int[] planes = planes(source);
		final List<DegradationMap.TileDecision> decisions;
		try (DegradationMap map = new DegradationMap(options())) {
			decisions = map.run(planes.length, p -> ImagePlusBridge.toFloatImage(source.getStack().getProcessor(
				planes[p]), ImagePlusBridge.sliceScales(source, scales, planes[p])), region, what, monitor());
		}
		final DegradationMapDisplay.Shown shown = DegradationMapDisplay.of(source, planes, decisions, region, tile_size,
			all_planes);
		degradation_map = shown.labels();
		tiles = ResultTables.of(shown.tiles());
		// the map joins the image's own overlay; an image read from a file is not shown, so only the PNG carries it
		if (input_file == null && img == null && image != null) DegradationMapDisplay.addTo(image, shown.overlay());
		write(source, planes.length == 1 ? DegradationMapDisplay.picture(source, planes[0], scales, shown.overlay())
			: null, shown.tiles());
	}

	private void write(final ImagePlus source, final ImagePlus picture, final Rows rows) throws IOException {
		if (output_dir == null) return;
		final String base = ImageFiles.baseName(source.getTitle());
		try (AtomicOutputs out = new AtomicOutputs(output_dir)) {
			if (picture != null) out.write(base + "_degradation_map.png", f -> ImageFiles.save(picture, f));
			out.write(base + "_degradation_labels.tif", f -> ImageFiles.save(degradation_map, f));
			out.table(base + "_degradation_tiles", rows);
			checkCancelled();
			out.commit();
		}
	}

	/** The selection's box, or the whole image. */
	private static DegradationMap.Region region(final ImagePlus source) {
		final Rectangle sel = Selections.bounds(source);
		return sel != null ? new DegradationMap.Region(sel.x, sel.y, sel.width, sel.height) : new DegradationMap.Region(0,
			0, source.getWidth(), source.getHeight());
	}

	/** The planes to map (1-based stack indices): the current one, or all. */
	private int[] planes(final ImagePlus imp) {
		if (!all_planes) return new int[] { input_file != null || img != null ? 1 : Math.max(1, imp.getCurrentSlice()) };
		final int[] all = new int[imp.getStackSize()];
		for (int i = 0; i < all.length; i++) all[i] = i + 1;
		return all;
	}
}
