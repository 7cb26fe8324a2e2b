package io.github.faig.ij;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ImageConverter;
import ij.process.ImageProcessor;
import ij.process.LUT;
import ij.process.StackConverter;
import io.github.faig.image.ImageHeader;
import io.github.faig.io.MemoryBudget;
import ij.io.FileSaver;
import ij.IJ;
import ij.io.Opener;
import io.github.faig.io.UriFile;

/**
 * Reads and writes image files for headless runs: TIFF (any type, stacks) and PNG or JPEG (single images),
 * through ImageJ 1 without opening any window.
 */
public final class ImageFiles {

	private ImageFiles() {}

	/** The image files read: TIFF, PNG, JPEG, BMP, GIF (by name; any characters, newlines included, before it). */
	private static final Pattern IMAGE_NAME = Pattern.compile(
		"(?s).*\\.(tiff?|png|jpe?g|bmp|gif)$", Pattern.CASE_INSENSITIVE);

	/** The kinds of image file read, for messages. */
	public static final String IMAGE_KINDS = "TIFF, PNG, JPEG, BMP or GIF";

	/** Whether a file's name says it is an image this class reads. */
	public static boolean isImageName(final String name) {
		return IMAGE_NAME.matcher(name).matches();
	}

	/**
	 * How an error names a file of the folder input {@code folderParam}: {@code input_dir's file '…/b.png' could not
	 * be read}, not {@code input_dir '…/b.png'}, which reads as if the folder were the file.
	 */
	public static String fileOf(final String folderParam) {
		return folderParam + "'s file";
	}

	/**
	 * Opens an image file.
	 *
	 * @param parameter the input's name, for the error message (e.g. {@code input_file})
	 */
	public static ImagePlus open(final File file, final String parameter) {
		if (file == null) throw new IllegalArgumentException(parameter + " was not given");
		try {
			if (!file.isFile()) {
				throw new IllegalArgumentException(parameter + " '" + file + "' " + notAFile(file));
			}
		}
		catch (final java.io.UncheckedIOException e) {
			// a file on a cluster's filesystem (UriFile) that could not be reached
			throw new IllegalArgumentException(parameter + " " + e.getMessage(), e);
		}
		if (!file.canRead()) throw new IllegalArgumentException(parameter + " '" + file + "' is not readable");
		// ImageJ would open other files as text or raw images, which fail later with obscure messages
		if (!isImageName(file.getName())) {
			throw new IllegalArgumentException(parameter + " '" + file + "' is not an image file: expected " + IMAGE_KINDS);
		}
		final ImagePlus imp;
		if (file instanceof UriFile) {
			// read as the same file on the local disk would be: one reader, so the same image either way
			try (UriFile.LocalCopy copy = ((UriFile) file).localCopy()) {
				imp = read(copy.file(), file, parameter);
			}
			catch (final IOException e) {
				throw new IllegalArgumentException(parameter + " '" + file + "' could not be read: " + e
					.getMessage());
			}
		}
		else imp = read(file, file, parameter);
		return imp;
	}

	/** Why {@code file}, which is not a regular file, cannot be read: a broken or looping link, a device, nothing. */
	private static String notAFile(final File file) {
		if (file instanceof UriFile) return "does not exist or is not a file";
		final java.nio.file.Path p = file.toPath();
		if (java.nio.file.Files.isSymbolicLink(p)) {
			try {
				p.toRealPath();
			}
			catch (final java.nio.file.FileSystemException e) {
				return e.getMessage() != null && e.getMessage().contains("Too many levels") ?
					"is a symbolic link in a loop, not an image file" : "is a symbolic link to nothing, not an image file";
			}
			catch (final IOException e) {
				return "is a symbolic link that cannot be followed (" + e.getMessage() + ")";
			}
		}
		if (java.nio.file.Files.exists(p)) {
			return file.isDirectory() ? "is a folder, not an image file" : "is not a regular file (a device, pipe or " +
				"socket): only image files are read";
		}
		return "does not exist or is not a file";
	}

