package io.github.faig.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.faig.attribution.DegradationAttribution;
import io.github.faig.attribution.FaigEngine;
import io.github.faig.attribution.Quadrature;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationOptions;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.degrade.Degrader;
import io.github.faig.image.FloatImage;
import io.github.faig.nn.io.CheckpointConverter;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.representation.RepresentationSet;
import io.github.faig.sr.SrModel;
import io.github.faig.train.HrDataset;
import io.github.faig.train.TrainModel;
import io.github.faig.train.TrainModelTest;
import io.github.faig.train.TrainOptions;
import io.github.faig.workflow.Monitor;

/**
 * Single-channel networks, BasicSR's {@code num_in_ch = num_out_ch = 1} (issue #28), for every architecture: parity
 * with independent PyTorch definitions (fixtures of {@code tools/make_parity_fixtures.py}: forward, taps, EDSR's
 * gradients), import of BasicSR checkpoints, {@code model.json}, grey images through super-resolution, FAIG and
 * representations, and training on the photographs' luminance.
 */
class GreyNetworksTest {

	private static final float TOLERANCE = 1e-5f;

	@ParameterizedTest
	@ValueSource(strings = { "msrresnet_x2_grey", "srcnn_x2_grey", "edsr_x2_grey" })
	void forwardTapsAndGradientsMatchPyTorch(final String net) throws Exception {
		final StateDict w = Fixtures.weights(net);
		final StateDict io = Fixtures.io(net);
		final NetworkSpec spec = CheckpointConverter.inferSpec(w);
		assertEquals(1, spec.numInCh(), net);
		assertEquals(1, spec.numOutCh(), net);
		final Tensor x = io.get("input");
		assertEquals(1, x.shape()[1], "the fixture's input is grey");
		final Map<String, float[]> taps = new HashMap<>();
		synchronized (Engines.GRADIENT_LOCK) {
			Engines.workerThread();
			try (NDManager m = Engines.newManager()) {
				final SrNetwork model = new SrNetwork(spec).load(w, m);
				final NDArray in = m.create(x.data(), new Shape(x.shape()));
				final NDArray y = model.forward(in, (n, a) -> taps.put(n, a.toFloatArray()));
				final Tensor expected = io.get("output");
				assertArrayEquals(expected.shape(), y.getShape().getShape());
				final float err = ParityTest.maxAbsDiff(expected.data(), y.toFloatArray());
				assertTrue(err <= TOLERANCE, net + ": max |java - pytorch| = " + err);
				int checked = 0;
				for (final String n : io.names()) {
					if (!n.startsWith("tap:")) continue;
					final float[] e = io.get(n).data();
					final float d = ParityTest.maxAbsDiff(e, taps.get(n.substring(4)));
					assertTrue(d <= TOLERANCE * Math.max(1, EdsrTest.maxAbs(e)), net + " " + n + ": " + d);
					checked++;
				}
				assertTrue(checked >= 2, net);
				if (!io.contains("target")) return;
				for (final NDArray p : model.paramArrays()) p.setRequiresGradient(true);
				final Tensor t = io.get("target");
				try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
					gc.backward(model.forward(in).sub(m.create(t.data(), new Shape(t.shape()))).square().sum());
				}
				for (final String name : model.parameterNames()) {
					final float[] expect = io.get("grad:" + name).data();
					final float e = ParityTest.maxAbsDiff(expect, model.param(name).getGradient().toFloatArray());
					assertTrue(e <= TOLERANCE * Math.max(1, EdsrTest.maxAbs(expect)), net + " gradient of " + name);
				}
			}
		}
	}

	/** BasicSR checkpoints (.pth, both keys) and .npz of grey networks import as grey packages. */
	@ParameterizedTest
	@ValueSource(strings = { "msrresnet_x2_grey", "srcnn_x2_grey", "edsr_x2_grey" })
	void basicSrCheckpointsImportAsGreyPackages(final String net, @TempDir final Path dir) throws Exception {
		final StateDict io = Fixtures.io(net);
		final ModelPackage p = CheckpointConverter.importModel(Fixtures.file(net + ".pth"), null, null, "g", "target",
			"CC0-1.0");
		assertEquals("params_ema", p.provenance().get("checkpoint_key").getAsString());
		assertTrue(p.spec().grey(), p.spec().toString());
		assertTrue(p.spec().toString().endsWith("num_in_ch=1, num_out_ch=1)"), p.spec().toString());
		assertTrue(ParityTest.maxAbsDiff(io.get("output").data(), run(p.spec(), p.weights(), io.get("input"))) <=
			TOLERANCE);
		final StateDict params = CheckpointConverter.readWeights(Fixtures.file(net + ".pth"), "params");
		assertTrue(ParityTest.maxAbsDiff(Fixtures.io(net.replace("_grey", "_grey_params")).get("output").data(), run(
			CheckpointConverter.inferSpec(params), params, io.get("input"))) <= TOLERANCE);
		final StateDict npz = CheckpointConverter.readWeights(Fixtures.file(net + ".npz"), null);
		assertEquals(p.spec(), CheckpointConverter.inferSpec(npz));
		// model.json names the channels with BasicSR's names, and reads back
		final File out = dir.resolve("g").toFile();
		p.write(out);
		final JsonObject json = JsonParser.parseString(Files.readString(out.toPath().resolve(ModelPackage.JSON)))
			.getAsJsonObject();
		assertEquals(1, json.get("num_in_ch").getAsInt());
		assertEquals(1, json.get("num_out_ch").getAsInt());
		assertEquals(p.spec(), ModelPackage.read(out).spec());
	}

	private static float[] run(final NetworkSpec spec, final StateDict w, final Tensor x) {
		Engines.workerThread();
		try (NDManager m = Engines.newManager()) {
			return new SrNetwork(spec).load(w, m).forward(m.create(x.data(), new Shape(x.shape()))).toFloatArray();
		}
	}

	/** An RGB package's model.json is as before: no channel fields (3 when absent). */
	@Test
	void rgbPackagesKeepTheirModelJson(@TempDir final Path dir) throws Exception {
		final NetworkSpec s = new NetworkSpec("MSRResNet", 2, 4, 1);
		final ModelPackage p = new ModelPackage(s, "rgb", "other", "", null, null, SrNetwork.initialWeights(s, 1));
		assertFalse(p.json().contains("num_in_ch"));
		assertEquals(3, ModelPackage.read(write(p, dir)).spec().numInCh());
	}

	private static File write(final ModelPackage p, final Path dir) throws Exception {
		final File f = dir.resolve(p.name()).toFile();
		p.write(f);
		return f;
	}

	@Test
	void channelsAreCheckedInOneLine() {
		assertEquals("num_in_ch must be 1 (grey) or 3 (RGB), got 2", assertThrows(IllegalArgumentException.class,
			() -> new NetworkSpec("MSRResNet", 2, 4, 1, null, 2, 2)).getMessage());
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new NetworkSpec("MSRResNet", 2, 4, 1, null, 1, 3))
			.getMessage().startsWith("num_out_ch must equal num_in_ch (1), got 3"));
		// a grey EDSR subtracts 0; its rgb_mean is not used and must stay at its default
		final NetworkSpec e = new NetworkSpec("EDSR", 2, 4, 1).withChannels(1);
		assertTrue(assertThrows(IllegalArgumentException.class, () -> e.withOption(Edsr.RGB_MEAN, 0.5, 0.5, 0.5))
			.getMessage().contains("rgb_mean is for RGB networks"));
		// filter counts: the first conv takes one channel, the last gives one
		final NetworkSpec rgb = new NetworkSpec("MSRResNet", 2, 4, 1);
		assertEquals(rgb.filterCount() - 2 * 4 - 2 * 4, rgb.withChannels(1).filterCount());
	}

	/**
	 * Super-resolution of a grey image through a grey network is the network's output for it as one channel; an RGB
	 * image with equal channels comes back as RGB with equal channels; a colour image is refused in one line.
	 */
	@Test
	void greyImagesGoThroughAsOneChannel() throws Exception {
		final StateDict w = Fixtures.weights("msrresnet_x2_grey");
		final NetworkSpec spec = CheckpointConverter.inferSpec(w);
		final FloatImage grey = EdsrTest.random(1, 20, 20, 7);
		final float[] whole = run(spec, w, new Tensor(new long[] { 1, 1, 20, 20 }, grey.data()));
		try (SrModel m = SrModel.of(spec, w, "grey")) {
			final FloatImage sr = m.superResolve(grey, 5, -1, Monitor.NONE);
			assertEquals(1, sr.channels());
			assertTrue(ParityTest.maxAbsDiff(whole, sr.data()) <= TOLERANCE, "tiled, exact overlap");
			final FloatImage asRgb = m.superResolve(grey.asRgb(), 1 << 16, -1, Monitor.NONE);
			assertEquals(3, asRgb.channels());
			for (int c = 0; c < 3; c++) assertArrayEquals(sr.data(), asRgb.channel(c).data(), TOLERANCE);
			final FloatImage colour = EdsrTest.random(3, 20, 20, 4);
			final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.superResolve(colour,
				64, -1, Monitor.NONE));
			assertEquals("model grey: a grey network (num_in_ch = 1) takes grey images, got a colour image: convert it " +
				"to grey first (Image > Type > 8-bit) or use an RGB model", e.getMessage());
		}
	}

	/** FAIG on a grey pair: every filter scored, completeness holds as for RGB pairs. */
	@Test
	void faigOnAGreyPair() {
		final NetworkSpec spec = new NetworkSpec("MSRResNet", 2, 4, 1).withChannels(1);
		final StateDict b = SrNetwork.initialWeights(spec, 1);
		final StateDict t = SrNetwork.initialWeights(spec, 2);
		final FloatImage lr = EdsrTest.random(1, 10, 10, 3);
		final FloatImage gt = EdsrTest.random(1, 20, 20, 5);
		try (FaigEngine e = new FaigEngine(spec, b, t)) {
			final FaigEngine.Attribution a = e.attribute(lr, gt, Quadrature.GAUSS_LEGENDRE, 64);
			assertEquals(spec.filterCount(), a.scores().length);
			assertTrue(a.completenessError() < 0.01, "completeness error " + a.completenessError());
			// the same image given as RGB (equal channels) is the same attribution
			assertArrayEquals(a.scores(), e.attribute(lr.asRgb(), gt.asRgb(), Quadrature.GAUSS_LEGENDRE, 64).scores(),
				0f);
		}
	}

	/**
	 * Filter discovery on a grey pair degrades the ground truth as one channel: grey noise, the same whether the
	 * photograph comes as grey or as RGB with equal channels (commands give RGB); an RGB pair given the same image
	 * adds noise to each channel independently, as before.
	 */
	@Test
	void greyPairsAreAnalysedOnGreyDegradations() {
		final NetworkSpec spec = new NetworkSpec("MSRResNet", 2, 4, 1).withChannels(1);
		final FloatImage photo = EdsrTest.random(1, 40, 40, 9);
		final DegradationParams p = DegradationParams.defaults();
		try (FaigEngine e = new FaigEngine(spec, SrNetwork.initialWeights(spec, 1), SrNetwork.initialWeights(spec, 2))) {
			final DegradationAttribution a = new DegradationAttribution(e, p, 3, Quadrature.GAUSS_LEGENDRE, 4, 16, 1);
			final DegradationAttribution.Result grey = a.run(List.of(photo), List.of("p"), Monitor.NONE);
			final DegradationAttribution.Result rgb = a.run(List.of(photo.asRgb()), List.of("p"), Monitor.NONE);
			assertArrayEquals(grey.blurMinusNoise(), rgb.blurMinusNoise(), 0f);
		}
		// what the grey pair sees: one noisy channel, against three independent ones for an RGB network
		final Degrader d = new Degrader(p);
		assertEquals(1, d.degrade(d.groundTruth(photo.asRgb().withChannels(1)), Degradation.NOISE, 3).channels());
		final FloatImage rgbNoisy = d.degrade(d.groundTruth(photo.asRgb()), Degradation.NOISE, 3);
		assertFalse(java.util.Arrays.equals(rgbNoisy.channel(0).data(), rgbNoisy.channel(1).data()));
	}

	/** Deep representations of grey patches through a grey network. */
	@Test
	void representationsOfGreyPatches() {
		final NetworkSpec spec = new NetworkSpec("SRCNNStyle", 2, 4, 1).withChannels(1);
		try (SrModel m = SrModel.of(spec, SrNetwork.initialWeights(spec, 1), "grey")) {
			final List<FloatImage> patches = List.of(EdsrTest.random(1, 8, 8, 1), EdsrTest.random(1, 8, 8, 2));
			final String tap = spec.build().defaultTap();
			final Map<String, RepresentationSet.Vectors> f = RepresentationSet.features(m, new RepresentationSet.Patches(
				patches, new int[] { 0, 1 }, new int[] { 0, 1 }, List.of()), List.of(tap), 2, Monitor.NONE);
			assertEquals(2, f.get(tap).x().length);
			assertEquals(2 * 4 * 8 * 8, f.get(tap).x()[0].length, "2w channels of 8 x 8");
		}
	}

	/** The luminance of training photographs is round(0.299 R + 0.587 G + 0.114 B) of their 8-bit values. */
	@Test
	void greyTrainingDataIsTheLuminance() {
		final FloatImage rgb = new FloatImage(3, 1, 2, new float[] { 1f, 10 / 255f, 0f, 200 / 255f, 0f, 30 / 255f });
		final HrDataset d = HrDataset.of(List.of(rgb)).luminance();
		assertEquals(1, d.channels());
		final FloatImage g = d.image(0);
		assertEquals(Math.rint(0.299 * 255) / 255f, g.data()[0], 1e-7);
		assertEquals(Math.rint(0.299 * 10 + 0.587 * 200 + 0.114 * 30) / 255f, g.data()[1], 1e-7);
	}

	/** Train Model trains a grey network on grey data; fine-tuning keeps the initial model's channels. */
	@Test
	void trainModelTrainsAGreyNetwork(@TempDir final Path dir) throws Exception {
		final File in = TrainModelTest.photos(dir, true);
		final TrainOptions t = TrainModelTest.tiny(in, dir.resolve("grey").toFile());
		final TrainOptions grey = new TrainOptions(t.inputDir(), t.outputModel(), t.architecture(), t.numFeat(), t
			.numBlock(), t.scale(), t.role(), t.pBlur(), t.pNoise(), null, t.iterations(), t.batchSize(), t.patchSize(), t
				.learningRate(), t.emaDecay(), new DegradationOptions(2, 21, 0.1, 5), t.checkpointEvery(), t
					.validationCrop(), t.license(), 1);
		final ModelPackage p = new TrainModel(grey).run("line", Monitor.NONE, s -> {}).model();
		assertTrue(p.spec().grey());
		assertEquals("luminance: round(0.299 R + 0.587 G + 0.114 B)", p.provenance().get("training_data").getAsString());
		assertTrue(p.provenance().getAsJsonObject("validation").get("psnr_clean").getAsDouble() > 0);
		assertTrue(ModelPackage.read(grey.outputModel()).spec().grey());
		// fine-tuning: channels left at RGB (the default) follow the grey initial model; asking RGB is no conflict,
		// since RGB is the default, but the run keeps grey
		final TrainOptions fine = new TrainOptions(in, dir.resolve("fine").toFile(), t.architecture(), t.numFeat(), t
			.numBlock(), t.scale(), t.role(), t.pBlur(), t.pNoise(), grey.outputModel().getPath(), 2, 1, 8, 1e-4, 0.999,
			new DegradationOptions(2, 21, 0.1, 6), 1000, 16, "CC0-1.0");
		assertTrue(new TrainModel(fine).network().grey());
	}
}
