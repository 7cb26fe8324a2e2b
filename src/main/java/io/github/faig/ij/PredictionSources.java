package io.github.faig.ij;

import java.awt.Rectangle;
import java.io.File;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import io.github.faig.image.FloatImage;
import io.github.faig.prediction.PredictDegradation;

/** The images Predict Degradation decides on, read from ImageJ images and files: one per plane, inside the selection. */
public final class PredictionSources {

	private PredictionSources() {}

	/** A file of {@code input_dir}, read by whichever JVM predicts it. */
	public record FileSource(File file, String normalization, String channels, double low, double high) implements
		PredictDegradation.Source
	{

		@Override
		public String name() {
			return file.getName();
		}

		@Override
		public List<PredictDegradation.Image> images() {
			return planes(ImageFiles.open(file, ImageFiles.fileOf("input_dir")), file.getName(), normalization, channels, low, high);
		}
	}

	/** A plane already read (of input_file or the image). */
	public record Plane(PredictDegradation.Image image) implements PredictDegradation.Source {

		@Override
		public String name() {
			return image.name();
		}

		@Override
		public List<PredictDegradation.Image> images() {
			return List.of(image);
		}

		/** Progress counts the planes of one image, not files. */
		@Override
		public String what() {
			return "planes";
		}
	}

	/** Every plane of {@code imp} (inside its selection, if any), named {@code name:plane} when there are several. */
	public static List<PredictDegradation.Image> planes(final ImagePlus imp, final String name,
		final String normalization, final String channels, final double low, final double high)
	{
		final List<PredictDegradation.Image> out = new ArrayList<>();
		// each channel on its own scale by default, so its decision does not depend on its brightness
		final List<FloatImage> slices = ImagePlusBridge.toFloatImages(imp, ImagePlusBridge.scalesOf(imp, normalization,
			channels, low, high));
		final Rectangle roi = Selections.bounds(imp);
		for (int s = 0; s < slices.size(); s++) {
			final int[] czt = imp.convertIndexToPosition(s + 1);
			// as it is: the predictor makes it what the pair takes (grey stays one channel for a grey pair)
			FloatImage img = slices.get(s);
			if (roi != null) img = img.crop(roi.y, roi.x, roi.height, roi.width);
			out.add(new PredictDegradation.Image(name + (slices.size() > 1 ? ":" + (s + 1) : ""), img, czt[0], czt[1],
				czt[2]));
		}
		return out;
	}
}