	/**
	 * Opens local file {@code local}; messages name {@code file}, the input as given. Its header is checked first
	 * ({@link ImageHeader#check}: size against the heap, pages of one size, a decodable JPEG), and a palette image
	 * becomes the colours or grey values its palette gives.
	 */
	private static ImagePlus read(final File local, final File file, final String parameter) {
		final ImageHeader header;
		try {
			header = ImageHeader.read(local);
		}
		catch (final IOException e) {
			throw new IllegalArgumentException(parameter + " '" + file + "' could not be read: " + e.getMessage());
		}
		catch (final IllegalArgumentException e) {
			// a damaged TIFF, found before any reader could loop on it: the message starts with the file's name
			throw new IllegalArgumentException(parameter + " " + e.getMessage().replace(local.getPath(), file.getPath()));
		}
		if (header != null) header.check(parameter, file);
		final ImagePlus imp;
		try {
			imp = withoutOwnReport(() -> {
				final Opener opener = new Opener();
				// A file whose bytes are no image ImageJ knows is refused here: Opener would report it with
				// IJ.error, which aborts the macro that runs the command (a folder run goes on past a bad file,
				// and the command names it in one line). Other read errors are logged, not shown in a dialog.
				if (opener.getFileType(local.getAbsolutePath()) == Opener.UNKNOWN) return null;
				IJ.redirectErrorMessages(true);
				try {
					return opener.openImage(local.getAbsolutePath());
				}
				finally {
					IJ.redirectErrorMessages(false);
				}
			});
		}
		catch (final RuntimeException e) {
			throw new IllegalArgumentException(parameter + " '" + file + "' could not be read as an image: " + e);
		}
		catch (final OutOfMemoryError e) {
			// what the header did not tell (a compressed TIFF's strips): the memory goes back when this returns
			throw new IllegalArgumentException(parameter + " '" + file + "' is too large for the Java heap (" + MemoryBudget
				.size(Runtime.getRuntime().maxMemory()) + "): give a smaller image, or raise FAIG_HEAP");
		}
		if (imp == null || imp.getWidth() == 0) {
			throw new IllegalArgumentException(parameter + " '" + file +
				"' could not be read as an image (expected " + IMAGE_KINDS + ")");
		}
		return isTiffName(file.getName()) ? imp : paletteApplied(imp);
	}

	private static boolean isTiffName(final String name) {
		return name.toLowerCase(Locale.ROOT).matches("(?s).*\\.tiff?$");
	}

	/**
	 * A PNG, GIF or BMP with a palette as the image it shows: its pixels are indices into the palette, which ImageJ
	 * keeps as a lookup table. A grey palette gives 8-bit grey values, any other RGB. (In a TIFF a lookup table is
	 * ImageJ's display setting over measured values, which stay as they are.)
	 */
	static ImagePlus paletteApplied(final ImagePlus imp) {
		if (imp.getBitDepth() != 8) return imp;
		final ImageProcessor ip = imp.getProcessor();
		if (ip.isDefaultLut() && !ip.isInvertedLut()) return imp;
		final LUT lut = ip.getLut();
		final byte[] r = new byte[256];
		final byte[] g = new byte[256];
		final byte[] b = new byte[256];
		lut.getReds(r);
		lut.getGreens(g);
		lut.getBlues(b);
		boolean grey = true;
		boolean identity = true;
		for (int i = 0; i < lut.getMapSize(); i++) {
			grey &= r[i] == g[i] && g[i] == b[i];
			identity &= (r[i] & 0xff) == i;
		}
		if (grey && identity) return imp;
		if (grey) {
			final ImageStack stack = imp.getStack();
			for (int s = 1; s <= stack.getSize(); s++) {
				final byte[] px = (byte[]) stack.getPixels(s);
				for (int k = 0; k < px.length; k++) px[k] = r[px[k] & 0xff];
			}
			imp.setStack(stack);
			imp.getProcessor().setLut(LUT.createLutFromColor(java.awt.Color.white));
			return imp;
		}
		if (imp.getStackSize() > 1) new StackConverter(imp).convertToRGB();
		else new ImageConverter(imp).convertToRGB();
		return imp;
	}

	/**
	 * Runs {@code read} with what this thread prints on stdout kept back. Headless, ImageJ reports a file it cannot
	 * read there, in several lines ("Unsupported format or file not found", "FileInfo parameter error", ...); the
	 * caller's one-line message says it instead. Other threads print as before.
	 */
	static <T> T withoutOwnReport(final Supplier<T> read) {
		return withoutOwnReport(read, OutputStream.nullOutputStream());
	}

