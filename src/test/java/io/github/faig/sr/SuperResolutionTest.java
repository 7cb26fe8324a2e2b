package io.github.faig.sr;

import io.github.faig.SciJavaTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import io.github.faig.command.BlindSuperResolutionCommand;
import io.github.faig.command.FaigCommand;
import io.github.faig.workflow.Monitor;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.image.FloatImage;
import io.github.faig.image.ImageMetrics;
import io.github.faig.nn.Fixtures;
import io.github.faig.nn.io.CheckpointConverter;
import io.github.faig.nn.io.ModelPackage;

/** Tiled inference and the Blind Super-Resolution command, with the tiny fixture networks. */
class SuperResolutionTest extends SciJavaTest {

	static ModelPackage tiny(final String net) throws Exception {
		return CheckpointConverter.importModel(Fixtures.file(net + "_weights.safetensors"), null, null, net, "target",
			"CC0-1.0");
	}

	static FloatImage random(final int c, final int h, final int w, final long seed) {
		final Random r = new Random(seed);
		final FloatImage img = new FloatImage(c, h, w);
		for (int i = 0; i < img.data().length; i++) img.data()[i] = r.nextFloat();
		return img;
	}

	@Test
	void tiledEqualsUntiled() throws Exception {
		for (final String net : new String[] { "msrresnet_x2", "msrresnet_x3", "srcnn_x2" }) {
			try (SrModel m = SrModel.load(tiny(net))) {
				final FloatImage lr = random(3, 45, 61, 1);
				final FloatImage whole = m.superResolve(lr, Integer.MAX_VALUE, 0, Monitor.NONE);
				// An image that fits in one tile.
				assertEquals(0.0, ImageMetrics.maxAbsDiff(whole, m.superResolve(lr, 256, -1, Monitor.NONE)), 1e-5);
				// Many tiles with the exact overlap: the same, to float rounding.
				final int[] calls = { 0 };
				final FloatImage tiled = m.superResolve(lr, 16, -1, Monitor.of((message, d, t) -> calls[0] = (int) t,
					() -> false));
				assertTrue(ImageMetrics.maxAbsDiff(whole, tiled) <= 1e-5, net + ": " + ImageMetrics.maxAbsDiff(whole,
					tiled));
				assertEquals(3 * 4, calls[0]);
				// Too little overlap shows at the seams (so the test can fail).
				assertTrue(ImageMetrics.maxAbsDiff(whole, m.superResolve(lr, 16, 0, Monitor.NONE)) > 1e-3);
			}
		}
	}

	@Test
	void greyImagesGoThroughAsThreeEqualChannels() throws Exception {
		try (SrModel m = SrModel.load(tiny("msrresnet_x2"))) {
			final FloatImage g = random(1, 20, 24, 2);
			final FloatImage rgb = new FloatImage(3, 20, 24);
			for (int c = 0; c < 3; c++) System.arraycopy(g.data(), 0, rgb.data(), c * 480, 480);
			final FloatImage outRgb = m.superResolve(rgb, 256, -1, Monitor.NONE);
			final FloatImage outG = m.superResolve(g, 256, -1, Monitor.NONE);
			assertEquals(1, outG.channels());
			final int n = 40 * 48;
			for (int i = 0; i < n; i += 97) {
				assertEquals((outRgb.data()[i] + outRgb.data()[n + i] + outRgb.data()[2 * n + i]) / 3, outG.data()[i], 1e-6);
			}
		}
	}

