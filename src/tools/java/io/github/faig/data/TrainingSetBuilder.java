package io.github.faig.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import io.github.faig.image.ByteLevels;
import io.github.faig.image.FloatImage;
import io.github.faig.io.Hashes;

/**
 * Builds the project's training and validation photographs from unpacked Debian packages (see
 * {@code scripts/fetch-training-data.sh}, which fetches them): carves the photos out of GCompris'
 * Qt resource bundles, converts WebP with {@code dwebp}, skips clip-art and small images, downscales every photo
 * whose shorter side is ≥ 800 px by at least 2× with an area filter (shorter side capped at 768), drops
 * near-duplicates, writes PNGs and a manifest ({@code manifest.tsv}) with SHA-256, source package, version, licence
 * and a fixed split: validation when the first byte of the pixel hash is below 64 (about 1 in 4).
 */
public final class TrainingSetBuilder {

	/** One Debian package and what to take from it. */
	record Source(String pkg, String version, String license, String dir, String[] include, String[] exclude) {}

	static final List<Source> SOURCES = List.of(
		new Source("gcompris-qt-data", "3.1-2", "GPL-3+ (some files CC-BY/CC0)", "usr/share/gcompris-qt/rcc",
			new String[] { "erase.rcc", "explore_monuments.rcc", "explore_world_animals.rcc",
				"explore_farm_animals.rcc", "explore_world_music.rcc", "clickgame.rcc" }, new String[0]),
		new Source("kphotoalbum", "5.9.1-1", "GPL-2+", "usr/share/kphotoalbum/demo", new String[] { "*.jpg" },
			new String[] { "qt-logo.jpg" }),
		new Source("tuxpaint-data", "1:0.9.28-sdl2-1", "GPL-2+", "usr/share/tuxpaint/templates", new String[] {
			"*.jpg" }, new String[0]),
		new Source("lomiri-wallpapers-16.04", "20.04.0-2", "CC-BY / CC-BY-SA / CC0 (per file)",
			"usr/share/backgrounds", new String[] { "*_by_*.jpg" }, new String[0]),
		new Source("lomiri-wallpapers-20.04", "20.04.0-2", "CC-BY / CC-BY-SA / CC0 (per file)",
			"usr/share/backgrounds", new String[] { "*_by_*.jpg" }, new String[0]),
		new Source("mate-backgrounds", "1.26.0-1", "GPL-2+", "usr/share/backgrounds/mate/nature", new String[] {
			"*.jpg" }, new String[0]),
		new Source("plasma-workspace-wallpapers", "4:5.27.5-2", "GPL-2+", "usr/share/wallpapers", new String[] {
			"BytheWater", "ColdRipple", "ColorfulCups", "DarkestHour", "EveningGlow", "FallenLeaf", "Grey", "Kite",
			"OneStandsOut", "Path", "summer_1am" }, new String[0]),
		// Photos only; the demo's four photographs and the classic test images (baboon, butterfly, lena) stay out,
		// and of each stereo or video pair only one frame is taken.
		new Source("opencv-doc", "4.6.0+dfsg-12", "Apache-2.0 AND BSD-3-Clause",
			"usr/share/doc/opencv-doc/examples/data", new String[] { "aero1.jpg", "aero3.jpg", "apple.jpg",
				"basketball1.png", "graf1.png", "leuvenA.jpg", "messi5.jpg", "orange.jpg", "stuff.jpg",
				"ela_original.jpg", "rubberwhale1.png", "aloeL.jpg", "box_in_scene.png" }, new String[0]));

	static final int MIN_SHORT_SIDE = 400;
	static final int MIN_SHORT_SIDE_CARVED = 600;
	static final int DOWNSCALE_FROM = 800;
	static final int SHORT_SIDE_CAP = 768;
	static final int DUPLICATE_HAMMING = 6;

	private final PrintStream log;

	private TrainingSetBuilder(final PrintStream log) {
		this.log = log;
	}

	/** {@code args}: the folder of unpacked packages, the output folder. */
	public static int run(final PrintStream out, final PrintStream err, final String... args) {
		if (args.length != 2) {
			err.println("usage: build-training-set <unpacked-packages-dir> <output-dir>");
			return 2;
		}
		try {
			new TrainingSetBuilder(out).build(new File(args[0]), new File(args[1]));
			return 0;
		}
		catch (final IOException | RuntimeException e) {
			err.println("build-training-set failed: " + e.getMessage());
			return 1;
		}
	}

	/** One photo on its way into the set. */
	private record Photo(String source, String version, String license, String origin, FloatImage image,
		long dhash, String pixelSha) {}