	/** As {@link #withoutOwnReport(Supplier)}, with what this thread printed kept in {@code kept}. */
	static <T> T withoutOwnReport(final Supplier<T> read, final OutputStream kept) {
		final PrintStream before = System.out;
		final Thread reader = Thread.currentThread();
		final AtomicBoolean holding = new AtomicBoolean(true);
		final PrintStream filter = new PrintStream(new OutputStream() {

			private boolean held() {
				return holding.get() && Thread.currentThread() == reader;
			}

			@Override
			public void write(final int b) throws IOException {
				if (!held()) before.write(b);
				else kept.write(b);
			}

			@Override
			public void write(final byte[] b, final int off, final int len) throws IOException {
				if (!held()) before.write(b, off, len);
				else kept.write(b, off, len);
			}

			@Override
			public void flush() {
				before.flush();
			}
		}, true);
		System.setOut(filter);
		try {
			return read.get();
		}
		finally {
			// another thread may have put its own stream over this one meanwhile: then this one stays below it,
			// passing everything through
			holding.set(false);
			if (System.out == filter) System.setOut(before);
		}
	}

	/**
	 * A grey image as its pixel values alone: ImageJ's PNG writer draws an 8-bit image through its display range and
	 * turns one with a colour LUT into RGB, which would change the values an output carried over from its input's
	 * look ({@link ImagePlusBridge#carryDisplay}); a PNG output holds the values.
	 */
	private static ImagePlus pixelsOnly(final ImagePlus imp) {
		final int bd = imp.getBitDepth();
		if (bd == 24 || bd == 32 || imp.getOverlay() != null) return imp;
		final boolean plain = imp.getProcessor().isDefaultLut() && !imp.isComposite() && (bd != 8 || imp
			.getDisplayRangeMin() == 0 && imp.getDisplayRangeMax() == 255);
		if (plain) return imp;
		final ij.process.ImageProcessor ip = imp.getProcessor().duplicate();
		ip.setColorModel(null);
		ip.setLut(ij.process.LUT.createLutFromColor(java.awt.Color.white));
		ip.resetMinAndMax();
		final ImagePlus copy = new ImagePlus(imp.getTitle(), ip);
		copy.setCalibration(imp.getCalibration());
		return copy;
	}

	/**
	 * Saves as TIFF, or as PNG/JPEG when the name says so (single images only). A failure (a full disk) is an
	 * IOException with ImageJ's reason: its PNG and JPEG writers are called directly, since FileSaver reports their
	 * errors (headless, on stdout) and still returns true, leaving a truncated file; FileSaver's TIFF report is kept
	 * back from stdout and becomes the message.
	 */
	public static void save(final ImagePlus imp, final File file) throws IOException {
		final String name = file.getName().toLowerCase(Locale.ROOT);
		if (name.endsWith(".png")) {
			try {
				new ij.plugin.PNG_Writer().writeImage(pixelsOnly(imp), file.getPath(), ij.Prefs.getTransparentIndex());
			}
			catch (final IOException e) {
				throw e;
			}
			catch (final Exception e) {
				throw new IOException("could not write image " + file + ": " + e.getMessage(), e);
			}
			return;
		}
		if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
			final String error = ij.plugin.JpegWriter.save(imp, file.getPath(), FileSaver.getJpegQuality());
			if (error != null) throw new IOException("could not write image " + file + ": " + error.strip());
			return;
		}
		final FileSaver saver = new FileSaver(imp);
		final java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
		final boolean redirected = IJ.redirectingErrorMessages();
		IJ.redirectErrorMessages(true); // to the log, not a dialog: the caller says what went wrong
		final boolean ok;
		try {
			ok = withoutOwnReport(() -> imp.getStackSize() > 1 ? saver.saveAsTiffStack(file.getPath()) : saver
				.saveAsTiff(file.getPath()), said);
		}
		finally {
			IJ.redirectErrorMessages(redirected);
		}
		if (!ok) {
			final String why = said.toString(java.nio.charset.StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
			throw new IOException("could not write image " + file + (why.isEmpty() ? "" : ": " + why));
		}
	}

	/** A file's name without its extension. */
	public static String baseName(final String name) {
		final int dot = name.lastIndexOf('.');
		return dot > 0 ? name.substring(0, dot) : name;
	}
}