	/** The workflow: tiles report through the monitor, a set counts the tiles of all its images, RAIs go through. */
	@Test
	void workflowReportsEveryTile() throws Exception {
		final FloatImage lr = random(3, 45, 61, 1);
		final java.util.List<String> seen = new java.util.ArrayList<>();
		final Monitor m = Monitor.of((message, done, total) -> seen.add(message + " " + done + "/" + total), () -> false);
		try (SuperResolve sr = new SuperResolve(tiny("msrresnet_x2"), new SuperResolve.Options(16, -1));
			SrModel whole = SrModel.load(tiny("msrresnet_x2")))
		{
			final FloatImage untiled = whole.superResolve(lr, Integer.MAX_VALUE, 0, Monitor.NONE);
			final FloatImage out = sr.apply(lr, m);
			assertTrue(ImageMetrics.maxAbsDiff(untiled, out) <= 1e-5);
			assertEquals(12, seen.size());
			assertEquals("Super-resolving tile 12/12 12/12", seen.get(11));
			seen.clear();
			final SuperResolve.Result r = sr.run(java.util.List.of(lr, lr), m);
			assertEquals(24, seen.size());
			assertEquals("Super-resolving slice 2/2, tile 1/12 13/24", seen.get(12));
			assertEquals(0.0, ImageMetrics.maxAbsDiff(out, r.images().get(1)), 0.0);
			assertEquals(2, r.scale());
			// the same through ImgLib2, X, Y, C order
			final FloatImage viaImg = io.github.faig.image.Imgs.toFloatImage(sr.apply(io.github.faig.image.Imgs.wrap(lr),
				Monitor.NONE));
			assertEquals(0.0, ImageMetrics.maxAbsDiff(out, viaImg), 0.0);
			assertThrows(java.util.concurrent.CancellationException.class, () -> sr.apply(lr, Monitor.of((message, done,
				total) -> {}, () -> true)));
		}
		assertThrows(IllegalArgumentException.class, () -> new SuperResolve.Options(8, -1));
		assertThrows(IllegalArgumentException.class, () -> new SuperResolve.Options(64, -2));
	}

	/** A script without ImageJ 1 passes an ImgLib2 image (X, Y, C; 8-bit with 3 channels is RGB): the same output. */
	@Test
	void commandTakesAnImgLib2Image(@TempDir final Path dir) throws Exception {
		final File pkg = dir.resolve("tiny").toFile();
		tiny("msrresnet_x2").write(pkg);
		final ColorProcessor cp = new ColorProcessor(30, 22);
		final net.imglib2.img.array.ArrayImg<net.imglib2.type.numeric.integer.UnsignedByteType, ?> img =
			net.imglib2.img.array.ArrayImgs.unsignedBytes(30, 22, 3);
		final net.imglib2.RandomAccess<net.imglib2.type.numeric.integer.UnsignedByteType> ra = img.randomAccess();
		final Random r = new Random(5);
		for (int y = 0; y < 22; y++) {
			for (int x = 0; x < 30; x++) {
				final int[] rgb = { r.nextInt(256), r.nextInt(256), r.nextInt(256) };
				cp.set(x, y, rgb[0] << 16 | rgb[1] << 8 | rgb[2]);
				for (int c = 0; c < 3; c++) {
					ra.setPosition(new long[] { x, y, c });
					ra.get().set(rgb[c]);
				}
			}
		}
		final FaigCommand viaImg = run("img", img, "model", pkg.getPath());
		assertFalse(viaImg.isCanceled(), viaImg.getCancelReason());
		final ImagePlus a = (ImagePlus) viaImg.getOutput("super_resolved");
		final ImagePlus b = (ImagePlus) run("image", new ImagePlus("rgb", cp), "model", pkg.getPath()).getOutput(
			"super_resolved");
		assertEquals(24, a.getBitDepth());
		assertEquals(60, a.getWidth());
		assertEquals(0.0, ImageMetrics.maxAbsDiff(ImagePlusBridge.toFloatImage(b.getProcessor()), ImagePlusBridge
			.toFloatImage(a.getProcessor())), 0.0);
		assertTrue(a.getTitle().startsWith("img_x2"), a.getTitle());
		assertFails("img must have dimensions", run("img", net.imglib2.img.array.ArrayImgs.floats(4, 4, 3, 2), "model",
			pkg.getPath()));
	}

	private static FaigCommand run(final Object... inputs) throws Exception {
		return run(BlindSuperResolutionCommand.class, inputs);
	}

