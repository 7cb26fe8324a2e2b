package io.github.faig.ij;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ij.ImagePlus;
import io.github.faig.image.FloatImage;

/** Ground-truth image sets for the commands: the slices of a stack, or every image file of a folder (headless). */
public final class GroundTruths {

	private GroundTruths() {}

	/**
	 * RGB images (grey ones as three equal channels); their names are appended to {@code names}.
	 *
	 * @param param the folder's input name, for messages ({@code input_dir}, {@code discovery_dir})
	 */
	public static List<FloatImage> load(final ImagePlus image, final File dir, final String param, final List<String> names) {
		final List<FloatImage> out = new ArrayList<>();
		// an input_dir that was named wins over the image Fiji fills in (the active one)
		if (image != null && dir == null) {
			final List<FloatImage> slices = ImagePlusBridge.toFloatImages(image);
			for (int s = 0; s < slices.size(); s++) {
				out.add(slices.get(s).asRgb());
				names.add(sliceName(image, s + 1));
			}
			return out;
		}
		if (dir == null) throw new IllegalArgumentException("no images: give an image (stack) or " + param);
		for (final File f : imageFiles(dir, param)) {
			final ImagePlus imp = ImageFiles.open(f, ImageFiles.fileOf(param));
			out.add(ImagePlusBridge.toFloatImages(imp).get(0).asRgb());
			names.add(ImageFiles.baseName(f.getName()));
		}
		return out;
	}

	/**
	 * The name of one slice (1-based) of an image: the first line of its slice label, else the title without its
	 * extension, with {@code :slice} for a stack.
	 */
	public static String sliceName(final ImagePlus imp, final int slice) {
		final String label = imp.getStack().getSliceLabel(slice);
		return label != null && !label.isBlank() ? label.split("\n")[0] : ImageFiles.baseName(imp.getTitle()) + (imp
			.getStackSize() > 1 ? ":" + slice : "");
	}

	/** The image files (PNG, JPEG, TIFF, BMP) of a folder, sorted by name; a clear message naming {@code param}. */
	public static File[] imageFiles(final File dir, final String param) {
		final File[] files;
		try {
			if (!dir.isDirectory()) {
				throw new IllegalArgumentException(param + " '" + dir + "' does not exist or is not a folder");
			}
			// hidden files (".name", macOS's "._name" companions) are not the user's images; nor are folders (a
			// folder named "x.png"), which a cluster's filesystem does not list as files either. Anything else with an
			// image's name is listed, so a broken link or a device is refused by name rather than skipped unsaid.
			files = dir.listFiles(f -> !f.getName().startsWith(".") && ImageFiles.isImageName(f.getName()) && !f
				.isDirectory());
		}
		catch (final java.io.UncheckedIOException e) {
			// a folder on a cluster's filesystem (UriFile) that could not be reached
			throw new IllegalArgumentException(param + " " + e.getMessage(), e);
		}
		if (files == null || files.length == 0) {
			throw new IllegalArgumentException(param + " '" + dir + "' holds no images (" + ImageFiles.IMAGE_KINDS + ")");
		}
		Arrays.sort(files);
		return files;
	}
}
