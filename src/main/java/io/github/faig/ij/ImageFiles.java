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
	 * Opens an image file.
	 *
	 * @param parameter the input's name, for the error message (e.g. {@code input_file})
	 */
	public static ImagePlus open(final File file, final String parameter) {
		if (file == null) throw new IllegalArgumentException(parameter + " was not given");
		try {
			if (!file.isFile()) {
				throw new IllegalArgumentException(parameter + " '" + file + "' does not exist or is not a file");
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

	/** Opens local file {@code local}; messages name {@code file}, the input as given. */
	private static ImagePlus read(final File local, final File file, final String parameter) {
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
		if (imp == null || imp.getWidth() == 0) {
			throw new IllegalArgumentException(parameter + " '" + file +
				"' could not be read as an image (expected " + IMAGE_KINDS + ")");
		}
		return imp;
	}

	/**
	 * Runs {@code read} with what this thread prints on stdout kept back. Headless, ImageJ reports a file it cannot
	 * read there, in several lines ("Unsupported format or file not found", "FileInfo parameter error", ...); the
	 * caller's one-line message says it instead. Other threads print as before.
	 */
	static <T> T withoutOwnReport(final Supplier<T> read) {
		final PrintStream before = System.out;
		final Thread reader = Thread.currentThread();
		final AtomicBoolean holding = new AtomicBoolean(true);
		final PrintStream filter = new PrintStream(new OutputStream() {

			private boolean held() {
				return holding.get() && Thread.currentThread() == reader;
			}

			@Override
			public void write(final int b) {
				if (!held()) before.write(b);
			}

			@Override
			public void write(final byte[] b, final int off, final int len) {
				if (!held()) before.write(b, off, len);
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

	/** Saves as TIFF, or as PNG/JPEG when the name says so (single images only). */
	public static void save(final ImagePlus imp, final File file) throws IOException {
		final String name = file.getName().toLowerCase(Locale.ROOT);
		final FileSaver saver = new FileSaver(imp);
		final boolean ok;
		if (name.endsWith(".png")) ok = saver.saveAsPng(file.getPath());
		else if (name.endsWith(".jpg") || name.endsWith(".jpeg")) ok = saver.saveAsJpeg(file.getPath());
		else ok = imp.getStackSize() > 1 ? saver.saveAsTiffStack(file.getPath()) : saver.saveAsTiff(file.getPath());
		if (!ok) throw new IOException("could not write image " + file);
	}

	/** A file's name without its extension. */
	public static String baseName(final String name) {
		final int dot = name.lastIndexOf('.');
		return dot > 0 ? name.substring(0, dot) : name;
	}
}
