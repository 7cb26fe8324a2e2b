package io.github.faig.command;

import io.github.faig.SciJavaTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.Calibration;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.degrade.Degrader;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.image.FloatImage;

/** The command through a SciJava context with explicit inputs, as Fiji and macros run it. */
class SynthesizeDegradationsCommandTest extends SciJavaTest {

	static ImagePlus photo(final int w, final int h) {
		final Random r = new Random(9);
		final ColorProcessor cp = new ColorProcessor(w, h);
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				final int v = (int) (127 + 100 * Math.sin(x / 3.0) * Math.cos(y / 5.0)) + r.nextInt(20);
				cp.set(x, y, (v << 16) | ((255 - v) << 8) | (x * 4 & 0xff));
			}
		}
		final ImagePlus imp = new ImagePlus("photo.png", cp);
		final Calibration cal = new Calibration();
		cal.pixelWidth = 0.5;
		cal.pixelHeight = 0.5;
		cal.setUnit("um");
		imp.setCalibration(cal);
		return imp;
	}

	private static FaigCommand run(final Object... inputs) throws Exception {
		return run(SynthesizeDegradationsCommand.class, inputs);
	}

	@Test
	void makesTheFourVariantsWithTheirParameters() throws Exception {
		final ImagePlus imp = photo(64, 50);
		final FaigCommand m = run("image", imp, "blur_sigma", 1.5, "noise_sigma", 0.05, "seed", 3L);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ImagePlus out = (ImagePlus) m.getOutput("degraded");
		assertEquals(4, out.getStackSize());
		assertEquals(32, out.getWidth());
		assertEquals(25, out.getHeight());
		assertEquals(1.0, out.getCalibration().pixelWidth, 1e-12);
		assertEquals(imp.getCalibration().getUnit(), out.getCalibration().getUnit());
		assertEquals("photo blur+noise", out.getStack().getSliceLabel(4));
		final ResultsTable t = (ResultsTable) m.getOutput("parameters");
		assertEquals(4, t.size());
		assertEquals("blur", t.getStringValue("variant", 1));
		assertEquals(1.5, t.getValue("blur_sigma", 1));
		assertEquals(0.0, t.getValue("blur_sigma", 2));
		assertEquals(0.05, t.getValue("noise_sigma", 3));
		// Each slice is remade exactly from its row.
		final FloatImage hr = ImagePlusBridge.toFloatImages(imp).get(0);
		final long noiseSeed = Long.parseLong(t.getStringValue("noise_seed", 3));
		final FloatImage again = new Degrader(new DegradationParams(1.5, 21, 2, 0.05)).degrade(hr,
			Degradation.BLUR_NOISE, noiseSeed);
		final FloatImage slice4 = ImagePlusBridge.toFloatImage(out.getStack().getProcessor(4));
		assertEquals(0.0, io.github.faig.image.ImageMetrics.maxAbsDiff(again, slice4), 0.0);
	}

	@Test
	void variantsCanBeChosen(@TempDir final Path dir) throws Exception {
		final FaigCommand m = run("image", photo(40, 40), "with_clean", false, "with_noise", false,
			"with_blur_noise", false, "output_dir", dir.toFile());
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertEquals(1, ((ImagePlus) m.getOutput("degraded")).getStackSize());
		assertTrue(new File(dir.toFile(), "photo_blur.png").isFile());
		assertTrue(new File(dir.toFile(), "photo_degraded.tif").isFile());
		assertTrue(new File(dir.toFile(), "photo_parameters.csv").isFile());
		// and FAIG's record of what it wrote there
		assertEquals(java.util.Set.of("photo_blur.png", "photo_degraded.tif", "photo_parameters.csv", ".faig-outputs"),
			java.util.Set.of(dir.toFile().list()));
	}

	@Test
	void readsAndWritesFilesHeadless(@TempDir final Path dir) throws Exception {
		final File in = dir.resolve("in.png").toFile();
		io.github.faig.ij.ImageFiles.save(photo(30, 24), in);
		final File outDir = dir.resolve("out").toFile();
		assertTrue(outDir.mkdir());
		final FaigCommand m = run("input_file", in, "output_dir", outDir, "noise_sigma", 0.0);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ImagePlus tif = IJ.openImage(new File(outDir, "in_degraded.tif").getPath());
		assertEquals(4, tif.getStackSize());
		assertEquals(15, tif.getWidth());
		final String csv = java.nio.file.Files.readString(new File(outDir, "in_parameters.csv").toPath());
		assertTrue(csv.startsWith("slice,source_slice,label,variant,blur_sigma,kernel_size,scale,noise_sigma"), csv);
		assertEquals(5, csv.trim().split("\n").length);
	}

	@Test
	void stacksAreDegradedSliceBySlice() throws Exception {
		final ImagePlus a = photo(20, 20);
		final ij.ImageStack st = new ij.ImageStack(20, 20);
		st.addSlice("one", a.getProcessor());
		final ij.process.ImageProcessor two = a.getProcessor().duplicate();
		two.flipHorizontal();
		st.addSlice("two", two);
		final FaigCommand m = run("image", new ImagePlus("st", st), "with_noise", false, "with_blur_noise", false);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ResultsTable t = (ResultsTable) m.getOutput("parameters");
		assertEquals(4, t.size());
		assertEquals(2, (int) t.getValue("source_slice", 3));
		// the source's slice labels name the outputs (variants follow one another as frames)
		final ImagePlus out = (ImagePlus) m.getOutput("degraded");
		assertEquals("one clean", out.getStack().getSliceLabel(1));
		assertEquals("two blur", out.getStack().getSliceLabel(4));
		assertEquals("two blur", t.getStringValue("label", 3));
		// unlabelled slices are named after the image and the slice
		final ij.ImageStack plain = new ij.ImageStack(20, 20);
		plain.addSlice(null, a.getProcessor());
		plain.addSlice(null, two);
		final ImagePlus out2 = (ImagePlus) run("image", new ImagePlus("st.tif", plain), "with_noise", false,
			"with_blur_noise", false).getOutput("degraded");
		assertEquals("st:2 blur", out2.getStack().getSliceLabel(4));
	}

	/** A script without ImageJ 1 passes an ImgLib2 image (X, Y, C): the same variants as from the ImagePlus. */
	@Test
	void takesAnImgLib2Image() throws Exception {
		final ImagePlus imp = photo(24, 18);
		final net.imglib2.img.array.ArrayImg<net.imglib2.type.numeric.integer.UnsignedByteType, ?> img =
			net.imglib2.img.array.ArrayImgs.unsignedBytes(24, 18, 3);
		final net.imglib2.RandomAccess<net.imglib2.type.numeric.integer.UnsignedByteType> ra = img.randomAccess();
		for (int y = 0; y < 18; y++) {
			for (int x = 0; x < 24; x++) {
				final int rgb = imp.getProcessor().get(x, y);
				for (int c = 0; c < 3; c++) {
					ra.setPosition(new long[] { x, y, c });
					ra.get().set(rgb >> 16 - 8 * c & 0xff);
				}
			}
		}
		final FaigCommand m = run("img", img, "seed", 4L);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ImagePlus a = (ImagePlus) m.getOutput("degraded");
		final ImagePlus b = (ImagePlus) run("image", imp, "seed", 4L).getOutput("degraded");
		assertEquals(4, a.getStackSize());
		assertEquals(24, a.getBitDepth());
		for (int s = 1; s <= 4; s++) {
			assertEquals(0.0, io.github.faig.image.ImageMetrics.maxAbsDiff(ImagePlusBridge.toFloatImage(b.getStack()
				.getProcessor(s)), ImagePlusBridge.toFloatImage(a.getStack().getProcessor(s))), 0.0);
		}
		assertEquals("img noise", a.getStack().getSliceLabel(3));
		// 16-bit grey stays 16-bit
		final FaigCommand g = run("img", net.imglib2.img.array.ArrayImgs.unsignedShorts(new short[16 * 12], 16, 12),
			"with_noise", false, "with_blur_noise", false);
		assertFalse(g.isCanceled(), g.getCancelReason());
		assertEquals(16, ((ImagePlus) g.getOutput("degraded")).getBitDepth());
	}

	@Test
	void badInputEndsWithAClearMessageAndNoFiles(@TempDir final Path dir) throws Exception {
		final ImagePlus imp = photo(20, 20);
		final File out = dir.toFile();
		assertFailsWith("blur_sigma", run("image", imp, "blur_sigma", -1.0, "output_dir", out));
		assertFailsWith("kernel_size", run("image", imp, "kernel_size", 20, "output_dir", out));
		assertFailsWith("kernel_size", run("image", imp, "kernel_size", 1, "output_dir", out));
		assertFailsWith("scale", run("image", imp, "scale", 0, "output_dir", out));
		assertFailsWith("noise_sigma", run("image", imp, "noise_sigma", -0.5, "output_dir", out));
		assertFailsWith("smaller than scale", run("image", photo(1, 1), "output_dir", out));
		assertFailsWith("input_file", run("input_file", new File(out, "missing.png"), "output_dir", out));
		final File notImage = new File(out, "notes.txt");
		java.nio.file.Files.writeString(notImage.toPath(), "not an image");
		assertFailsWith("input_file", run("input_file", notImage, "output_dir", out));
		// a missing output_dir is created when its parent exists; a missing parent is refused
		assertFailsWith("output_dir", run("image", imp, "output_dir", new File(out, "nope/deeper")));
		assertFailsWith("no image", run());
		assertFailsWith("with_clean", run("image", imp, "with_clean", false, "with_blur", false, "with_noise", false,
			"with_blur_noise", false, "output_dir", out));
		assertEquals(1, out.list().length, "only notes.txt may be there: " + String.join(",", out.list()));
	}

	private static void assertFailsWith(final String word, final FaigCommand m) {
		assertTrue(m.isCanceled(), "expected a failure naming " + word);
		assertTrue(m.getCancelReason().contains(word), m.getCancelReason());
	}
}
