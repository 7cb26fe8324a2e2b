package io.github.faig.tools;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

import javax.imageio.ImageIO;

import io.github.faig.train.HrDataset;

/**
 * Grey copies of the photographs of a folder, as the grey networks are trained on them: each pixel's luminance
 * {@code round(0.299 R + 0.587 G + 0.114 B)} of its 8-bit values ({@link HrDataset#luminance}), saved as 8-bit grey
 * PNG under the same name (extension {@code .png}). The held-out grey photographs of RESULTS.md's grey pair.
 *
 * <pre>
 * scripts/dev-tool.sh grey-images &lt;photos-dir&gt; &lt;new-output-dir&gt;
 * </pre>
 */
public final class GreyImages {

	private GreyImages() {}

	public static int run(final PrintStream out, final PrintStream err, final String... args) {
		if (args.length != 2) {
			err.println("usage: grey-images <photos-dir> <new-output-dir>");
			return 2;
		}
		final File in = new File(args[0]);
		final File dst = new File(args[1]);
		if (!in.isDirectory()) {
			err.println("grey-images: photos-dir '" + in + "' is not a folder");
			return 2;
		}
		if (dst.exists()) {
			err.println("grey-images: output-dir '" + dst + "' exists: expected a new folder");
			return 2;
		}
		try {
			final File tmp = new File(dst.getAbsoluteFile().getParentFile(), "." + dst.getName() + ".tmp");
			if (tmp.exists()) {
				for (final File f : tmp.listFiles()) f.delete();
			}
			if (!tmp.isDirectory() && !tmp.mkdirs()) throw new java.io.IOException("cannot create " + tmp);
			final File[] files = in.listFiles(f -> !f.getName().startsWith(".") && f.getName().toLowerCase(Locale.ROOT)
				.matches(".*\\.(png|jpe?g|tiff?)$"));
			Arrays.sort(files);
			for (final File f : files) {
				final BufferedImage bi = ImageIO.read(f);
				if (bi == null) throw new java.io.IOException(f + " cannot be read as an image");
				ImageIO.write(grey(bi), "png", new File(tmp, f.getName().replaceAll("\\.[^.]+$", "") + ".png"));
			}
			if (!tmp.renameTo(dst)) throw new java.io.IOException("cannot rename " + tmp + " to " + dst);
			out.println("grey-images: " + files.length + " images in " + dst);
			return 0;
		}
		catch (final Exception e) {
			err.println("grey-images: " + e.getMessage());
			return 1;
		}
	}

	/** The luminance of an image as 8-bit grey. */
	static BufferedImage grey(final BufferedImage bi) {
		final int w = bi.getWidth();
		final int h = bi.getHeight();
		final BufferedImage g = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
		final int[] argb = bi.getRGB(0, 0, w, h, null, 0, w);
		final int[] y = new int[w * h];
		for (int i = 0; i < y.length; i++) {
			y[i] = HrDataset.luminance(argb[i] >> 16 & 0xff, argb[i] >> 8 & 0xff, argb[i] & 0xff);
		}
		g.getRaster().setPixels(0, 0, w, h, y);
		return g;
	}
}
