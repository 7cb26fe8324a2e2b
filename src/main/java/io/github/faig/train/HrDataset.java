package io.github.faig.train;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import javax.imageio.ImageIO;

import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.degrade.Downscale;
import io.github.faig.degrade.GaussianBlur;
import io.github.faig.degrade.GaussianNoise;
import io.github.faig.degrade.Quantization;
import io.github.faig.degrade.TrainingMix;
import io.github.faig.image.ByteLevels;
import io.github.faig.image.FloatImage;
import io.github.faig.image.ImageHeader;

/**
 * Ground-truth photographs decoded once and kept as 8-bit planes (a quarter of the memory of floats), from which
 * training batches are cut: random HR crops with flips and transposition, degraded on the fly exactly as docs/method.md §1
 * (blur on the HR crop, with context around it so the blur sees no artificial border; block-mean downscale; noise;
 * 8-bit quantisation). RGB, or grey ({@link #luminance()}) for networks with {@code num_in_ch = 1}.
 */
public final class HrDataset {

	/** One decoded photograph: its planes (R, G, B, or one grey plane), one after the other. */
	private record Planes(String name, int width, int height, byte[] rgb) {

		int channels() {
			return rgb.length / (width * height);
		}
	}

	/**
	 * A batch: LR inputs {@code (N, C, P, P)} and HR targets {@code (N, C, sP, sP)}, flattened; C is 3 (RGB) or 1
	 * (grey).
	 */
	public record Batch(float[] lr, float[] hr, int n, int lrSize, int hrSize, Degradation[] degradations,
		int channels) {}

	private final List<Planes> images;

	/** The largest manifest read (a damaged or foreign file beyond it would only fill the heap). */
	private static final long MAX_MANIFEST = 256L << 20;

	private HrDataset(final List<Planes> images) {
		this.images = images;
	}

	/**
	 * The photographs of one split of a manifest ({@code manifest.tsv} of {@code scripts/fetch-training-data.sh}),
	 * or every PNG/JPEG/TIFF of a folder without a manifest when {@code split} is {@code null}.
	 */
	public static HrDataset load(final File dir, final String split) throws IOException {
		if (dir == null || !dir.isDirectory()) {
			throw new IllegalArgumentException("input_dir '" + dir + "' does not exist or is not a folder");
		}
		final List<File> files = new ArrayList<>();
		final File manifest = new File(dir, "manifest.tsv");
		if (split != null && manifest.isFile()) {
			for (final String name : manifestFiles(manifest, split)) files.add(new File(dir, name));
		}
		else {
			// hidden files (".name", macOS's "._name" companions) and folders are not the user's photographs (README)
			final File[] all = dir.listFiles(f -> !f.getName().startsWith(".") && f.isFile() && f.getName().toLowerCase(
				Locale.ROOT).matches(".*\\.(png|jpe?g|tiff?)$"));
			if (all != null) files.addAll(Arrays.asList(all));
			files.sort(null);
		}
		final List<Planes> images = new ArrayList<>();
		for (final File f : files) images.add(planes(f, dir));
		if (images.isEmpty()) {
			throw new IllegalArgumentException("input_dir '" + dir + "' holds no images" + (split != null ? " of split " +
				split : ""));
		}
		return new HrDataset(images);
	}

