package io.github.faig.image;

import java.io.File;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

import io.github.faig.io.MemoryBudget;

/**
 * What an image file holds, read from its header without decoding a pixel: the size of each page, the samples per
 * pixel and their bits. The readers check a file with it before they commit memory or work to it: an image too large
 * for the heap, a TIFF whose pages differ in size (which would be read as its first page alone) and a JPEG in a
 * colour space that cannot be decoded (CMYK, YCCK) are refused in one line naming the file.
 *
 * @param format the format's name as Java's image readers give it ({@code png}, {@code tif}, {@code JPEG})
 * @param width the first page's width
 * @param height the first page's height
 * @param pages pages (TIFF directories); 1 for the other formats
 * @param samples samples per pixel (0 when the header does not say)
 * @param bits bits per sample (0 when the header does not say)
 * @param uniform whether every page has the first one's size, samples and bits
 */
public record ImageHeader(String format, int width, int height, int pages, int samples, int bits, boolean uniform) {

	/** Float copies of every sample a command may hold at once: the input's, a working copy and a result. */
	public static final int FLOAT_COPIES = 3;

	/**
	 * The header of {@code file}, or {@code null} when no Java reader knows its format (the caller's own reader may
	 * still read it, and says so if not).
	 *
	 * @throws IOException when the file cannot be read at all
	 */
	public static ImageHeader read(final File file) throws IOException {
		// a TIFF's pages are counted by walking its directory chain here, every offset checked: Java's reader (and
		// ImageJ's) would follow a chain that loops back for ever
		final ImageHeader tiff = TiffDirectories.read(file);
		if (tiff != null) return tiff;
		try (ImageInputStream in = ImageIO.createImageInputStream(file)) {
			if (in == null) return null;
			final Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			if (!readers.hasNext()) return null;
			final ImageReader r = readers.next();
			try {
				r.setInput(in, true, true);
				final String format = r.getFormatName();
				int samples = 0;
				int bits = 0;
				final ImageTypeSpecifier raw = r.getRawImageType(0);
				if (raw != null) {
					samples = raw.getSampleModel().getNumBands();
					bits = raw.getSampleModel().getSampleSize(0);
				}
				else if (format.equalsIgnoreCase("jpeg")) {
					// Java's JPEG reader knows every colour space it decodes; it has none for CMYK and YCCK
					samples = 4;
				}
				// the first image: ImageJ reads a PNG, JPEG or BMP as one, and checks a GIF's frames itself
				return new ImageHeader(format, r.getWidth(0), r.getHeight(0), 1, samples, bits, true);
			}
			catch (final IOException | RuntimeException e) {
				// a header Java's reader does not understand: left to the caller's reader
				return null;
			}
			finally {
				r.dispose();
			}
		}
	}

	/** Whether this is a JPEG in a colour space that cannot be decoded to RGB (CMYK, YCCK). */
	public boolean undecodableJpeg() {
		return format.equalsIgnoreCase("jpeg") && samples == 4;
	}

	/** Pixels of all pages. */
	public long pixels() {
		return MemoryBudget.product(width, height, pages);
	}

	/**
	 * Heap bytes a command may hold for this image: the decoded pixels (RGB as 4 bytes) and {@link #FLOAT_COPIES}
	 * float copies of every sample.
	 */
	public long workingBytes() {
		final long decoded = Math.max(1, (samples >= 3 ? 32 : Math.max(8, bits)) / 8);
		return MemoryBudget.product(pixels(), decoded + (long) FLOAT_COPIES * Math.max(1, Math.min(3, samples)) *
			Float.BYTES);
	}

	/**
	 * Refuses this image, in one line naming {@code parameter} and {@code file}, when its pages differ in size, it is
	 * a CMYK/YCCK JPEG, or its working copies would not fit the heap.
	 */
	public void check(final String parameter, final File file) {
		final String named = parameter + " '" + file + "'";
		if (!uniform) {
			throw new IllegalArgumentException(named + " is a TIFF whose " + pages + " pages differ in size or type: " +
				"only stacks of equal pages are read (ImageJ would read the first page alone); save each page as a file " +
				"of its own");
		}
		if (undecodableJpeg()) {
			throw new IllegalArgumentException(named + " is a CMYK (or YCCK) JPEG, which cannot be read: save it as an " +
				"RGB JPEG, PNG or TIFF");
		}
		MemoryBudget.requireHeap(named + " (" + width + "x" + height + (pages > 1 ? "x" + pages : "") + " pixels)",
			workingBytes(), "give a smaller image (or crop it), or raise FAIG_HEAP");
	}
}