	@Test
	void commandSuperResolvesRgbGreyAndStacks(@TempDir final Path dir) throws Exception {
		final File pkg = dir.resolve("tiny").toFile();
		tiny("msrresnet_x2").write(pkg);
		final ColorProcessor cp = new ColorProcessor(30, 22);
		cp.setColor(java.awt.Color.CYAN);
		cp.fillOval(3, 3, 15, 12);
		final ImagePlus rgb = new ImagePlus("rgb", cp);
		final Calibration cal = new Calibration();
		cal.pixelWidth = 0.4;
		cal.pixelHeight = 0.4;
		rgb.setCalibration(cal);
		FaigCommand m = run("image", rgb, "model", pkg.getPath(), "output_dir", dir.toFile());
		assertFalse(m.isCanceled(), m.getCancelReason());
		ImagePlus out = (ImagePlus) m.getOutput("super_resolved");
		assertEquals(60, out.getWidth());
		assertEquals(44, out.getHeight());
		assertEquals(24, out.getBitDepth());
		assertEquals(0.2, out.getCalibration().pixelWidth, 1e-12);
		assertTrue(new File(dir.toFile(), "rgb_x2_msrresnet_x2.tif").isFile());
		assertTrue(new File(dir.toFile(), "rgb_x2_msrresnet_x2.png").isFile());
		// The command's output is the network's, rounded to 8 bits.
		try (SrModel sr = SrModel.load(tiny("msrresnet_x2"))) {
			final FloatImage expect = sr.superResolve(ImagePlusBridge.toFloatImage(cp), 256, -1, Monitor.NONE);
			assertEquals(0.0, ImageMetrics.maxAbsDiff(io.github.faig.degrade.Quantization.to8Bit(expect),
				ImagePlusBridge.toFloatImage(out.getProcessor())), 0.0);
		}
		final ImageStack st = new ImageStack(25, 25);
		st.addSlice("a", new ByteProcessor(25, 25));
		st.addSlice("b", new ByteProcessor(25, 25));
		m = run("image", new ImagePlus("grey", st), "model", pkg.getPath(), "float_output", true);
		assertFalse(m.isCanceled(), m.getCancelReason());
		out = (ImagePlus) m.getOutput("super_resolved");
		assertEquals(2, out.getStackSize());
		assertEquals(32, out.getBitDepth());
		assertEquals(50, out.getWidth());
	}

	@Test
	void badInputGivesClearMessages(@TempDir final Path dir) throws Exception {
		final File pkg = dir.resolve("tiny").toFile();
		tiny("msrresnet_x2").write(pkg);
		final ImagePlus imp = new ImagePlus("i", new ColorProcessor(30, 30));
		assertFails("model 'nope'", run("image", imp, "model", "nope"));
		final File corrupt = dir.resolve("corrupt").toFile();
		tiny("msrresnet_x2").write(corrupt);
		Files.write(corrupt.toPath().resolve("model.safetensors"), new byte[] { 9, 9, 9 });
		assertFails("truncated", run("image", imp, "model", corrupt.getPath()));
		final Path json = pkg.toPath().resolve("model.json");
		final String good = Files.readString(json);
		Files.writeString(json, good.replace("\"num_block\": 2", "\"num_block\": 1"));
		assertFails("disagrees with the weights", run("image", imp, "model", pkg.getPath()));
		Files.writeString(json, good);
		assertFails("smaller than the receptive field", run("image", new ImagePlus("s", new ColorProcessor(5, 40)),
			"model", pkg.getPath()));
		assertFails("bit depth", run("image", new ImagePlus(), "model", pkg.getPath()));
		assertFails("tile_size", run("image", imp, "model", pkg.getPath(), "tile_size", 3));
		assertFails("input_file", run("input_file", dir.resolve("none.png").toFile(), "model", pkg.getPath()));
		assertEquals(2, dir.toFile().list().length, "no output files: " + String.join(",", dir.toFile().list()));
	}

	private static void assertFails(final String word, final FaigCommand m) {
		assertTrue(m.isCanceled(), "expected failure: " + word);
		assertTrue(m.getCancelReason().contains(word), m.getCancelReason());
	}

	@Test
	void unsupportedImageIsRejected() {
		assertThrows(IllegalArgumentException.class, () -> ImagePlusBridge.toFloatImages(new ImagePlus()));
	}
}