	/**
	 * The files of {@code split} in a manifest (tab-separated, a header naming the columns {@code file} and
	 * {@code split}); a one-line message naming the manifest and the line for anything else.
	 */
	static List<String> manifestFiles(final File manifest, final String split) throws IOException {
		// a manifest lists file names: even a million photographs take a few tens of MB
		final List<String> lines;
		if (manifest.length() > MAX_MANIFEST) {
			throw new IllegalArgumentException("input_dir's " + manifest + " is " + manifest.length() / (1 << 20) +
				" MB: expected a table of file names (at most " + (MAX_MANIFEST >> 20) + " MB)");
		}
		try {
			lines = Files.readAllLines(manifest.toPath(), StandardCharsets.UTF_8);
		}
		catch (final java.nio.charset.MalformedInputException e) {
			throw new IllegalArgumentException("input_dir's " + manifest + " is not UTF-8 text: expected a " +
				"tab-separated table with columns file and split");
		}
		if (lines.isEmpty() || lines.get(0).isBlank()) {
			throw new IllegalArgumentException("input_dir's " + manifest + " is empty: expected a tab-separated table " +
				"whose header names the columns file and split");
		}
		final List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
		final int fi = header.indexOf("file");
		final int si = header.indexOf("split");
		if (fi < 0 || si < 0) {
			throw new IllegalArgumentException("input_dir's " + manifest + " has no column " + (fi < 0 ? "file" : "split") +
				" in its header (tab-separated): expected columns file and split");
		}
		final List<String> out = new ArrayList<>();
		for (int i = 1; i < lines.size(); i++) {
			final String l = lines.get(i);
			if (l.isBlank()) continue;
			final String[] c = l.split("\t", -1);
			if (c.length <= Math.max(fi, si) || c[fi].isBlank()) {
				throw new IllegalArgumentException("input_dir's " + manifest + " line " + (i + 1) + " has " + c.length +
					" column(s) or no file name: expected " + header.size() + " tab-separated columns");
			}
			if (c[si].equals(split)) out.add(c[fi]);
		}
		return out;
	}

	/**
	 * Decodes one photograph, checked first by its header (size against the heap, one page, a decodable JPEG) and
	 * then for values that are not numbers; every refusal names the file.
	 */
	private static Planes planes(final File f, final File dir) throws IOException {
		final String named = "input_dir '" + dir + "' holds " + f.getName() + ", which";
		if (!f.isFile()) throw new IllegalArgumentException(named + " does not exist or is not a regular file");
		final ImageHeader header;
		try {
			header = ImageHeader.read(f);
		}
		catch (final IOException e) {
			throw new IllegalArgumentException(named + " cannot be read: " + e.getMessage());
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException("input_dir " + e.getMessage());
		}
		if (header != null) {
			header.check("input_dir", f);
			if (header.pages() > 1) {
				throw new IllegalArgumentException(named + " is a stack of " + header.pages() + " pages: training " +
					"photographs are single images; save each page as a file of its own");
			}
		}
		BufferedImage bi;
		try {
			bi = ImageIO.read(f);
		}
		catch (final IOException | RuntimeException e) {
			bi = null; // a truncated or damaged file: refused below like an unknown format
		}
		if (bi == null) {
			throw new IllegalArgumentException(named + " cannot be read as an image (corrupt or of an unsupported " +
				"type): remove it or convert it");
		}
		final int type = bi.getRaster().getDataBuffer().getDataType();
		if (type == DataBuffer.TYPE_FLOAT || type == DataBuffer.TYPE_DOUBLE) {
			final Raster r = bi.getRaster();
			final double[] row = new double[r.getWidth() * r.getNumBands()];
			for (int y = 0; y < r.getHeight(); y++) {
				r.getPixels(0, y, r.getWidth(), 1, row);
				for (final double v : row) {
					if (!Double.isFinite(v)) {
						throw new IllegalArgumentException(named + " has NaN or infinite pixels (first in row " + (y + 1) +
							"): training photographs need a number at every pixel");
					}
				}
			}
		}
		return planes(f.getName(), bi);
	}

	/** A dataset of images already in memory (tests, generated data). */
	public static HrDataset of(final List<FloatImage> imgs) {
		final List<Planes> images = new ArrayList<>();
		int i = 0;
		for (final FloatImage img : imgs) {
			final int n = img.width() * img.height();
			final byte[] rgb = new byte[3 * n];
			for (int k = 0; k < 3 * n; k++) rgb[k] = (byte) ByteLevels.of(img.data()[img.channels() == 3 ? k :
				k % n]);
			images.add(new Planes("image" + i++, img.width(), img.height(), rgb));
		}
		return new HrDataset(images);
	}

