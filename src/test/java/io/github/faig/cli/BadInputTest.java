package io.github.faig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scijava.Context;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;
import io.github.faig.ij.ImageFiles;
import io.github.faig.nn.Fixtures;

/**
 * Hostile inputs to every command and the launcher, table-driven. Each case asserts the exit status (2: the line
 * itself is malformed; 1: a well-formed line with invalid values), that the one-line message names the parameter or
 * file, that nothing was written to the output folder, and that no input (nor the bundled models, nor the project
 * folder, the current folder of the test run) changed, by checksum.
 */
class BadInputTest {

	private static Context context;
	private static Path root;
	private static Map<String, String> before;

	@BeforeAll
	static void fixtures() throws Exception {
		context = new Context();
		root = Files.createTempDirectory("faig-bad-input");
		final Path in = Files.createDirectories(root.resolve("in"));
		Files.createDirectories(root.resolve("out"));
		Files.createDirectories(root.resolve("empty"));
		final Path gt = Files.createDirectories(root.resolve("gt"));
		final Path user = Files.createDirectories(root.resolve("userdir"));
		Files.writeString(user.resolve("keep.txt"), "a user's file");
		ImageFiles.save(rgb(48, 40), in.resolve("a.png").toFile());
		ImageFiles.save(rgb(4, 4), in.resolve("tiny.png").toFile());
		ImageFiles.save(rgb(48, 48), gt.resolve("g1.png").toFile());
		ImageFiles.save(rgb(40, 48), gt.resolve("g2.png").toFile());
		final FloatProcessor fp = new FloatProcessor(24, 24);
		fp.setf(3, 5, Float.NaN);
		ImageFiles.save(new ImagePlus("nan", fp), in.resolve("nan.tif").toFile());
		// sparse 16-bit data: a flat background and two bright beads
		final ShortProcessor beads = new ShortProcessor(40, 40);
		beads.set(100);
		for (int k = 0; k < 2; k++) beads.set(5 + 7 * k, 20, 4000);
		ImageFiles.save(new ImagePlus("beads", beads), in.resolve("beads16.tif").toFile());
		Files.writeString(in.resolve("notes.txt"), "not an image\n");
		Files.write(in.resolve("blob.bin"), new byte[] { (byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0x80 });
		Files.writeString(in.resolve("short_index.txt"), "1\n2\n");
		// a training folder with a damaged PNG beside a good one
		final Path corrupt = Files.createDirectories(root.resolve("corruptgt"));
		ImageFiles.save(rgb(48, 48), corrupt.resolve("good.png").toFile());
		Files.write(corrupt.resolve("corrupt.png"), new byte[] { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0 });
		Files.copy(Fixtures.file("msrresnet_x2_weights.safetensors").toPath(), in.resolve("w.safetensors"));
		Files.write(in.resolve("no_offsets.safetensors"), safetensors(
			"{\"conv_first.weight\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4));
		Files.write(in.resolve("features0.safetensors"), safetensors(
			"{\"features.0.weight\":{\"dtype\":\"F32\",\"shape\":[1,1,1,1],\"data_offsets\":[0,4]}}", 4));
		// a damaged model: the sample baseline with one NaN weight
		final Path nan = Files.createDirectories(root.resolve("models/nan"));
		final Path sample = Path.of("sample-models/msrresnet-x2-baseline");
		Files.copy(sample.resolve("model.json"), nan.resolve("model.json"));
		final byte[] w = Files.readAllBytes(sample.resolve("model.safetensors"));
		final long header = ByteBuffer.wrap(w).order(ByteOrder.LITTLE_ENDIAN).getLong();
		ByteBuffer.wrap(w).order(ByteOrder.LITTLE_ENDIAN).putFloat((int) (8 + header), Float.NaN);
		Files.write(nan.resolve("model.safetensors"), w);
		// filter sets whose JSON is corrupt
		final Path sets = Files.createDirectories(root.resolve("sets/corrupt"));
		for (final String f : new String[] { "blur_index.txt", "noise_index.txt" }) {
			Files.copy(Path.of("sample-models/filter-sets-msrresnet-x2", f), sets.resolve(f));
		}
		Files.writeString(sets.resolve("filter_sets.json"), "{\"baseline_model\": msrresnet");
		hostileFixtures(in);
		// a package FAIG wrote, whose weights are a link to a file elsewhere (#29: importing through the link)
		final Path linkpkg = Files.createDirectories(root.resolve("linkpkg"));
		Files.writeString(linkpkg.resolve("model.json"), "{\"written_by\": \"FAIG Import Model\"}");
		Files.createSymbolicLink(linkpkg.resolve("model.safetensors"), in.resolve("w.safetensors"));
		packageFixtures();
		before = snapshot();
	}

	/**
	 * Model packages whose model.json lies (#29): a num_block far beyond the weights, a format_version from the
	 * future, weights named outside the package or with a NUL in the name, weights linked to a device, and a zip
	 * holding two packages.
	 */
	private static void packageFixtures() throws Exception {
		final Path sample = Path.of("sample-models/srcnn-x2-target");
		final String json = Files.readString(sample.resolve("model.json"));
		final String[][] lies = { { "blocks", "\"num_block\": 4", "\"num_block\": 100000000" },
			{ "future", "\"format_version\": 1", "\"format_version\": 999" },
			{ "escape", "\"weights\": \"model.safetensors\"", "\"weights\": \"../../../../etc/passwd\"" },
			{ "absolute", "\"weights\": \"model.safetensors\"", "\"weights\": \"/etc/passwd\"" },
			{ "nul", "\"weights\": \"model.safetensors\"", "\"weights\": \"model.safetensors\\u0000.txt\"" },
			{ "device", "", "" } };
		for (final String[] l : lies) {
			final Path p = Files.createDirectories(root.resolve("models/" + l[0]));
			assertTrue(json.contains(l[1]), l[1]);
			Files.writeString(p.resolve("model.json"), l[1].isEmpty() ? json : json.replace(l[1], l[2]));
			if (l[0].equals("device")) Files.createSymbolicLink(p.resolve("model.safetensors"), Path.of("/dev/zero"));
			else Files.copy(sample.resolve("model.safetensors"), p.resolve("model.safetensors"));
		}
		// a 4 MB index file of one line, and a 10 kB line that is not an index (#29: read whole, then echoed whole)
		Files.writeString(root.resolve("in/huge_index.txt"), "1".repeat(4 << 20));
		Files.writeString(root.resolve("in/long_line_index.txt"), "x".repeat(10_000) + "\n");
		try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(root.resolve(
			"models/two.zip"))))
		{
			for (final String dir : new String[] { "p1/", "p2/" }) {
				for (final String f : new String[] { "model.json", "model.safetensors" }) {
					z.putNextEntry(new java.util.zip.ZipEntry(dir + f));
					z.write(Files.readAllBytes(sample.resolve(f)));
					z.closeEntry();
				}
			}
		}
	}

	/** A weights file of 3 GB (sparse: it takes no disk), outside the checksummed fixture folder. */
	private static Path big;

	/**
	 * The second round's hostile inputs (#29): an image whose header announces 30000 x 30000 pixels, a CMYK JPEG, a
	 * TIFF whose pages differ in size, damaged .npz and model.json files, weights far too large, training folders with
	 * an all-NaN TIFF and with an empty manifest, a damaged training checkpoint, links to nothing and to themselves.
	 */
	private static void hostileFixtures(final Path in) throws Exception {
		Files.write(in.resolve("huge.png"), hugePng(30000, 30000));
		final java.awt.image.WritableRaster cmyk = java.awt.image.Raster.createInterleavedRaster(
			java.awt.image.DataBuffer.TYPE_BYTE, 16, 16, 4, null);
		final javax.imageio.ImageWriter jw = javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
		try (javax.imageio.stream.ImageOutputStream o = javax.imageio.ImageIO.createImageOutputStream(in.resolve(
			"cmyk.jpg").toFile()))
		{
			jw.setOutput(o);
			jw.write(null, new javax.imageio.IIOImage(cmyk, null, null), null);
		}
		final javax.imageio.ImageWriter tw = javax.imageio.ImageIO.getImageWritersByFormatName("tiff").next();
		try (javax.imageio.stream.ImageOutputStream o = javax.imageio.ImageIO.createImageOutputStream(in.resolve(
			"pages.tif").toFile()))
		{
			tw.setOutput(o);
			tw.prepareWriteSequence(null);
			for (final int side : new int[] { 48, 24 }) {
				tw.writeToSequence(new javax.imageio.IIOImage(new java.awt.image.BufferedImage(side, side,
					java.awt.image.BufferedImage.TYPE_BYTE_GRAY), null, null), null);
			}
			tw.endWriteSequence();
		}
		// a TIFF whose one page's directory names itself as the next page: readers would loop on it for ever
		final ByteBuffer loop = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
		loop.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) 9);
		for (final int[] e : new int[][] { { 256, 16 }, { 257, 16 }, { 258, 8 }, { 259, 1 }, { 262, 1 }, { 273, 200 },
			{ 277, 1 }, { 278, 16 }, { 279, 256 } })
		{
			loop.putShort((short) e[0]).putShort((short) 4).putInt(1).putInt(e[1]);
		}
		loop.putInt(8);
		Files.write(in.resolve("loop.tif"), loop.array());
		// an .npz whose array ends before the 100 values its header announces, and one with a negative size
		for (final String[] npz : new String[][] { { "trunc.npz", "(100,)" }, { "negative.npz", "(-5,)" } }) {
			final String h = "{'descr': '<f4', 'fortran_order': False, 'shape': " + npz[1] + ", }";
			final String header = h + " ".repeat(127 - 10 - h.length()) + "\n";
			final java.io.ByteArrayOutputStream npy = new java.io.ByteArrayOutputStream();
			npy.write(new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0 });
			npy.write(header.getBytes(StandardCharsets.US_ASCII));
			npy.write(new byte[8]);
			try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(in.resolve(
				npz[0]))))
			{
				z.putNextEntry(new java.util.zip.ZipEntry("conv_first.weight.npy"));
				z.write(npy.toByteArray());
				z.closeEntry();
			}
		}
		final Path sample = Path.of("sample-models/msrresnet-x2-baseline");
		final Path scale = Files.createDirectories(root.resolve("models/scale23"));
		Files.copy(sample.resolve("model.safetensors"), scale.resolve("model.safetensors"));
		Files.writeString(scale.resolve("model.json"), Files.readString(sample.resolve("model.json")).replaceFirst(
			"\"scale\": 2", "\"scale\": [2, 3]"));
		final Path huge = Files.createDirectories(root.resolve("models/hugeweights"));
		Files.copy(sample.resolve("model.json"), huge.resolve("model.json"));
		final byte[] w = Files.readAllBytes(sample.resolve("model.safetensors"));
		final long header = ByteBuffer.wrap(w).order(ByteOrder.LITTLE_ENDIAN).getLong();
		ByteBuffer.wrap(w).order(ByteOrder.LITTLE_ENDIAN).putFloat((int) (8 + header), 1e30f);
		Files.write(huge.resolve("model.safetensors"), w);
		big = Files.createTempDirectory("faig-bad-input-big");
		final Path bigModel = Files.createDirectories(big.resolve("bigmodel"));
		Files.copy(sample.resolve("model.json"), bigModel.resolve("model.json"));
		Files.copy(sample.resolve("model.safetensors"), bigModel.resolve("model.safetensors"));
		try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(bigModel.resolve("model.safetensors").toFile(),
			"rw"))
		{
			f.setLength(3L << 30);
		}
		// training folders: an all-NaN TIFF among photographs; an empty manifest
		final Path nanGt = Files.createDirectories(root.resolve("nangt"));
		ImageFiles.save(rgb(48, 48), nanGt.resolve("good.png").toFile());
		final FloatProcessor allNan = new FloatProcessor(48, 48);
		allNan.setValue(Float.NaN);
		allNan.fill();
		ImageFiles.save(new ImagePlus("nan", allNan), nanGt.resolve("nan.tif").toFile());
		final Path manifest = Files.createDirectories(root.resolve("manifestgt"));
		ImageFiles.save(rgb(48, 48), manifest.resolve("good.png").toFile());
		Files.writeString(manifest.resolve("manifest.tsv"), "");
		// a damaged checkpoint beside an output_model
		Files.createDirectories(root.resolve("ck"));
		Files.writeString(root.resolve("ck/m.checkpoint.safetensors"), "not a checkpoint");
		final Path hugeGt = Files.createDirectories(root.resolve("hugegt"));
		ImageFiles.save(rgb(48, 48), hugeGt.resolve("g1.png").toFile());
		Files.write(hugeGt.resolve("huge.png"), hugePng(30000, 30000));
		// links to nothing and to themselves among the ground truths of a whole-set command
		final Path links = Files.createDirectories(root.resolve("linkgt"));
		ImageFiles.save(rgb(48, 48), links.resolve("g1.png").toFile());
		Files.createSymbolicLink(links.resolve("dangling.png"), links.resolve("nowhere.png"));
		final Path loops = Files.createDirectories(root.resolve("loopgt"));
		ImageFiles.save(rgb(48, 48), loops.resolve("g1.png").toFile());
		Files.createSymbolicLink(loops.resolve("loop1.png"), loops.resolve("loop2.png"));
		Files.createSymbolicLink(loops.resolve("loop2.png"), loops.resolve("loop1.png"));
	}

	/** A PNG whose header announces {@code w x h} grey pixels, with almost no pixel data: only its header is read. */
	static byte[] hugePng(final int w, final int h) {
		final ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 0).put((byte) 0)
			.put((byte) 0).put((byte) 0);
		final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10 });
		// the pixel data: the first row's start only (Java's reader wants an IDAT chunk to find the header complete)
		final java.io.ByteArrayOutputStream idat = new java.io.ByteArrayOutputStream();
		try (java.util.zip.DeflaterOutputStream z = new java.util.zip.DeflaterOutputStream(idat)) {
			z.write(new byte[64]);
		}
		catch (final IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		for (final Object[] c : new Object[][] { { "IHDR", ihdr.array() }, { "IDAT", idat.toByteArray() }, { "IEND",
			new byte[0] } })
		{
			final byte[] type = ((String) c[0]).getBytes(StandardCharsets.US_ASCII);
			final byte[] data = (byte[]) c[1];
			out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
			out.writeBytes(type);
			out.writeBytes(data);
			final java.util.zip.CRC32 crc = new java.util.zip.CRC32();
			crc.update(type);
			crc.update(data);
			out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
		}
		return out.toByteArray();
	}

	@AfterAll
	static void close() throws IOException {
		context.dispose();
		deleteTree(root);
		if (big != null) deleteTree(big);
	}

	private static void deleteTree(final Path dir) throws IOException {
		try (Stream<Path> s = Files.walk(dir)) {
			s.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
		}
	}

	static Stream<Arguments> cases() {
		final List<Arguments> c = new ArrayList<>();
		final String syn = "FAIG Synthesize Degradations";
		final String a = "input_file='{in}/a.png',output_dir='{out}'";
		// -- the line itself (status 2) --
		c.add(of(2, syn, "input_file={in}/a.png,output_dir='{out}'", "input_file", "quoted"));
		c.add(of(2, syn, a + ",blur_sigma=abc", "blur_sigma"));
		c.add(of(2, syn, a + ",blur_sigma=NaN", "blur_sigma"));
		c.add(of(2, syn, a + ",blur_sigma=Infinity", "blur_sigma"));
		c.add(of(2, syn, a + ",noise_sigma=1e999", "noise_sigma"));
		c.add(of(2, syn, a + ",with_clean=maybe", "with_clean"));
		c.add(of(2, syn, a + ",with_clean=1", "with_clean"));
		c.add(of(2, syn, a + ",with_clean", "with_clean"));
		c.add(of(2, syn, "input_file='{in}/a.png' blur_sigma=2,output_dir='{out}'", "blur_sigma"));
		c.add(of(2, syn, "input_file='{in}/a.png,output_dir='{out}'", "quote"));
		c.add(of(2, syn, "output_dir='{out}',input_file='{in}/a.png", "input_file"));
		c.add(of(2, syn, a + ",blur_sigma=", "blur_sigma"));
		c.add(of(2, syn, a + ",blur_sigma=1,blur_sigma=2", "blur_sigma", "twice"));
		c.add(of(2, syn, a + ",blur_sigmaa=2", "blur_sigmaa"));
		c.add(of(2, syn, a + ",", "','"));
		c.add(of(2, syn, "," + a, "input name"));
		c.add(of(2, syn, a + ",kernel_size=2147483648", "kernel_size"));
		c.add(of(2, syn, a + ",kernel_size=2.5", "kernel_size"));
		c.add(of(2, syn, a + ",seed=1e3", "seed"));
		c.add(of(2, syn, a + ",image='x'", "image"));
		c.add(of(2, syn, a + ",scale=0x2", "scale"));
		c.add(of(2, "FAIG Masking Experiment", "filter_sets='{sets}/corrupt',proportions=1,3,5,10", "proportions"));
		c.add(of(2, "FAIG Compute Filters", "quadrature=riemann", "quadrature"));
		c.add(of(2, "FAIG Blind Super-Resolution", a + ",float_output=yes", "float_output"));
		c.add(of(2, "No Such Command", "a=1", "No Such Command"));
		// -- Synthesize Degradations --
		c.add(of(1, syn, "input_file='{in}/none.png',output_dir='{out}'", "input_file", "none.png"));
		c.add(of(1, syn, "input_file='{in}/notes.txt',output_dir='{out}'", "input_file", "notes.txt"));
		c.add(of(1, syn, "input_file='{in}',output_dir='{out}'", "input_file"));
		c.add(of(1, syn, "output_dir='{out}'", "input_file"));
		c.add(of(1, syn, a + ",kernel_size=2147483647", "kernel_size"));
		c.add(of(1, syn, a + ",normalization='zscore'", "normalization", "zscore"));
		c.add(of(1, syn, a + ",normalization='percentile',low_percentile=90,high_percentile=10", "low_percentile"));
		c.add(of(1, syn, a + ",high_percentile=101", "high_percentile"));
		// a percentile that min-max never reads (trial finding: it was taken and ignored)
		c.add(of(1, syn, a + ",normalization='Min-Max',low_percentile=2", "low_percentile is used only with " +
			"normalization='percentile' or 'auto', got low_percentile=2"));
		c.add(of(1, "FAIG Blind Super-Resolution", a + ",normalization='minmax'", "normalization", "'minmax'"));
		c.add(of(2, "FAIG Degradation Map", a + ",all_planes=yes", "all_planes"));
		c.add(of(1, "FAIG Blind Super-Resolution", a + ",threads=-1", "threads"));
		c.add(of(1, syn, a + ",kernel_size=4", "kernel_size"));
		c.add(of(1, syn, a + ",kernel_size=1", "kernel_size"));
		c.add(of(1, syn, a + ",blur_sigma=0", "blur_sigma"));
		c.add(of(1, syn, a + ",blur_sigma=-1", "blur_sigma"));
		c.add(of(1, syn, a + ",noise_sigma=-0.1", "noise_sigma"));
		c.add(of(1, syn, a + ",scale=0", "scale"));
		c.add(of(1, syn, a + ",scale=1000", "scale"));
		c.add(of(1, syn, a + ",with_clean=false,with_blur=false,with_noise=false,with_blur_noise=false", "with_clean"));
		c.add(of(1, syn, "input_file='{in}/a.png',output_dir='{root}/missing/deeper'", "output_dir", "missing"));
		c.add(of(1, syn, "input_file='{in}/a.png'", "output_dir", "headless"));
		c.add(of(1, syn, "input_file='{in}/a.png',output_dir='~/out'", "output_dir", "~"));
		c.add(of(2, syn, a + ",blur-sigma=1", "blur-"));
		c.add(of(1, syn, "input_file='{in}/a.png',output_dir=''", "output_dir"));
		c.add(of(1, syn, "input_file='{in}/a.png',output_dir='{in}/a.png'", "output_dir"));
		c.add(of(1, syn, "input_file='{in}/nan.tif',output_dir='{out}'", "nan.tif", "slice 1"));
		c.add(of(1, syn, "input_file='{in}/beads16.tif',normalization='percentile',output_dir='{out}'", "percentile",
			"min-max"));
		c.add(of(1, syn, a + ",threads=100000", "threads"));
		// outputs never land among the bundled models and filter sets (here the repository's sample-models)
		final String bundled = new File("sample-models").getAbsolutePath();
		c.add(of(1, syn, "input_file='{in}/a.png',output_dir='" + bundled + "'", "output_dir", "never change"));
		c.add(of(1, syn, "input_file='{in}/a.png',output_dir='" + bundled + "/msrresnet-x2-target/x/y'", "output_dir",
			"never change"));
		c.add(of(1, syn, "input_file='{in}/a.png',output_dir='{models}/nan'", "output_dir", "model package"));
		c.add(of(1, "FAIG Compute Filters", "input_dir='{gt}',crop_size=16,crops=1,steps=2,output_dir='" + bundled +
			"/filter-sets-msrresnet-x2/x/y'", "output_dir", "never change"));
		c.add(of(1, "FAIG Degradation Map", "input_file='{in}/nan.tif',output_dir='{out}'", "nan.tif"));
		// -- Blind Super-Resolution --
		final String sr = "FAIG Blind Super-Resolution";
		c.add(of(1, sr, a + ",model='no-such-model'", "model", "no-such-model"));
		c.add(of(1, sr, a + ",model='{models}/nan'", "conv_first.weight", "NaN"));
		c.add(of(1, sr, a + ",model='{userdir}'", "model.json"));
		c.add(of(1, sr, a + ",tile_size=8", "tile_size"));
		c.add(of(1, sr, a + ",tile_overlap=-2", "tile_overlap"));
		c.add(of(1, sr, "input_file='{in}/tiny.png',output_dir='{out}'", "receptive field"));
		c.add(of(1, sr, "input_file='{in}/nan.tif',output_dir='{out}'", "nan.tif"));
		c.add(of(1, sr, "input_file='',output_dir='{out}'", "input_file"));
		c.add(of(1, sr, a + ",model='{in}/w.safetensors'", "FAIG Import Model"));
		c.add(of(1, sr, a + ",tile_overlap=2147483647", "tile_overlap"));
		// -- input_dir of the per-file commands --
		for (final String per : new String[] { syn, sr }) {
			c.add(of(1, per, a + ",input_dir='{gt}'", "input_file", "input_dir"));
			c.add(of(1, per, "input_dir='{root}/missing',output_dir='{out}'", "input_dir", "missing"));
			c.add(of(1, per, "input_dir='{empty}',output_dir='{out}'", "input_dir", "no images"));
			c.add(of(1, per, "input_dir='{gt}'", "output_dir"));
			c.add(of(1, per, "input_dir='',output_dir='{out}'", "input_dir"));
			c.add(of(1, per, "input_dir='{gt}',output_dir='{gt}'", "output_dir", "input_dir"));
		}
		// -- Compute Filters --
		final String cf = "FAIG Compute Filters";
		final String gt = "input_dir='{gt}',output_dir='{out}',crop_size=16,crops=1,steps=2";
		c.add(of(1, cf, gt + ",baseline_model='msrresnet-x2-target'", "identical"));
		c.add(of(1, cf, gt + ",baseline_model='srcnn-x2-baseline'", "baseline_model"));
		c.add(of(1, cf, gt + ",baseline_model='{models}/nan'", "NaN"));
		c.add(of(1, cf, "input_dir='{gt}',output_dir='{out}',steps=-1", "steps"));
		c.add(of(1, cf, "input_dir='{gt}',output_dir='{out}',steps=1,quadrature='trapezoid'", "steps"));
		c.add(of(1, cf, gt + ",quadrature='bogus'", "quadrature"));
		c.add(of(1, cf, gt + ",percent=0", "percent"));
		c.add(of(1, cf, gt + ",percent=101", "percent"));
		c.add(of(1, cf, "input_dir='{gt}',output_dir='{out}',crops=0", "crops"));
		c.add(of(1, cf, "input_dir='{gt}',output_dir='{out}',crop_size=-1", "crop_size"));
		c.add(of(1, cf, "input_dir='{gt}',output_dir='{out}',crop_size=4,steps=2", "crop_size=4", "receptive field"));
		c.add(of(1, cf, "input_dir='{gt}',output_dir='{gt}'", "output_dir", "input_dir"));
		c.add(of(1, cf, "input_dir='{empty}',output_dir='{out}'", "input_dir", "no images"));
		c.add(of(1, cf, "input_dir='{root}/missing',output_dir='{out}'", "input_dir"));
		c.add(of(1, cf, "input_dir='',output_dir='{out}'", "input_dir"));
		// -- Mask Filters --
		final String mf = "FAIG Mask Filters";
		final String mfa = a + ",filter_file='" + "{sets}/corrupt/blur_index.txt'";
		c.add(of(1, mf, mfa + ",mode='bogus'", "mode", "bogus"));
		c.add(of(1, mf, mfa + ",mode='x/../../../mf_escape'", "mode"));
		c.add(of(1, mf, mfa + ",channel='red'", "channel"));
		c.add(of(1, mf, mfa + ",mode='modulate',lambda_count=1", "lambda_count"));
		c.add(of(1, mf, mfa + ",mode='modulate',lambda_min=1,lambda_max=0", "lambda_max"));
		c.add(of(1, mf, mfa + ",percent=0", "percent"));
		c.add(of(1, mf, a + ",filter_file='{sets}/corrupt'", "filter_file", "folder"));
		c.add(of(1, mf, a + ",filter_file='{in}/blob.bin'", "blob.bin"));
		c.add(of(1, mf, a + ",filter_file='{in}/short_index.txt'", "short_index.txt"));
		c.add(of(1, mf, a + ",filter_file='{in}/short_index.txt'", "filter_file", "lists 2 filters"));
		c.add(of(1, mf, a + ",filter_file='{in}/none.txt'", "filter_file"));
		c.add(of(1, mf, a, "filter_file"));
		// -- Masking Experiment --
		final String me = "FAIG Masking Experiment";
		final String mea = "filter_sets='filter-sets-msrresnet-x2',input_dir='{gt}',output_dir='{out}'";
		c.add(of(1, me, mea + ",proportions='1,abc'", "proportions"));
		c.add(of(1, me, mea + ",proportions='150'", "proportions"));
		c.add(of(1, me, mea + ",proportions='1,1'", "proportions", "twice"));
		c.add(of(1, me, mea + ",ig_steps=0,discovery_dir='{gt}'", "ig_steps"));
		c.add(of(1, me, mea.replace("output_dir='{out}'", "output_dir='{gt}'"), "output_dir"));
		c.add(of(1, me, "filter_sets='{root}/nosets',input_dir='{gt}',output_dir='{out}'", "filter_sets"));
		c.add(of(1, me, mea + ",channel='green'", "channel"));
		// -- Calibrate Thresholds --
		final String ct = "FAIG Calibrate Thresholds";
		c.add(of(1, ct, "filter_sets='{sets}/corrupt',input_dir='{gt}',percent=0", "percent"));
		c.add(of(1, ct, "filter_sets='filter-sets-msrresnet-x2',input_dir='{gt}',steps=2,crop_size=16,crops=1",
			"output_dir", "bundled"));
		c.add(of(1, ct, "filter_sets='{sets}/corrupt',input_dir='{gt}',steps=2,crop_size=16,crops=1", "filter_sets.json"));
		c.add(of(1, ct, "filter_sets='{sets}/corrupt',input_dir='{gt}',test_dir=''", "test_dir"));
		c.add(of(1, ct, "filter_sets='filter-sets-msrresnet-x2',output_dir='{out}',input_dir='{gt}',steps=2,crop_size=16",
			"crop_size=16", "receptive field"));
		c.add(of(1, ct, "filter_sets='{sets}/corrupt',input_dir='{empty}'", "input_dir"));
		c.add(of(1, ct, "filter_sets='{sets}/corrupt',input_dir='{gt}',output_dir='{gt}'", "output_dir"));
		c.add(of(1, ct, "filter_sets='{sets}/corrupt',input_dir='{gt}',pseudo_truth='oracle'", "pseudo_truth"));
		c.add(of(1, ct, "filter_sets='',input_dir='{gt}'", "filter_sets"));
		// -- Predict Degradation --
		final String pd = "FAIG Predict Degradation";
		c.add(of(1, pd, a + ",input_dir='{gt}'", "input_file", "input_dir"));
		c.add(of(1, pd, a + ",t_blur=5", "t_blur"));
		c.add(of(1, pd, a + ",filter_sets=''", "filter_sets"));
		c.add(of(1, pd, a + ",t_noise=-0.5", "t_noise"));
		c.add(of(1, pd, a + ",t_reblur=1.5", "t_reblur"));
		c.add(of(1, pd, a + ",t_reblur=0.5", "t_reblur", "decision_rule=blur-under-noise"));
		c.add(of(1, pd, a + ",filter_sets='no-such-sets'", "filter_sets", "no-such-sets"));
		c.add(of(1, pd, a + ",filter_sets='{sets}/corrupt'", "filter_sets.json"));
		c.add(of(1, pd, "input_dir='{gt}',output_dir='{gt}'", "output_dir"));
		c.add(of(1, pd, "input_file='{in}/notes.txt',output_dir='{out}'", "notes.txt"));
		// -- Degradation Map --
		final String dm = "FAIG Degradation Map";
		c.add(of(1, dm, a + ",tile_size=8", "tile_size"));
		c.add(of(1, dm, a + ",t_blur=1.5", "t_blur"));
		c.add(of(1, dm, a + ",tile_size=64", "tile_size"));
		c.add(of(1, dm, a + ",tile_size=16", "tile_size=16", "receptive field"));
		// -- Degradation Representations --
		final String dr = "FAIG Degradation Representations";
		final String dra = "input_dir='{gt}',output_dir='{out}'";
		c.add(of(1, dr, dra + ",components=0", "components"));
		c.add(of(1, dr, dra + ",components=-1", "components"));
		c.add(of(1, dr, dra + ",classes='clean;clean'", "classes", "twice"));
		c.add(of(1, dr, dra + ",classes='blur:abc;clean'", "classes"));
		c.add(of(1, dr, dra + ",classes='clean;blur:2:3:4'", "classes"));
		c.add(of(1, dr, dra + ",patch_size=1000", "patch_size", "g1"));
		c.add(of(1, dr, dra + ",patches=0", "patches"));
		c.add(of(1, dr, "input_dir='{gt}',output_dir='{gt}'", "output_dir"));
		c.add(of(1, dr, dra + ",model='{models}/nan'", "NaN"));
		// -- Train Model (never reaches training) --
		final String tm = "FAIG Train Model";
		final String tma = "input_dir='{gt}',num_feat=4,num_block=1,iterations=2,batch_size=1,patch_size=8";
		c.add(of(1, tm, tma + ",output_model=''", "output_model"));
		c.add(of(1, tm, tma + ",output_model='.'", "output_model", "current"));
		c.add(of(1, tm, tma + ",output_model='{gt}'", "output_model", "input_dir"));
		c.add(of(1, tm, tma + ",output_model='{root}'", "output_model"));
		c.add(of(1, tm, tma + ",output_model='{userdir}'", "output_model", "already exists"));
		c.add(of(1, tm, tma + ",output_model='{gt}/g1.png'", "output_model"));
		c.add(of(1, tm, tma + ",output_model='sample-models/mine'", "output_model", "bundled"));
		c.add(of(1, tm, tma + ",output_model='{out}/m',checkpoint_every=0", "checkpoint_every"));
		c.add(of(1, tm, tma + ",output_model='{out}/m',role='bogus'", "role"));
		c.add(of(1, tm, tma + ",output_model='{out}/m',ema_decay=1.5", "ema_decay"));
		c.add(of(1, tm, tma + ",output_model='{out}/m',role='target',p_noise=0.25", "p_noise=0.25", "role=custom"));
		c.add(of(1, tm, tma + ",output_model='{out}/m',learning_rate=0", "learning_rate"));
		c.add(of(1, tm, tma + ",output_model='{out}/m',init_model='msrresnet-x2-baseline'", "num_feat", "init_model"));
		c.add(of(1, tm, tma.replace("patch_size=8", "patch_size=400") + ",output_model='{out}/m'", "patch_size"));
		// -- counts that would run for ever or take all the memory (#29): each refused before any work --
		final String imax = "2147483647";
		c.add(of(1, cf, "input_dir='{gt}',output_dir='{out}',crop_size=16,crops=" + imax, "crops", imax));
		c.add(of(1, cf, "input_dir='{gt}',output_dir='{out}',quadrature='riemann',steps=" + imax, "steps", imax));
		c.add(of(1, cf, "input_dir='{gt}',output_dir='{out}',crop_size=" + imax, "crop_size"));
		c.add(of(1, ct, "filter_sets='{sets}/corrupt',input_dir='{gt}',crops=" + imax, "crops", imax));
		c.add(of(1, ct, "filter_sets='{sets}/corrupt',input_dir='{gt}',steps=" + imax, "steps", imax));
		c.add(of(1, dr, dra + ",patches=" + imax, "patches", imax));
		c.add(of(1, dr, dra + ",patch_size=" + imax, "patch_size", imax));
		c.add(of(1, dr, dra + ",components=" + imax, "components", imax));
		c.add(of(1, dr, dra + ",patches=10000,patch_size=16,sweep_layers=true", "patches", "heap"));
		c.add(of(1, me, mea + ",discovery_dir='{gt}',ig_steps=" + imax, "ig_steps", imax));
		c.add(of(1, me, mea + ",discovery_dir='{gt}',crops=" + imax, "crops", imax));
		c.add(of(1, dm, a + ",tile_size=" + imax, "tile_size", imax));
		c.add(of(1, tm, tma.replace("iterations=2,", "") + ",output_model='{out}/m',iterations=" + imax, "iterations", imax));
		c.add(of(1, tm, tma.replace("num_block=1,", "") + ",output_model='{out}/m',num_block=" + imax, "num_block", imax));
		c.add(of(1, tm, tma.replace("num_feat=4,", "") + ",output_model='{out}/m',num_feat=" + imax, "num_feat", imax));
		c.add(of(1, tm, tma + ",output_model='{out}/m',validation_crop=" + imax, "validation_crop", imax));
		c.add(of(1, tm, tma + ",output_model='{out}/m',checkpoint_every=" + imax, "checkpoint_every", imax));
		// -- model packages whose model.json disagrees with their weights or leaves the package (#29) --
		c.add(of(1, sr, a + ",model='{models}/blocks'", "model.json", "blocks", "num_block", "100000000"));
		c.add(of(1, sr, a + ",model='{models}/future'", "model.json", "future", "format_version", "999"));
		c.add(of(1, sr, a + ",model='{models}/escape'", "model.json", "weights", "etc/passwd", "inside the package"));
		c.add(of(1, sr, a + ",model='{models}/absolute'", "model.json", "weights", "/etc/passwd", "inside the package"));
		c.add(of(1, sr, a + ",model='{models}/nul'", "weights", "model.safetensors\\u0000.txt"));
		c.add(of(1, sr, a + ",model='{models}/device'", "device", "not a regular file", "/dev/zero"));
		c.add(of(1, sr, a + ",model='{models}/two.zip'", "two.zip", "2 model packages", "ambiguous"));
		c.add(of(1, mf, a + ",filter_file='{in}/huge_index.txt'", "filter_file", "huge_index.txt", "4 MB", "210 kB"));
		c.add(of(1, mf, a + ",filter_file='{in}/long_line_index.txt'", "filter_file", "not an index", "\u2026",
			"10000 characters"));
		c.add(of(1, me, mea + ",channel='" + "g".repeat(5000) + "'", "channel", "\u2026 (5000 characters)"));
		// -- inputs the run would ignore (#29) --
		c.add(of(1, me, mea + ",ig_steps=50", "ig_steps", "discovery_dir"));
		c.add(of(1, me, mea + ",crops=3", "crops", "discovery_dir"));
		c.add(of(1, me, mea + ",discovery_dir='{gt}',crops=3", "crops", "crop_size"));
		c.add(of(1, cf, "input_dir='{gt}',output_dir='{out}',crops=4", "crops", "crop_size"));
		c.add(of(1, ct, "filter_sets='{sets}/corrupt',input_dir='{gt}',crop_size=0,crops=4", "crops", "crop_size"));
		c.add(of(1, mf, mfa + ",lambda_count=3", "lambda_count", "modulate"));
		c.add(of(1, mf, mfa + ",lambda_max=2", "lambda_max", "modulate", "got lambda_max=2: "));
		c.add(of(1, tm, "input_dir='{root}/missing',output_model='{out}/m'", "input_dir"));
		c.add(of(1, tm, tma.replace("{gt}", "{root}/corruptgt") + ",output_model='{out}/m'", "input_dir", "corrupt.png"));
		// -- Import Model --
		final String im = "FAIG Import Model";
		final String w = "weights_file='{in}/w.safetensors'";
		c.add(of(1, im, w + ",output_model=''", "output_model"));
		c.add(of(1, im, w + ",output_model='.'", "output_model", "current"));
		c.add(of(1, im, w + ",output_model='{in}/w.safetensors'", "output_model", "weights_file"));
		c.add(of(1, im, w + ",output_model='{in}'", "output_model", "weights_file"));
		c.add(of(1, im, w + ",output_model='{userdir}'", "output_model", "already exists"));
		c.add(of(1, im, w + ",output_model='{in}/a.png'", "output_model"));
		c.add(of(1, im, w + ",output_model='{sets}/corrupt'", "output_model", "already exists"));
		c.add(of(1, im, w + ",output_model='sample-models/msrresnet-x2-target'", "output_model", "bundled"));
		c.add(of(1, im, "weights_file='{in}/none.pth',output_model='{out}/m'", "weights_file"));
		c.add(of(1, im, "weights_file='{in}/no_offsets.safetensors',output_model='{out}/m'", "data_offsets"));
		c.add(of(1, im, "weights_file='{in}/features0.safetensors',output_model='{out}/m'", "features"));
		c.add(of(1, im, "weights_file='{in}/notes.txt',output_model='{out}/m'", "notes.txt"));
		c.add(of(1, im, w + ",output_model='{out}/m',role='bogus'", "role"));
		c.add(of(1, im, w + ",output_model='~'", "output_model", "~"));
		c.add(of(1, im, w + ",output_model='msrresnet-x2-target'", "output_model", "bundled"));
		c.add(of(1, im, w + ",output_model='{root}/nonexist/deeper/m'", "output_model", "does not exist"));
		c.add(of(1, mf, mfa + ",mode='modulate',lambda_count=100000000", "lambda_count"));
		// -- filesystem URIs: read only by the image inputs, and only with the Spark runner (not here) --
		for (final String per : new String[] { syn, sr, pd }) {
			c.add(of(1, per, "input_dir='hdfs://nn:8020/images',output_dir='{out}'", "input_dir",
				"'hdfs://nn:8020/images'", "Spark runner"));
			c.add(of(1, per, "input_file='{in}/a.png',output_dir='hdfs://nn:8020/out'", "output_dir", "local path"));
			c.add(of(2, per, "input_dir='hdfs://nn:8020/my images',output_dir='{out}'", "input_dir", "%20"));
		}
		c.add(of(1, tm, "input_dir='hdfs://nn/photos',output_model='{out}/m'", "input_dir", "local path"));
		c.add(of(1, pd, "input_dir='HDFS://nn:8020/images',output_dir='{out}'", "input_dir", "'hdfs://nn:8020/images'",
			"Spark runner"));
		c.add(of(2, pd, "input_dir='hdfs://nn:8020/a#b',output_dir='{out}'", "input_dir", "%23"));
		c.add(of(2, pd, "input_dir='hdfs://nn:8020/images?x=1',output_dir='{out}'", "input_dir", "%3F"));
		c.add(of(2, pd, "input_dir='hdfs://nn:8020/../images',output_dir='{out}'", "input_dir", "root"));
		c.add(of(1, sr, a + ",model='hdfs://nn:8020/models/m'", "model", "filesystem URI", "local path"));
		c.add(of(1, pd, "input_dir='{gt}',output_dir='{out}',filter_sets='s3a://b/sets'", "filter_sets",
			"filesystem URI"));
		c.add(of(1, me, "filter_sets='filter-sets-msrresnet-x2',input_dir='{gt}',output_dir='{out}',discovery_dir=" +
			"'{root}/missing'", "discovery_dir", "missing"));
		c.add(of(1, im, "weights_file='s3a://bucket/w.pth',output_model='{out}/m'", "weights_file", "local path"));
		// -- second round (#29): memory checked before work, one reader, file-naming parsers, checkpoints --
		c.add(of(1, syn, "input_file='{in}/huge.png',output_dir='{out}'", "input_file", "huge.png", "30000x30000",
			"Java heap"));
		c.add(of(1, sr, "input_file='{in}/huge.png',output_dir='{out}'", "huge.png", "Java heap"));
		c.add(of(1, syn, "input_file='{in}/cmyk.jpg',output_dir='{out}'", "cmyk.jpg", "CMYK"));
		c.add(of(1, pd, "input_file='{in}/cmyk.jpg',output_dir='{out}'", "cmyk.jpg", "CMYK"));
		c.add(of(1, syn, "input_file='{in}/pages.tif',output_dir='{out}'", "pages.tif", "pages differ in size"));
		c.add(of(1, syn, "input_file='{in}/loop.tif',output_dir='{out}'", "input_file", "loop.tif", "loops back"));
		c.add(of(1, sr, "input_file='{in}/loop.tif',output_dir='{out}'", "loop.tif", "damaged TIFF"));
		c.add(of(1, dm, "input_file='{in}/pages.tif',output_dir='{out}'", "pages.tif", "pages differ in size"));
		c.add(of(1, tm, tma.replace("batch_size=1", "batch_size=100000000") + ",output_model='{out}/m'", "batch_size",
			"native memory"));
		c.add(of(1, tm, tma.replace("patch_size=8", "patch_size=40").replace("batch_size=1", "batch_size=10000000") +
			",architecture='SRCNNStyle',output_model='{out}/m'", "batch_size=10000000", "lower batch_size"));
		c.add(of(1, tm, tma.replace("{gt}", "{root}/nangt") + ",output_model='{out}/m'", "nan.tif", "NaN"));
		c.add(of(1, tm, tma.replace("{gt}", "{root}/manifestgt") + ",output_model='{out}/m'", "manifest.tsv", "empty"));
		c.add(of(1, tm, tma + ",output_model='{root}/ck/m'", "m.checkpoint.safetensors", "damaged"));
		c.add(of(1, im, "weights_file='{in}/trunc.npz',output_model='{out}/m'", "trunc.npz", "ends before"));
		c.add(of(1, im, "weights_file='{in}/negative.npz',output_model='{out}/m'", "negative.npz", "negative"));
		c.add(of(1, sr, a + ",model='{models}/scale23'", "model.json", "scale", "[2,3]"));
		c.add(of(1, sr, a + ",model='{models}/hugeweights'", "conv_first.weight", "1.0E30", "damaged"));
		c.add(of(1, sr, a + ",model='{big}/bigmodel'", "model.safetensors", "3.0 GB"));
		c.add(of(1, im, "weights_file='{big}/bigmodel/model.safetensors',output_model='{out}/m'", "model.safetensors",
			"3.0 GB"));
		c.add(of(1, cf, "input_dir='{root}/linkgt',output_dir='{out}',crop_size=16,crops=1,steps=2", "dangling.png",
			"link to nothing"));
		c.add(of(1, cf, "input_dir='{root}/loopgt',output_dir='{out}',crop_size=16,crops=1,steps=2", "loop1.png",
			"loop"));
		c.add(of(1, cf, "input_dir='{root}/hugegt',output_dir='{out}',crop_size=16,crops=1,steps=2", "huge.png",
			"Java heap"));
		c.add(of(1, ct, "filter_sets='filter-sets-msrresnet-x2',input_dir='{root}/hugegt',output_dir='{out}',steps=2," +
			"crop_size=16,crops=1", "huge.png", "Java heap"));
		// -- third round (#29): output folders --
		c.add(of(1, syn, "input_file='{in}/a.png',output_dir='/'", "output_dir '/'", "root folder"));
		c.add(of(1, sr, "input_file='{in}/a.png',output_dir='/'", "output_dir '/'", "root folder"));
		c.add(of(1, im, "weights_file='{root}/linkpkg/model.safetensors',output_model='{root}/linkpkg'", "output_model",
			"a folder holding the input weights_file"));
		return c.stream();
	}

	private static Arguments of(final int status, final String label, final String line, final String... mention) {
		return Arguments.of(status, label, line, mention);
	}

	@ParameterizedTest(name = "[{index}] {1}: {2}")
	@MethodSource("cases")
	void refused(final int status, final String label, final String line, final String[] mention) throws Exception {
		final String l = line.replace("{in}", root.resolve("in").toString()).replace("{out}", root.resolve("out")
			.toString()).replace("{gt}", root.resolve("gt").toString()).replace("{empty}", root.resolve("empty")
				.toString()).replace("{root}", root.toString()).replace("{userdir}", root.resolve("userdir").toString())
			.replace("{models}", root.resolve("models").toString()).replace("{sets}", root.resolve("sets").toString())
			.replace("{big}", big.toString());
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		final int rc = FaigMain.run(context, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
			new PrintStream(err, true, StandardCharsets.UTF_8), "--run", label, l);
		final String msg = err.toString(StandardCharsets.UTF_8).trim();
		assertEquals(status, rc, msg);
		assertEquals(1, msg.lines().count(), "one line: " + msg);
		assertTrue(msg.length() < 1000, "a short line, quoting no long value whole: " + msg.length() + " characters");
		assertFalse(msg.contains("Exception:") || msg.contains("\tat "), "no raw exception: " + msg);
		for (final String m : mention) assertTrue(msg.contains(m), "'" + m + "' in: " + msg);
		assertEquals(0, root.resolve("out").toFile().list().length, "nothing written to the output folder");
		assertEquals(before, snapshot(), "inputs, bundled models and the project are unchanged");
	}

	@Test
	void launcherArguments() {
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		final PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
		final PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
		assertEquals(2, FaigMain.run(context, o, e, "--run"));
		assertEquals(2, FaigMain.run(context, o, e, "--run", "FAIG Synthesize Degradations", "a=1", "extra"));
		assertEquals(2, FaigMain.run(context, o, e, "--bogus"));
		assertEquals(3, err.toString(StandardCharsets.UTF_8).lines().count());
	}

	/**
	 * A folder run never stops at a bad file, whatever the cause: every skipped input is listed in the failed-files
	 * list with its reason (links to nothing, in a loop, to a device; an image too large for memory; a CMYK JPEG; a
	 * TIFF of pages of different sizes), the good file's outputs are written, and no temporary file stays.
	 */
	@Test
	void aFolderRunListsEveryFileItSkips() throws Exception {
		final Path work = Files.createTempDirectory("faig-folder-bad");
		try {
			final Path dir = Files.createDirectories(work.resolve("in"));
			final Path out = work.resolve("out");
			ImageFiles.save(rgb(48, 40), dir.resolve("good.png").toFile());
			Files.createSymbolicLink(dir.resolve("dangling.png"), dir.resolve("nowhere.png"));
			Files.createSymbolicLink(dir.resolve("loop1.png"), dir.resolve("loop2.png"));
			Files.createSymbolicLink(dir.resolve("loop2.png"), dir.resolve("loop1.png"));
			final boolean device = new File("/dev/zero").exists();
			if (device) Files.createSymbolicLink(dir.resolve("zero.png"), Path.of("/dev/zero"));
			Files.copy(root.resolve("in/huge.png"), dir.resolve("huge.png"));
			Files.copy(root.resolve("in/cmyk.jpg"), dir.resolve("cmyk.jpg"));
			Files.copy(root.resolve("in/pages.tif"), dir.resolve("pages.tif"));
			final ByteArrayOutputStream err = new ByteArrayOutputStream();
			final int rc = FaigMain.run(context, new PrintStream(new ByteArrayOutputStream(), true,
				StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), "--run",
				"FAIG Synthesize Degradations", "input_dir='" + dir + "',output_dir='" + out + "'");
			final String msg = err.toString(StandardCharsets.UTF_8).trim();
			assertEquals(1, rc, msg);
			assertEquals(1, msg.lines().filter(l -> l.startsWith("faig:")).count(), msg);
			final int bad = device ? 7 : 6;
			assertTrue(msg.contains(bad + " of " + (bad + 1) + " files of input_dir failed"), msg);
			final String csv = Files.readString(out.resolve("degraded_failed.csv"));
			final Map<String, String> reasons = new TreeMap<>();
			for (final String l : csv.lines().skip(1).toList()) reasons.put(l.substring(0, l.indexOf(',')), l);
			assertEquals(bad, reasons.size(), csv);
			assertTrue(reasons.get("dangling.png").contains("link to nothing"), csv);
			assertTrue(reasons.get("loop1.png").contains("loop") && reasons.get("loop2.png").contains("loop"), csv);
			if (device) assertTrue(reasons.get("zero.png").contains("not a regular file"), csv);
			assertTrue(reasons.get("huge.png").contains("Java heap"), csv);
			assertTrue(reasons.get("cmyk.jpg").contains("CMYK"), csv);
			assertTrue(reasons.get("pages.tif").contains("pages differ in size"), csv);
			assertTrue(Files.isRegularFile(out.resolve("good_degraded.tif")), csv);
			try (Stream<Path> s = Files.list(out)) {
				assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(".") && !p.getFileName()
					.toString().equals(".faig-outputs")).toList(), "no temporary file stays");
			}
		}
		finally {
			deleteTree(work);
		}
	}

	/**
	 * A network pass too large for native memory (a whole large image as one tile) is refused in one line before it
	 * runs, naming the input that sets its size; nothing is written. The machine's budget is fixed here (the Java
	 * property {@code faig.memory.native}) so the case does not depend on the test machine's memory.
	 */
	@Test
	void aPassTooLargeForNativeMemoryIsRefusedBeforeItRuns() throws Exception {
		final Path work = Files.createTempDirectory("faig-native");
		System.setProperty("faig.memory.native", Long.toString(1L << 30));
		try {
			ImageFiles.save(rgb(600, 600), work.resolve("big.png").toFile());
			final ByteArrayOutputStream err = new ByteArrayOutputStream();
			final int rc = FaigMain.run(context, new PrintStream(new ByteArrayOutputStream(), true,
				StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), "--run",
				"FAIG Blind Super-Resolution", "input_file='" + work.resolve("big.png") + "',tile_size=600,output_dir='" +
					work.resolve("out") + "'");
			final String msg = err.toString(StandardCharsets.UTF_8).trim();
			assertEquals(1, rc, msg);
			assertEquals(1, msg.lines().count(), msg);
			assertTrue(msg.contains("600x600 pixels") && msg.contains("native memory") && msg.contains("tile_size"), msg);
			assertFalse(Files.exists(work.resolve("out")) && work.resolve("out").toFile().list().length > 0);
		}
		finally {
			System.clearProperty("faig.memory.native");
			deleteTree(work);
		}
	}

	/** The demo refuses an output folder among the bundled models before it makes anything there. */
	@Test
	void theDemoRefusesTheBundledModelsFolderFirst() throws Exception {
		final Path sample = Path.of("sample-models").toAbsolutePath();
		final Map<String, String> was = snapshot();
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertEquals(1, io.github.faig.demo.Demo.run(new PrintStream(new ByteArrayOutputStream(), true,
			StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), sample.resolve("out")
				.toString()));
		final String msg = err.toString(StandardCharsets.UTF_8).trim();
		assertEquals(1, msg.lines().count(), msg);
		assertTrue(msg.contains("sample-models") && msg.contains("never change"), msg);
		assertFalse(Files.exists(sample.resolve("out")));
		assertEquals(was, snapshot());
	}

	@Test
	void namesFromDataNeverLeaveTheOutputFolder() throws Exception {
		final Path work = Files.createTempDirectory("faig-escape");
		try {
			final Path deep = Files.createDirectories(work.resolve("a/b/c"));
			final Path out = Files.createDirectories(deep.resolve("out"));
			final Path pkg = Files.createDirectories(work.resolve("escape-model"));
			final Path sample = Path.of("sample-models/msrresnet-x2-target");
			Files.copy(sample.resolve("model.safetensors"), pkg.resolve("model.safetensors"));
			Files.writeString(pkg.resolve("model.json"), Files.readString(sample.resolve("model.json")).replace(
				"\"name\": \"msrresnet-x2-target\"", "\"name\": \"x/../../../sr_escape\""));
			ImageFiles.save(rgb(40, 40), deep.resolve("in.png").toFile());
			final ByteArrayOutputStream err = new ByteArrayOutputStream();
			assertEquals(0, FaigMain.run(context, new PrintStream(new ByteArrayOutputStream(), true,
				StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), "--run",
				"FAIG Blind Super-Resolution", "input_file='" + deep.resolve("in.png") + "',model='" + pkg +
					"',output_dir='" + out + "'"), err.toString(StandardCharsets.UTF_8));
			try (Stream<Path> s = Files.walk(work)) {
				final List<Path> written = s.filter(p -> p.getFileName().toString().contains("sr_escape")).toList();
				assertEquals(2, written.size(), written.toString());
				for (final Path p : written) assertEquals(out, p.getParent(), "inside output_dir: " + p);
			}
		}
		finally {
			deleteTree(work);
		}
	}

	/** Runs {@code label} with {@code line} as ./faig does: the status, and stderr trimmed. */
	private static Object[] faig(final String label, final String line) {
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		final int rc = FaigMain.run(context, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
			new PrintStream(err, true, StandardCharsets.UTF_8), "--run", label, line);
		return new Object[] { rc, err.toString(StandardCharsets.UTF_8).trim() };
	}

	/** One line naming what is given, status 1, no exception. */
	private static void refusedWith(final Object[] r, final String... mention) {
		final String msg = (String) r[1];
		assertEquals(1, r[0], msg);
		assertEquals(1, msg.lines().count(), "one line: " + msg);
		assertFalse(msg.contains("Exception:") || msg.contains("\tat ") || msg.contains(".part-faig-"), msg);
		for (final String m : mention) assertTrue(msg.contains(m), "'" + m + "' in: " + msg);
	}

	private static List<String> list(final Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	/**
	 * A user's file, a link or a folder under an output's name in output_dir is never replaced (#29): the run is
	 * refused in one line naming it, and nothing in the folder changes; a rerun into its own outputs replaces them.
	 */
	@Test
	void outputsNeverReplaceAUsersFiles() throws Exception {
		final Path work = Files.createTempDirectory("faig-own");
		try {
			final String syn = "FAIG Synthesize Degradations";
			final Path out = Files.createDirectories(work.resolve("out"));
			final String line = "input_file='" + root.resolve("in/a.png") + "',output_dir='" + out + "'";
			Files.writeString(out.resolve("a_parameters.csv"), "notes");
			Files.copy(root.resolve("in/tiny.png"), out.resolve("a_clean.png"));
			refusedWith(faig(syn, line), "output_dir " + out, "a_", "no FAIG run wrote there");
			assertEquals("notes", Files.readString(out.resolve("a_parameters.csv")));
			assertEquals(List.of("a_clean.png", "a_parameters.csv"), list(out));
			// links: replaced, they would no longer point where their owner put them
			final Path other = Files.createDirectories(work.resolve("other"));
			Files.delete(out.resolve("a_parameters.csv"));
			Files.delete(out.resolve("a_clean.png"));
			Files.createSymbolicLink(out.resolve("a_parameters.csv"), work.resolve("theirs.csv"));
			Files.writeString(work.resolve("theirs.csv"), "theirs");
			refusedWith(faig(syn, line), "a link named a_parameters.csv");
			assertTrue(Files.isSymbolicLink(out.resolve("a_parameters.csv")));
			assertEquals("theirs", Files.readString(work.resolve("theirs.csv")));
			// a run into an empty folder, then a rerun into its own outputs: both succeed
			final String again = line.replace(out.toString(), other.toString());
			assertEquals(0, faig(syn, again)[0]);
			final Object[] rerun = faig(syn, again.replace("output_dir", "seed=7,output_dir"));
			assertEquals(0, rerun[0], (String) rerun[1]);
			// once a user edits an output, it is theirs
			Files.writeString(other.resolve("a_parameters.csv"), "edited");
			refusedWith(faig(syn, again), "a_parameters.csv", "changed since");
			assertEquals("edited", Files.readString(other.resolve("a_parameters.csv")));
		}
		finally {
			deleteTree(work);
		}
	}

	/**
	 * A second run into an output_dir another run is writing is refused in one line (#29: two folder runs at once
	 * mixed their files); the lock file a killed run leaves blocks nothing, only the operating system's lock counts.
	 */
	@Test
	void oneRunAtATimeWritesIntoAnOutputFolder() throws Exception {
		final Path work = Files.createTempDirectory("faig-lock");
		try {
			final Path in = Files.createDirectories(work.resolve("in"));
			Files.copy(root.resolve("in/a.png"), in.resolve("a.png"));
			final Path out = Files.createDirectories(work.resolve("out"));
			final String line = "input_dir='" + in + "',output_dir='" + out + "'";
			try (io.github.faig.io.AtomicOutputs other = new io.github.faig.io.AtomicOutputs(out.toFile())) {
				refusedWith(faig("FAIG Synthesize Degradations", line), "output_dir", out.toString(),
					"being written by another run");
				refusedWith(faig("FAIG Blind Super-Resolution", "input_file='" + in.resolve("a.png") + "',output_dir='" +
					out + "'"), "being written by another run");
			}
			assertEquals(List.of(), list(out));
			Files.writeString(out.resolve(".faig-lock"), "left by a killed run");
			final Object[] r = faig("FAIG Synthesize Degradations", line);
			assertEquals(0, r[0], (String) r[1]);
			assertFalse(Files.exists(out.resolve(".faig-lock")));
		}
		finally {
			deleteTree(work);
		}
	}

	/**
	 * A full disk (a tmpfs of 300 kB, where this test may mount one: as root on Linux) is one line naming output_dir,
	 * the output's final name and the reason, and leaves no temporary file. Without a mount the unit test of
	 * AtomicOutputs covers the message with a stand-in writer.
	 */
	@Test
	void aFullDiskNamesTheOutputAndWhy() throws Exception {
		final Path work = Files.createTempDirectory("faig-full");
		final Path full = Files.createDirectories(work.resolve("full"));
		boolean mounted = false;
		try {
			mounted = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", full.toString())
				.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
			org.junit.jupiter.api.Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here (not root)");
			final Path img = work.resolve("big.png");
			ImageFiles.save(rgb(400, 300), img.toFile());
			// all but a few kB taken, whatever size the outputs compress to
			final long free = Files.getFileStore(full).getUsableSpace();
			Files.write(full.resolve("filler"), new byte[(int) Math.max(0, free - 8192)]);
			for (final String label : new String[] { "FAIG Synthesize Degradations", "FAIG Blind Super-Resolution" }) {
				final Path out = full.resolve(label.replace(' ', '_'));
				refusedWith(faig(label, "input_file='" + img + "',output_dir='" + out + "'"), "output_dir " + out,
					"no space left on device", "while writing big_");
				assertEquals(List.of(), list(out));
			}
			final Object[] t = faig("FAIG Train Model", "input_dir='" + root.resolve("gt") + "',num_feat=4,num_block=1," +
				"iterations=2,batch_size=1,patch_size=8,output_model='" + full.resolve("m") + "'");
			refusedWith(t, "output_model", "no space left on device", "while writing");
			try (Stream<Path> s = Files.list(full)) {
				assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(".part-faig-")).toList());
			}
			assertFalse(Files.exists(full.resolve("m")));
		}
		finally {
			if (mounted) new ProcessBuilder("umount", full.toString()).start().waitFor();
			deleteTree(work);
		}
	}

	@Test
	void importReplacesOnlyAPackageItWrote() throws Exception {
		final Path work = Files.createTempDirectory("faig-import");
		try {
			final Path w = work.resolve("w.safetensors");
			Files.copy(Fixtures.file("msrresnet_x2_weights.safetensors").toPath(), w);
			final Path pkg = work.resolve("pkg");
			final PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
			final ByteArrayOutputStream err = new ByteArrayOutputStream();
			final PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
			final String line = "weights_file='" + w + "',output_model='" + pkg + "',role='target'";
			assertEquals(0, FaigMain.run(context, o, e, "--run", "FAIG Import Model", line), err.toString());
			assertTrue(Files.readString(pkg.resolve("model.json")).contains("\"written_by\": \"FAIG Import Model\""));
			// its own earlier output is replaced (role changes), through a temporary sibling that does not stay
			assertEquals(0, FaigMain.run(context, o, e, "--run", "FAIG Import Model", line.replace("target", "baseline")),
				err.toString());
			assertTrue(Files.readString(pkg.resolve("model.json")).contains("\"role\": \"baseline\""));
			assertEquals(List.of("pkg", "w.safetensors"), Stream.of(work.toFile().list()).sorted().toList());
			// once a user's file sits in it, it is no longer only a package: refused, nothing changed
			Files.writeString(pkg.resolve("notes.txt"), "mine");
			assertEquals(1, FaigMain.run(context, o, e, "--run", "FAIG Import Model", line));
			assertEquals("mine", Files.readString(pkg.resolve("notes.txt")));
		}
		finally {
			deleteTree(work);
		}
	}

	/**
	 * SHA-256 of every file under the fixture folder (but the output folder), the bundled models and the project's
	 * top level (the current folder of the run, which an empty {@code output_model} once emptied).
	 */
	private static Map<String, String> snapshot() throws Exception {
		final Map<String, String> out = new TreeMap<>();
		final MessageDigest md = MessageDigest.getInstance("SHA-256");
		for (final Path base : new Path[] { root, Path.of("sample-models").toAbsolutePath() }) {
			try (Stream<Path> s = Files.walk(base)) {
				for (final Path p : (Iterable<Path>) s::iterator) {
					if (p.startsWith(root.resolve("out"))) continue;
					out.put(p.toString(), Files.isRegularFile(p) ? HexFormat.of().formatHex(md.digest(Files.readAllBytes(p)))
						: "dir");
				}
			}
		}
		for (final File f : new File(".").getAbsoluteFile().listFiles()) out.put(f.getName(), "entry");
		// what a name from data (mf_escape, sr_escape) would write beside the fixture folder; not the faig-escape…
		// folders that test runs of other checkouts make in the same temporary folder meanwhile
		for (final File f : root.getParent().toFile().listFiles((d, n) -> n.contains("_escape"))) out.put(f.getName(), "?");
		return out;
	}

	private static ImagePlus rgb(final int w, final int h) {
		final ColorProcessor cp = new ColorProcessor(w, h);
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) cp.set(x, y, (x * 5 << 16) | (y * 5 << 8) | (x + y) * 3);
		return new ImagePlus("rgb", cp);
	}

	private static byte[] safetensors(final String header, final int dataBytes) {
		final byte[] h = header.getBytes(StandardCharsets.UTF_8);
		final ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
		b.putLong(h.length).put(h);
		return b.array();
	}
}
