package io.github.faig.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;
import io.github.faig.SciJavaTest;
import io.github.faig.degrade.Degradation;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.image.FloatImage;
import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/** Predict Degradation on a folder with a bad file, and the labelled map of a multichannel image (issue #19). */
class PredictionCommandsTest extends SciJavaTest {

	private static boolean shippedSets() {
		return new File("sample-models/filter-sets-msrresnet-x2/filter_sets.json").isFile();
	}

	/** A bad file of the folder is named with its reason; the others are predicted; the run ends as failed. */
	@Test
	void aBadFileDoesNotStopTheFolder(@TempDir final Path dir) throws Exception {
		assumeTrue(shippedSets(), "sample sets absent");
		final File in = dir.resolve("in").toFile();
		final File out = dir.resolve("out").toFile();
		assertTrue(in.mkdir() && out.mkdir());
		final FloatImage photo = ImagePlusBridge.toFloatImages(ImageFiles.open(new File("src/demo/images/fruits.png"),
			"photo")).get(0).asRgb();
		ImageFiles.save(ImagePlusBridge.toImagePlus("a", List.of(photo.crop(0, 0, 32, 32)), null,
			ImagePlusBridge.OutputType.BYTE, null), new File(in, "a.png"));
		Files.writeString(new File(in, "b.png").toPath(), "not an image");
		ImageFiles.save(ImagePlusBridge.toImagePlus("c", List.of(photo.crop(40, 40, 32, 32)), null,
			ImagePlusBridge.OutputType.BYTE, null), new File(in, "c.png"));
		final FaigCommand m = run(PredictDegradationCommand.class, "input_dir", in, "output_dir", out);
		assertTrue(m.isCanceled(), "a failed file makes the run fail");
		assertTrue(m.getCancelReason().contains("1 of 3 files") && m.getCancelReason().contains("b.png"), m
			.getCancelReason());
		final ResultsTable p = (ResultsTable) m.getOutput("predictions");
		assertEquals(2, p.size());
		assertEquals("a.png", p.getStringValue("image", 0));
		assertEquals("c.png", p.getStringValue("image", 1));
		assertEquals(3, Files.readAllLines(new File(out, "predictions.csv").toPath()).size(), "a header and 2 rows");
		final List<String> failed = Files.readAllLines(new File(out, PredictDegradationCommand.FAILED_CSV).toPath());
		assertEquals(2, failed.size());
		assertTrue(failed.get(1).contains("b.png") && failed.get(1).contains("could not be read"), failed.get(1));
	}

	/**
	 * A macro reads the predictions from ImageJ's Results table (nResults, getResult), also headless; the table output
	 * is shown by the plugin's postprocessor, so SciJava's display step does not report it as unsupported. A failed
	 * folder run (the module is cancelled, SciJava skips postprocessing) still shows what it predicted.
	 */
	@Test
	void thePredictionsAreTheResultsTable(@TempDir final Path dir) throws Exception {
		assumeTrue(shippedSets(), "sample sets absent");
		final FloatImage photo = ImagePlusBridge.toFloatImages(ImageFiles.open(new File("src/demo/images/fruits.png"),
			"photo")).get(0).asRgb();
		final File f = new File(dir.toFile(), "a.png");
		ImageFiles.save(ImagePlusBridge.toImagePlus("a", List.of(photo.crop(0, 0, 40, 40)), null,
			ImagePlusBridge.OutputType.BYTE, null), f);
		ij.plugin.filter.Analyzer.setResultsTable(new ResultsTable());
		final CommandModule m = context.service(CommandService.class).run(PredictDegradationCommand.class, true,
			"input_file", f).get();
		assertTrue(!m.isCanceled(), m.getCancelReason());
		assertTrue(m.isOutputResolved("predictions"), "shown by TablesPostprocessor");
		final ResultsTable results = ResultsTable.getResultsTable();
		assertEquals(1, results.size());
		assertEquals("a.png", results.getStringValue("image", 0));
		final ResultsTable p = (ResultsTable) m.getOutput("predictions");
		assertEquals(p.getValue("os_noise", 0), results.getValue("os_noise", 0));

		// a folder with a bad file: the run fails, and the rows of the good files are in the Results table
		final File in = dir.resolve("in").toFile();
		assertTrue(in.mkdir());
		Files.copy(f.toPath(), new File(in, "a.png").toPath());
		Files.writeString(new File(in, "b.png").toPath(), "not an image");
		ij.plugin.filter.Analyzer.setResultsTable(new ResultsTable());
		final FaigCommand folder = run(PredictDegradationCommand.class, "input_dir", in);
		assertTrue(folder.isCanceled());
		assertEquals(1, ResultsTable.getResultsTable().size());
	}