	void build(final File unpacked, final File outDir) throws IOException {
		final List<Photo> kept = new ArrayList<>();
		int skipped = 0;
		int duplicates = 0;
		for (final Source s : SOURCES) {
			final File dir = new File(new File(unpacked, s.pkg()), s.dir());
			if (!dir.isDirectory()) throw new IOException("package " + s.pkg() + " is not unpacked at " + dir);
			int n = 0;
			for (final Candidate c : candidates(s, dir)) {
				final FloatImage img = decode(c.bytes(), c.origin());
				if (img == null || Math.min(img.width(), img.height()) < c.minShort()) {
					skipped++;
					continue;
				}
				final FloatImage hr = capSize(img);
				final long dh = dhash(hr);
				boolean dup = false;
				for (final Photo p : kept) dup |= Long.bitCount(p.dhash() ^ dh) <= DUPLICATE_HAMMING;
				if (dup) {
					duplicates++;
					continue;
				}
				kept.add(new Photo(s.pkg(), s.version(), s.license(), c.origin(), hr, dh, pixelSha(hr)));
				n++;
			}
			log.println("build-training-set: " + s.pkg() + " " + s.version() + ": " + n + " photos");
		}
		Files.createDirectories(outDir.toPath());
		final Path manifest = outDir.toPath().resolve("manifest.tsv");
		final Path tmp = outDir.toPath().resolve(".part-manifest.tsv");
		long pixels = 0;
		int val = 0;
		try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8))) {
			w.println("file\tsha256\tpixel_sha256\twidth\theight\tsplit\tpackage\tversion\tlicense\torigin");
			for (final Photo p : kept) {
				final String name = p.source() + "-" + p.pixelSha().substring(0, 12) + ".png";
				final File f = new File(outDir, name);
				final BufferedImage bi = toBuffered(p.image());
				ImageIO.write(bi, "png", f);
				final String split = Integer.parseInt(p.pixelSha().substring(0, 2), 16) < 64 ? "validation" : "train";
				if (split.equals("validation")) val++;
				pixels += (long) p.image().width() * p.image().height();
				w.println(String.join("\t", name, Hashes.sha256(f.toPath()), p.pixelSha(), Integer
					.toString(p.image().width()), Integer.toString(p.image().height()), split, p.source(), p.version(), p
						.license(), p.origin()));
			}
		}
		Files.move(tmp, manifest, StandardCopyOption.REPLACE_EXISTING);
		log.println(String.format(Locale.ROOT, "build-training-set: %d photos (%d train, %d validation), %.1f Mpx; " +
			"%d skipped (small or clip-art), %d near-duplicates dropped; manifest %s", kept.size(), kept.size() - val,
			val, pixels / 1e6, skipped, duplicates, manifest));
	}

	/** Raw bytes of one candidate image and where it came from. */
	private record Candidate(String origin, byte[] bytes, int minShort) {}

	private List<Candidate> candidates(final Source s, final File dir) throws IOException {
		final List<Candidate> out = new ArrayList<>();
		if (s.pkg().equals("plasma-workspace-wallpapers")) {
			for (final String w : s.include()) {
				final File images = new File(dir, w + "/contents/images");
				final File[] files = images.listFiles();
				if (files == null) throw new IOException("missing wallpaper " + images);
				File largest = null;
				for (final File f : files) if (largest == null || f.length() > largest.length()) largest = f;
				out.add(new Candidate(w + "/" + largest.getName(), Files.readAllBytes(largest.toPath()), MIN_SHORT_SIDE));
			}
			return out;
		}
		if (s.pkg().equals("gcompris-qt-data")) {
			for (final String rcc : s.include()) {
				final File f = new File(dir, rcc);
				for (final RccCarver.Blob b : RccCarver.carve(Files.readAllBytes(f.toPath()))) {
					final byte[] bytes = b.type().equals("webp") ? dwebp(b.bytes()) : b.bytes();
					out.add(new Candidate(rcc + "@" + b.offset(), bytes, MIN_SHORT_SIDE_CARVED));
				}
			}
			return out;
		}
		final File[] files = dir.listFiles();
		if (files == null) throw new IOException("cannot list " + dir);
		Arrays.sort(files);
		for (final File f : files) {
			if (!f.isFile() || !matchesAny(f.getName(), s.include()) || matchesAny(f.getName(), s.exclude())) continue;
			out.add(new Candidate(f.getName(), Files.readAllBytes(f.toPath()), MIN_SHORT_SIDE));
		}
		return out;
	}

	private static boolean matchesAny(final String name, final String[] globs) {
		for (final String g : globs) {
			final String re = "\\Q" + g.replace("*", "\\E.*\\Q") + "\\E";
			if (name.matches(re)) return true;
		}
		return false;
	}

	/** Decodes with dwebp (libwebp's own decoder, exact) to PNG bytes. */
	private static byte[] dwebp(final byte[] webp) throws IOException {
		final Path in = Files.createTempFile("faig", ".webp");
		final Path out = Files.createTempFile("faig", ".png");
		try {
			Files.write(in, webp);
			final Process p = new ProcessBuilder("dwebp", "-quiet", in.toString(), "-o", out.toString())
				.redirectErrorStream(true).start();
			p.getInputStream().readAllBytes();
			if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("dwebp failed");
			return Files.readAllBytes(out);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted");
		}
		finally {
			Files.deleteIfExists(in);
			Files.deleteIfExists(out);
		}
	}

	/** RGB in [0, 1], or {@code null} for unreadable images and clip-art (any transparent pixel). */
	private FloatImage decode(final byte[] bytes, final String origin) {
		final BufferedImage bi;
		try {
			bi = ImageIO.read(new ByteArrayInputStream(bytes));
		}
		catch (final IOException | RuntimeException e) {
			log.println("build-training-set: skipping unreadable " + origin + ": " + e.getMessage());
			return null;
		}
		if (bi == null) return null;
		final int w = bi.getWidth();
		final int h = bi.getHeight();
		final int[] argb = bi.getRGB(0, 0, w, h, null, 0, w);
		final FloatImage img = new FloatImage(3, h, w);
		final float[] d = img.data();
		final int n = w * h;
		final boolean alpha = bi.getColorModel().hasAlpha();
		for (int i = 0; i < n; i++) {
			if (alpha && (argb[i] >>> 24) != 0xff) return null;
			d[i] = ((argb[i] >> 16) & 0xff) / 255f;
			d[n + i] = ((argb[i] >> 8) & 0xff) / 255f;
			d[2 * n + i] = (argb[i] & 0xff) / 255f;
		}
		return img;
	}

	/** Shrinks photos whose shorter side is ≥ 800 px by at least 2×, to a shorter side of at most 768. */
	static FloatImage capSize(final FloatImage img) {
		final int s = Math.min(img.width(), img.height());
		if (s < DOWNSCALE_FROM) return img;
		final double f = Math.max(2.0, s / (double) SHORT_SIDE_CAP);
		final int h = (int) Math.floor(img.height() / f);
		final int w = (int) Math.floor(img.width() / f);
		final FloatImage small = AreaResize.resize(img, h, w);
		// Back to 8-bit levels, as the PNG will store them.
		for (int i = 0; i < small.data().length; i++) {
			small.data()[i] = ByteLevels.of(small.data()[i]) / 255f;
		}
		return small;
	}

	/** A 64-bit difference hash of a 9×8 grey thumbnail: near-duplicates differ in few bits. */
	static long dhash(final FloatImage img) {
		final FloatImage g = new FloatImage(1, img.height(), img.width());
		final int n = img.width() * img.height();
		for (int i = 0; i < n; i++) {
			g.data()[i] = (img.data()[i] + img.data()[n + i] + img.data()[2 * n + i]) / 3f;
		}
		final FloatImage t = AreaResize.resize(g, 8, 9);
		long h = 0;
		for (int y = 0; y < 8; y++) {
			for (int x = 0; x < 8; x++) {
				h = (h << 1) | (t.get(0, y, x) > t.get(0, y, x + 1) ? 1 : 0);
			}
		}
		return h;
	}

	private static String pixelSha(final FloatImage img) {
		final byte[] b = new byte[img.data().length + 8];
		b[0] = (byte) (img.width() >> 8);
		b[1] = (byte) img.width();
		b[2] = (byte) (img.height() >> 8);
		b[3] = (byte) img.height();
		for (int i = 0; i < img.data().length; i++) {
			b[8 + i] = (byte) ByteLevels.of(img.data()[i]);
		}
		return Hashes.sha256(b);
	}

	static BufferedImage toBuffered(final FloatImage img) {
		final int w = img.width();
		final int h = img.height();
		final int n = w * h;
		final BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		final int[] px = new int[n];
		final float[] d = img.data();
		for (int i = 0; i < n; i++) {
			final int r = ByteLevels.of(d[i]);
			final int g = ByteLevels.of(d[n + i]);
			final int b = ByteLevels.of(d[2 * n + i]);
			px[i] = (r << 16) | (g << 8) | b;
		}
		bi.setRGB(0, 0, w, h, px, 0, w);
		return bi;
	}
}