	private static Planes planes(final String name, final BufferedImage bi) {
		final int w = bi.getWidth();
		final int h = bi.getHeight();
		final int[] argb = bi.getRGB(0, 0, w, h, null, 0, w);
		final int n = w * h;
		final byte[] rgb = new byte[3 * n];
		for (int i = 0; i < n; i++) {
			rgb[i] = (byte) (argb[i] >> 16);
			rgb[n + i] = (byte) (argb[i] >> 8);
			rgb[2 * n + i] = (byte) argb[i];
		}
		return new Planes(name, w, h, rgb);
	}

	/**
	 * This dataset in grey, the training data of grey networks: each photograph's luminance
	 * {@code round(0.299 R + 0.587 G + 0.114 B)} on its 8-bit values (ITU-R BT.601's weights, the paper's "gray" and
	 * the masking metric's luminance), kept as 8-bit like the photographs. A grey dataset stays as it is.
	 */
	public HrDataset luminance() {
		final List<Planes> grey = new ArrayList<>();
		for (final Planes p : images) {
			if (p.channels() == 1) {
				grey.add(p);
				continue;
			}
			final int n = p.width() * p.height();
			final byte[] y = new byte[n];
			for (int i = 0; i < n; i++) {
				y[i] = (byte) luminance(p.rgb()[i] & 0xff, p.rgb()[n + i] & 0xff, p.rgb()[2 * n + i] & 0xff);
			}
			grey.add(new Planes(p.name(), p.width(), p.height(), y));
		}
		return new HrDataset(grey);
	}

	/** {@code round(0.299 R + 0.587 G + 0.114 B)} of 8-bit values. */
	public static int luminance(final int r, final int g, final int b) {
		return (int) Math.rint(0.299 * r + 0.587 * g + 0.114 * b);
	}

	/** 3 (RGB) or 1 (grey, {@link #luminance()}). */
	public int channels() {
		return images.get(0).channels();
	}

	public int size() {
		return images.size();
	}

	/** Image {@code i} as floats in [0, 1]. */
	public FloatImage image(final int i) {
		final Planes p = images.get(i);
		final FloatImage img = new FloatImage(p.channels(), p.height(), p.width());
		for (int k = 0; k < p.rgb().length; k++) img.data()[k] = (p.rgb()[k] & 0xff) / 255f;
		return img;
	}

	public String name(final int i) {
		return images.get(i).name();
	}

	/** Total number of pixels. */
	public long pixels() {
		long n = 0;
		for (final Planes p : images) n += (long) p.width() * p.height();
		return n;
	}

	/**
	 * Throws a clear message unless some image holds a {@code size × size} crop: the sampler draws only from such
	 * images and would otherwise never finish.
	 */
	public void checkCrop(final int size, final String what) {
		int maxSide = 0;
		for (final Planes p : images) {
			if (p.width() >= size && p.height() >= size) return;
			maxSide = Math.max(maxSide, Math.min(p.width(), p.height()));
		}
		throw new IllegalArgumentException(what + " = " + size + " HR pixels is larger than every training image " +
			"(the largest holds " + maxSide + " x " + maxSide + "): expected a smaller patch_size");
	}