	/** The labelled image of a two-channel composite (red and green channels) shows the class colours on both. */
	@Test
	void theMapOfAMultichannelImageCarriesTheClassLut() throws Exception {
		assumeTrue(shippedSets(), "sample sets absent");
		final ImagePlus photo = ImageFiles.open(new File("src/demo/images/building.png"), "photo");
		final ImageStack st = new ImageStack(32, 32);
		for (int c = 0; c < 2; c++) {
			final ImageProcessor ip = photo.getProcessor().convertToByte(false);
			ip.setRoi(40 * c, 20, 32, 32);
			st.addSlice("c" + c, ip.crop());
		}
		final ImagePlus two = new ImagePlus("two", st);
		two.setDimensions(2, 1, 1);
		final CompositeImage comp = new CompositeImage(two, CompositeImage.COMPOSITE);
		comp.setChannelLut(LUT.createLutFromColor(Color.RED), 1);
		comp.setChannelLut(LUT.createLutFromColor(Color.GREEN), 2);
		final FaigCommand m = run(DegradationMapCommand.class, "image", comp, "tile_size", 32, "all_planes", true);
		assertTrue(!m.isCanceled(), m.getCancelReason());
		final ImagePlus map = (ImagePlus) m.getOutput("degradation_map");
		assertEquals(2, map.getNChannels());
		final LUT[] luts = map.getLuts();
		assertEquals(2, luts.length);
		for (final LUT l : luts) {
			for (final Degradation d : Degradation.values()) {
				final Color c = io.github.faig.ij.DegradationMapDisplay.COLOURS[d.ordinal()];
				assertArrayEquals(new int[] { c.getRed(), c.getGreen(), c.getBlue() }, new int[] { l.getRed(d.ordinal() +
					1), l.getGreen(d.ordinal() + 1), l.getBlue(d.ordinal() + 1) }, d.label());
			}
			assertEquals(0, l.getRed(0) + l.getGreen(0) + l.getBlue(0), "unmapped is black");
		}
		assertTrue(map.getProcessor() instanceof ByteProcessor);
	}

	/** A script's ImgLib2 image (X, Y, C; 8-bit with 3 channels is RGB) is predicted and mapped as the same ImagePlus. */
	@Test
	void anImgLib2ImageIsTheSameImage() throws Exception {
		assumeTrue(shippedSets(), "sample sets absent");
		final FloatImage photo = ImagePlusBridge.toFloatImages(ImageFiles.open(new File("src/demo/images/fruits.png"),
			"photo")).get(0).asRgb().crop(0, 0, 32, 40);
		final ImagePlus imp = ImagePlusBridge.toImagePlus("photo", List.of(photo), null, ImagePlusBridge.OutputType.BYTE,
			null);
		final ArrayImg<UnsignedByteType, ?> img = ArrayImgs.unsignedBytes(40, 32, 3);
		final RandomAccess<UnsignedByteType> ra = img.randomAccess();
		final int[] rgb = (int[]) imp.getProcessor().getPixels();
		for (int y = 0; y < 32; y++) {
			for (int x = 0; x < 40; x++) {
				for (int c = 0; c < 3; c++) {
					ra.setPosition(new long[] { x, y, c });
					ra.get().set(rgb[y * 40 + x] >> 8 * (2 - c) & 0xff);
				}
			}
		}
		final FaigCommand a = run(PredictDegradationCommand.class, "image", imp);
		final FaigCommand b = run(PredictDegradationCommand.class, "img", img);
		assertTrue(!a.isCanceled() && !b.isCanceled(), a.getCancelReason() + " / " + b.getCancelReason());
		final ResultsTable ta = (ResultsTable) a.getOutput("predictions");
		final ResultsTable tb = (ResultsTable) b.getOutput("predictions");
		assertEquals(1, tb.size());
		for (final String col : ta.getHeadings()) {
			if (!col.equals("seconds") && ta.columnExists(col) && !Double.isNaN(ta.getValue(col, 0))) {
				assertEquals(ta.getValue(col, 0), tb.getValue(col, 0), 0.0, col);
			}
		}
		final FaigCommand m = run(DegradationMapCommand.class, "img", img, "tile_size", 32);
		assertTrue(!m.isCanceled(), m.getCancelReason());
		final ImagePlus map = (ImagePlus) m.getOutput("degradation_map");
		assertEquals(40, map.getWidth());
		assertEquals(32, map.getHeight());
		assertTrue(imp.getOverlay() == null, "a script's image gets no overlay on some other image");
	}
}
