package io.github.faig.ij;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ij.ImagePlus;
import io.github.faig.ij.ImagePlusBridge.OutputType;
import io.github.faig.image.FloatImage;
import io.github.faig.image.ChannelScales;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.sr.SuperResolve;
import io.github.faig.workflow.FolderRun;
import io.github.faig.workflow.Monitor;

/** Blind Super-Resolution's images as ImageJ makes them: the super-resolved ImagePlus of an image and its files. */
public final class SuperResolvedImages {

	private SuperResolvedImages() {}

	/**
	 * How an image becomes its super-resolved image, the same for the image, {@code input_file} and each file of
	 * {@code input_dir}.
	 *
	 * @param model the model as the image's Info names it
	 */
	public record Rendering(String normalization, String channels, double low, double high, boolean floatOutput,
		String model)
		implements Serializable
	{

		/** The super-resolved image of {@code source} (inside its selection's box) with its title and calibration. */
		public Made apply(final ImagePlus source, final SuperResolve workflow, final Monitor monitor) {
			final ChannelScales scale = ImagePlusBridge.scalesOf(source, normalization, channels, low, high);
			final List<FloatImage> slices = ImagePlusBridge.toFloatImages(source, scale);
			// a selection limits the work to its bounding box (every plane)
			final java.awt.Rectangle roi = Selections.bounds(source);
			if (roi != null) slices.replaceAll(f -> f.crop(roi.y, roi.x, roi.height, roi.width));
			final SuperResolve.Result r = workflow.run(slices, monitor);
			final List<String> labels = new ArrayList<>();
			for (int s = 1; s <= slices.size(); s++) labels.add(source.getStack().getSliceLabel(s));
			final String title = ImageFiles.baseName(source.getTitle()) + "_x" + r.scale() + "_" + r.model();
			final OutputType type = floatOutput ? OutputType.FLOAT : ImagePlusBridge.typeOf(source);
			final ImagePlus out = ImagePlusBridge.carryDisplay(ImagePlusBridge.keepDimensions(ImagePlusBridge
				.toImagePlus(title, r.images(), labels, type, ImagePlusBridge.resampled(cropped(source.getCalibration(),
					roi), 1.0 / r.scale()), ImagePlusBridge.sliceScales(source, scale)), source), source);
			out.setProperty("Info", "FAIG Blind Super-Resolution with " + model + "\nnormalization: " + normalization +
				" (channels " + channels + ") " + scale + "\n");
			return new Made(out, r.images().size() == 1 && type == OutputType.BYTE);
		}
	}

	/** A super-resolved image, and whether a PNG of it is written too (one 8-bit or RGB plane). */
	public record Made(ImagePlus image, boolean png) {

		/** Its output files: {@code <title>.tif}, and {@code <title>.png} when {@link #png}. */
		public Map<String, AtomicOutputs.Writer> files() {
			final Map<String, AtomicOutputs.Writer> files = FolderRun.files();
			final String title = image.getTitle();
			files.put(title + ".tif", f -> ImageFiles.save(image, f));
			if (png) files.put(title + ".png", f -> ImageFiles.save(image, f));
			return files;
		}
	}

	/** The calibration of the selection's box: the origin moves with it. */
	public static ij.measure.Calibration cropped(final ij.measure.Calibration cal, final java.awt.Rectangle roi) {
		if (roi == null || cal == null) return cal;
		final ij.measure.Calibration c = cal.copy();
		c.xOrigin = cal.xOrigin - roi.x;
		c.yOrigin = cal.yOrigin - roi.y;
		return c;
	}
}