	/**
	 * One training batch, drawn entirely from {@code random}: per sample an image, a crop position, a flip/transpose,
	 * the degradation from the mix, and the noise.
	 */
	public Batch sample(final Random random, final int n, final int lrSize, final DegradationParams p,
		final TrainingMix mix, final GaussianBlur blur)
	{
		final int s = p.scale();
		final int hrSize = lrSize * s;
		checkCrop(hrSize, "patch_size x scale");
		final int margin = p.kernelSize() / 2;
		final int c = channels();
		final float[] lr = new float[n * c * lrSize * lrSize];
		final float[] hr = new float[n * c * hrSize * hrSize];
		final Degradation[] kinds = new Degradation[n];
		for (int b = 0; b < n; b++) {
			Planes img;
			do {
				img = images.get(random.nextInt(images.size()));
			}
			while (img.width() < hrSize || img.height() < hrSize);
			// Context around the crop where the image has it, so blur sees real pixels.
			final int y0 = random.nextInt(img.height() - hrSize + 1);
			final int x0 = random.nextInt(img.width() - hrSize + 1);
			final int cy0 = Math.max(0, y0 - margin);
			final int cx0 = Math.max(0, x0 - margin);
			final int cy1 = Math.min(img.height(), y0 + hrSize + margin);
			final int cx1 = Math.min(img.width(), x0 + hrSize + margin);
			FloatImage big = crop(img, cy0, cx0, cy1 - cy0, cx1 - cx0);
			final int aug = random.nextInt(8);
			big = augment(big, aug);
			// Where the HR crop sits inside the augmented context.
			final int[] off = augmentedOffset(y0 - cy0, x0 - cx0, cy1 - cy0, cx1 - cx0, hrSize, aug);
			final Degradation d = mix.sample(random);
			kinds[b] = d;
			final FloatImage gt = big.crop(off[0], off[1], hrSize, hrSize);
			FloatImage deg = d.hasBlur() ? blur.apply(big).crop(off[0], off[1], hrSize, hrSize) : gt;
			deg = Downscale.blockMean(deg, s);
			if (d.hasNoise()) deg = GaussianNoise.add(deg, p.noiseSigma(), random);
			deg = Quantization.to8Bit(deg);
			System.arraycopy(deg.data(), 0, lr, b * deg.data().length, deg.data().length);
			System.arraycopy(gt.data(), 0, hr, b * gt.data().length, gt.data().length);
		}
		return new Batch(lr, hr, n, lrSize, hrSize, kinds, c);
	}

	private static FloatImage crop(final Planes p, final int y0, final int x0, final int h, final int w) {
		final FloatImage out = new FloatImage(p.channels(), h, w);
		final int n = p.width() * p.height();
		for (int c = 0; c < p.channels(); c++) {
			for (int y = 0; y < h; y++) {
				final int src = c * n + (y0 + y) * p.width() + x0;
				final int dst = (c * h + y) * w;
				for (int x = 0; x < w; x++) out.data()[dst + x] = (p.rgb()[src + x] & 0xff) / 255f;
			}
		}
		return out;
	}

	/** One of the 8 symmetries of the square: bit 0 flips x, bit 1 flips y, bit 2 transposes (after the flips). */
	static FloatImage augment(final FloatImage in, final int aug) {
		if (aug == 0) return in;
		final boolean fx = (aug & 1) != 0;
		final boolean fy = (aug & 2) != 0;
		final boolean tr = (aug & 4) != 0;
		final int h = in.height();
		final int w = in.width();
		final int channels = in.channels();
		final FloatImage out = tr ? new FloatImage(channels, w, h) : new FloatImage(channels, h, w);
		for (int c = 0; c < channels; c++) {
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) {
					final float v = in.get(c, fy ? h - 1 - y : y, fx ? w - 1 - x : x);
					if (tr) out.set(c, x, y, v);
					else out.set(c, y, x, v);
				}
			}
		}
		return out;
	}

	/** Top-left of a {@code size²} crop at {@code (y, x)} of an {@code h × w} image after {@link #augment}. */
	static int[] augmentedOffset(final int y, final int x, final int h, final int w, final int size, final int aug) {
		int yy = (aug & 2) != 0 ? h - size - y : y;
		int xx = (aug & 1) != 0 ? w - size - x : x;
		if ((aug & 4) != 0) {
			final int t = yy;
			yy = xx;
			xx = t;
		}
		return new int[] { yy, xx };
	}
}
