package io.github.faig.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

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
import ij.measure.ResultsTable;
import io.github.faig.SciJavaTest;
import io.github.faig.TestImages;
import io.github.faig.attribution.FaigEngine;
import io.github.faig.attribution.FilterIndex;
import io.github.faig.attribution.Quadrature;
import io.github.faig.command.ComputeFiltersCommand;
import io.github.faig.command.FaigCommand;
import io.github.faig.command.ImportModelCommand;
import io.github.faig.command.TrainModelCommand;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.degrade.TrainingMix;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.image.FloatImage;
import io.github.faig.image.ImageMetrics;
import io.github.faig.nn.io.CheckpointConverter;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.nn.io.SafeTensors;
import io.github.faig.sr.SrModel;
import io.github.faig.train.HrDataset;
import io.github.faig.train.Trainer;
import io.github.faig.train.TrainingConfig;
import io.github.faig.workflow.Monitor;

/**
 * The third architecture, EDSR-baseline ({@link Edsr}), end to end: parity with an independent PyTorch definition
 * (forward, feature taps and gradients; fixtures of {@code tools/make_parity_fixtures.py} and
 * {@code tools/make_checkpoint_fixtures.py}), import of BasicSR checkpoints, tiled inference, training through the
 * trainer and Train Model, and FAIG through the engine and Compute Filters.
 */
class EdsrTest extends SciJavaTest {

	private static final float TOLERANCE = 1e-5f;

	/**
	 * The spec of a parity fixture: its shape read off the weights, its options as the fixture script made them
	 * (a checkpoint does not hold them).
	 */
	static NetworkSpec fixtureSpec(final String net, final StateDict w) {
		final NetworkSpec s = CheckpointConverter.inferSpec(w);
		switch (net) {
			case "edsr_x3":
				return s.withOption(Edsr.RES_SCALE, 0.1);
			case "edsr_x4":
				return s.withOption(Edsr.RES_SCALE, 0.5).withOption(Edsr.IMG_RANGE, 1.0).withOption(Edsr.RGB_MEAN, 0.5, 0.4,
					0.3);
			default:
				return s;
		}
	}

	static FloatImage random(final int c, final int h, final int w, final long seed) {
		final Random r = new Random(seed);
		final FloatImage img = new FloatImage(c, h, w);
		for (int i = 0; i < img.data().length; i++) img.data()[i] = r.nextFloat();
		return img;
	}

	static float maxAbs(final float[] a) {
		float m = 0;
		for (final float v : a) m = Math.max(m, Math.abs(v));
		return m;
	}

	@ParameterizedTest
	@ValueSource(strings = { "edsr_x2", "edsr_x3", "edsr_x4" })
	void forwardTapsAndGradientsMatchPyTorch(final String net) throws Exception {
		final StateDict w = Fixtures.weights(net);
		final StateDict io = Fixtures.io(net);
		final NetworkSpec spec = fixtureSpec(net, w);
		final Tensor x = io.get("input");
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
				// every tap PyTorch recorded, and only those: the taps name the same places
				final Set<String> recorded = new HashSet<>();
				for (final String n : io.names()) {
					if (!n.startsWith("tap:")) continue;
					final String tap = n.substring(4);
					recorded.add(tap);
					// the taps before the mean shift is undone are img_range times larger: compare relative to their size
					final float e = ParityTest.maxAbsDiff(io.get(n).data(), taps.get(tap));
					assertTrue(e <= TOLERANCE * Math.max(1, maxAbs(io.get(n).data())), net + " tap " + tap + ": " + e);
				}
				assertEquals(new HashSet<>(spec.build().tapNames()), recorded);
				assertEquals(recorded, taps.keySet());
				// gradients of sum((F(x) - target)^2), as training and FAIG take them
				for (final NDArray p : model.paramArrays()) p.setRequiresGradient(true);
				final Tensor t = io.get("target");
				try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
					gc.backward(model.forward(in).sub(m.create(t.data(), new Shape(t.shape()))).square().sum());
				}
				int checked = 0;
				for (final String name : model.parameterNames()) {
					final float[] expect = io.get("grad:" + name).data();
					final float e = ParityTest.maxAbsDiff(expect, model.param(name).getGradient().toFloatArray());
					assertTrue(e <= TOLERANCE * Math.max(1, maxAbs(expect)), net + " gradient of " + name + ": " + e +
						" (largest " + maxAbs(expect) + ")");
					checked++;
				}
				assertEquals(2 * spec.layers().size(), checked);
			}
		}
	}

	@Test
	void basicSrNamesSizesAndInference() throws Exception {
		assertEquals(new NetworkSpec("EDSR", 2, 6, 2), CheckpointConverter.inferSpec(Fixtures.weights("edsr_x2")));
		assertEquals(new NetworkSpec("EDSR", 3, 4, 1), CheckpointConverter.inferSpec(Fixtures.weights("edsr_x3")));
		assertEquals(new NetworkSpec("EDSR", 4, 4, 1), CheckpointConverter.inferSpec(Fixtures.weights("edsr_x4")));
		final List<String> names = new ArrayList<>();
		for (final ConvLayer l : new NetworkSpec("EDSR", 4, 4, 2).layers()) names.add(l.name());
		assertEquals(List.of("conv_first", "body.0.conv1", "body.0.conv2", "body.1.conv1", "body.1.conv2",
			"conv_after_body", "upsample.0", "upsample.2", "conv_last"), names);
		// x3: one stage of 9·C channels
		final List<ConvLayer> x3 = new NetworkSpec("EDSR", 3, 4, 1).layers();
		assertEquals("upsample.0", x3.get(4).name());
		assertEquals(36, x3.get(4).out());
		// the fixture's state dict is exactly these tensors, in this order
		final List<String> order = new ArrayList<>();
		for (final ConvLayer l : new NetworkSpec("EDSR", 2, 6, 2).layers()) {
			order.add(l.weightName());
			order.add(l.biasName());
		}
		assertEquals(order, new ArrayList<>(Fixtures.weights("edsr_x2").names()));
		// EDSR-baseline x2: the paper MSRResNet's counts (the same conv shapes, one conv moved)
		final NetworkSpec b = Edsr.baseline();
		assertEquals(151_936, FilterIndex.of(b).filterCount());
		assertEquals(1_369_859, SrNetwork.initialWeights(b, 0).parameterCount());
		assertEquals("body.15", b.build().defaultTap());
		assertEquals(List.of("conv_first", "body.0", "conv_after_body", "upsample.0", "upsample.2"), new NetworkSpec(
			"EDSR", 4, 4, 1).build().tapNames());
	}

	/** BasicSR's save_network of net_g and net_g_ema (state_dict() objects with their _metadata). */
	@Test
	void basicSrCheckpointsImport(@TempDir final Path dir) throws Exception {
		final File pth = Fixtures.file("checkpoints/edsr_basicsr.pth");
		final StateDict io = SafeTensors.read(Fixtures.file("checkpoints/edsr_basicsr_io.safetensors"));
		for (final String[] k : new String[][] { { null, "output" }, { "params_ema", "output" }, { "params",
			"output_params" } })
		{
			final StateDict w = CheckpointConverter.readWeights(pth, k[0]);
			assertEquals(new NetworkSpec("EDSR", 2, 4, 1), CheckpointConverter.inferSpec(w));
			final float d = ParityTest.maxAbsDiff(io.get(k[1]).data(), run(CheckpointConverter.inferSpec(w), w, io.get(
				"input")));
			assertTrue(d <= TOLERANCE, k[0] + ": max |ours - PyTorch| = " + d);
		}
		// Import Model: a package whose model.json records the options, read back to the same spec and weights
		final ModelPackage p = CheckpointConverter.importModel(pth, null, null, "edsr", "target", "CC0-1.0");
		assertEquals("params_ema", p.provenance().get("checkpoint_key").getAsString());
		final File out = dir.resolve("edsr").toFile();
		p.write(out);
		final JsonObject json = JsonParser.parseString(Files.readString(out.toPath().resolve(ModelPackage.JSON)))
			.getAsJsonObject();
		assertEquals("EDSR", json.get("architecture").getAsString());
		assertEquals("{\"res_scale\":1.0,\"img_range\":255.0,\"rgb_mean\":[0.4488,0.4371,0.404]}", json.get("options")
			.toString());
		final ModelPackage back = ModelPackage.read(out);
		assertEquals(p.spec(), back.spec());
		for (final String n : p.weights().names()) assertArrayEquals(p.weights().get(n).data(), back.weights().get(n)
			.data(), 0f, n);
		// the same through the command
		final File viaCommand = dir.resolve("cmd").toFile();
		final FaigCommand m = run(ImportModelCommand.class, "weights_file", pth, "role",
			"target", "license", "CC0-1.0", "output_model", viaCommand);
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertEquals(p.spec(), ModelPackage.read(viaCommand).spec());
		// the parity script's checkpoint and npz of the x2 fixture
		final StateDict npz = CheckpointConverter.readWeights(Fixtures.file("edsr_x2.npz"), null);
		final StateDict io2 = Fixtures.io("edsr_x2");
		assertTrue(ParityTest.maxAbsDiff(io2.get("output").data(), run(CheckpointConverter.inferSpec(npz), npz, io2.get(
			"input"))) <= TOLERANCE);
		final StateDict params = CheckpointConverter.readWeights(Fixtures.file("edsr_x2.pth"), "params");
		assertTrue(ParityTest.maxAbsDiff(SafeTensors.read(Fixtures.file("edsr_x2_params_io.safetensors")).get("output")
			.data(), run(CheckpointConverter.inferSpec(params), params, io2.get("input"))) <= TOLERANCE);
	}

	/** Options away from their defaults survive a package round trip. */
	@Test
	void optionsRoundTrip(@TempDir final Path dir) throws Exception {
		final StateDict w = Fixtures.weights("edsr_x4");
		final NetworkSpec spec = fixtureSpec("edsr_x4", w);
		final ModelPackage p = new ModelPackage(spec, "x4", "other", "", "CC0-1.0", null, w);
		final File out = dir.resolve("x4.zip").toFile();
		p.write(out);
		final ModelPackage back = ModelPackage.read(out);
		assertEquals(spec, back.spec());
		assertEquals("EDSR(x4, num_feat=4, num_block=1, res_scale=0.5, img_range=1.0, rgb_mean=[0.5, 0.4, 0.3])", back
			.spec().toString());
		final StateDict io = Fixtures.io("edsr_x4");
		assertTrue(ParityTest.maxAbsDiff(io.get("output").data(), run(back.spec(), back.weights(), io.get(
			"input"))) <= TOLERANCE);
		// a model.json whose option is not a number is named
		final File bad = dir.resolve("bad").toFile();
		p.write(bad);
		final Path json = bad.toPath().resolve(ModelPackage.JSON);
		Files.writeString(json, Files.readString(json).replace("\"res_scale\": 0.5", "\"res_scale\": \"big\""));
		final IOException e = assertThrows(IOException.class, () -> ModelPackage.read(bad));
		assertTrue(e.getMessage().contains("res_scale") && e.getMessage().contains("number"), e.getMessage());
	}

	private static float[] run(final NetworkSpec spec, final StateDict w, final Tensor x) {
		Engines.workerThread();
		try (NDManager m = Engines.newManager()) {
			return new SrNetwork(spec).load(w, m).forward(m.create(x.data(), new Shape(x.shape()))).toFloatArray();
		}
	}

	private static Tensor zeros(final long... shape) {
		return new Tensor(shape, new float[(int) Tensor.numel(shape)]);
	}

	/** A state dict with EDSR's names: conv_first and upsample shapes as given, the rest placeholders. */
	private static StateDict edsrNames(final long[] first, final int blocks, final long[]... upsample) {
		final StateDict sd = new StateDict();
		sd.put("conv_first.weight", zeros(first));
		for (int b = 0; b < blocks; b++) sd.put("body." + b + ".conv1.weight", zeros(1));
		sd.put("conv_after_body.weight", zeros(1));
		for (int u = 0; u < upsample.length; u++) sd.put("upsample." + 2 * u + ".weight", zeros(upsample[u]));
		sd.put("conv_last.weight", zeros(1));
		return sd;
	}

	@Test
	void importInfersWhatACheckpointDoesNotSay() {
		// the large EDSR (256 features, 32 blocks) has res_scale 0.1, as BasicSR's EDSR_L options and the paper
		final NetworkSpec large = CheckpointConverter.inferSpec(edsrNames(new long[] { 256, 3, 3, 3 }, 32, new long[] {
			1024, 256, 3, 3 }));
		assertEquals(new NetworkSpec("EDSR", 2, 256, 32).withOption("res_scale", 0.1), large);
		assertEquals(1.0, CheckpointConverter.inferSpec(edsrNames(new long[] { 64, 3, 3, 3 }, 16, new long[] { 576, 64, 3,
			3 })).option("res_scale"));
		// a grey EDSR (num_in_ch = 1) is recognised (GreyNetworksTest runs one); what FAIG cannot run is refused, in
		// one line
		assertEquals(1, CheckpointConverter.inferSpec(edsrNames(new long[] { 4, 1, 3, 3 }, 1, new long[] { 16, 4, 3, 3 }))
			.numInCh());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CheckpointConverter.inferSpec(
			edsrNames(new long[] { 4, 2, 3, 3 }, 1, new long[] { 16, 4, 3, 3 })));
		assertEquals("num_in_ch must be 1 (grey) or 3 (RGB), got 2", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> CheckpointConverter.inferSpec(edsrNames(new long[] { 4, 3, 3,
			3 }, 1, new long[] { 16, 4, 3, 3 }, new long[] { 16, 4, 3, 3 }, new long[] { 16, 4, 3, 3 })));
		assertTrue(e.getMessage().contains("upsample.4.weight") && e.getMessage().contains("x8"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> CheckpointConverter.inferSpec(edsrNames(new long[] { 4, 3, 3,
			3 }, 1, new long[] { 20, 4, 3, 3 })));
		assertTrue(e.getMessage().startsWith("upsample.0.weight has 20 output channels"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> CheckpointConverter.inferSpec(edsrNames(new long[] { 4, 3, 3,
			3 }, 1)));
		assertEquals("EDSR weights lack upsample.0.weight", e.getMessage());
	}

	@Test
	void tiledEqualsUntiled() throws Exception {
		for (final String net : new String[] { "edsr_x2", "edsr_x4" }) {
			final StateDict w = Fixtures.weights(net);
			try (SrModel m = SrModel.load(new ModelPackage(fixtureSpec(net, w), net, "target", "", "CC0-1.0", null,
				w)))
			{
				final FloatImage lr = random(3, 37, 45, 1);
				final FloatImage whole = m.superResolve(lr, Integer.MAX_VALUE, 0, Monitor.NONE);
				final FloatImage tiled = m.superResolve(lr, 16, -1, Monitor.NONE);
				assertTrue(ImageMetrics.maxAbsDiff(whole, tiled) <= 1e-5, net + ": " + ImageMetrics.maxAbsDiff(whole,
					tiled));
				// too little overlap shows at the seams (so the test can fail)
				assertTrue(ImageMetrics.maxAbsDiff(whole, m.superResolve(lr, 16, 0, Monitor.NONE)) > 1e-3);
			}
		}
	}

	@Test
	void aShortTrainingRunLowersTheLoss() throws Exception {
		final HrDataset data = HrDataset.of(TestImages.images(6, 64, 1));
		final List<Double> losses = new ArrayList<>();
		final TrainingConfig c = new TrainingConfig(new NetworkSpec("EDSR", 2, 4, 1), TrainingMix.cleanOnly(),
			DegradationParams.defaults(), 60, 4, 12, 2e-3, 1e-5, 0.9, 7);
		final Trainer.Result r = new Trainer(c, data).train(null, null, 0, -1, (t, n, loss, lr) -> losses.add(loss),
			Monitor.NONE);
		final double early = losses.subList(0, 10).stream().mapToDouble(d -> d).average().orElseThrow();
		final double late = losses.subList(50, 60).stream().mapToDouble(d -> d).average().orElseThrow();
		assertTrue(late < 0.8 * early, "loss " + early + " -> " + late);
		SrNetwork.checkCompatible(c.spec(), r.ema());
	}

	/** Writes {@code count} ground-truth PNGs into a new folder. */
	static File groundTruth(final Path dir, final int count, final int size) throws Exception {
		final File images = dir.resolve("gt").toFile();
		assertTrue(images.mkdir());
		for (int i = 0; i < count; i++) {
			final FloatImage img = TestImages.images(1, size, 10 + i).get(0);
			ImageFiles.save(ImagePlusBridge.toImagePlus("gt" + i, List.of(img), null, ImagePlusBridge.OutputType.BYTE,
				null), new File(images, "gt" + i + ".png"));
		}
		return images;
	}

	@Test
	void trainModelTrainsAnEdsr(@TempDir final Path dir) throws Exception {
		final File gt = groundTruth(dir, 2, 40);
		final File model = dir.resolve("edsr-tiny").toFile();
		final FaigCommand m = run(TrainModelCommand.class, "input_dir", gt, "output_model", model, "architecture",
			"EDSR", "num_feat", 4, "num_block", 1, "scale", 2, "iterations", 3, "batch_size", 1, "patch_size", 8,
			"checkpoint_every", 1000, "validation_crop", 16, "role", "baseline");
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ModelPackage p = ModelPackage.read(model);
		assertEquals(new NetworkSpec("EDSR", 2, 4, 1), p.spec());
		assertTrue(p.provenance().get("command").getAsString().contains("architecture='EDSR'"), p.provenance()
			.toString());
		assertTrue(Double.isFinite(p.provenance().get("final_l1_loss").getAsDouble()));
		assertFalse(new File(dir.toFile(), "edsr-tiny.checkpoint.safetensors").exists());
		// the architecture's own checks run before training (the SRCNN-style net has no x4)
		final FaigCommand bad = run(TrainModelCommand.class, "input_dir", gt, "output_model", dir.resolve("x4")
			.toFile(), "architecture", "SRCNNStyle", "num_feat", 4, "num_block", 1, "scale", 4, "iterations", 1);
		assertTrue(bad.isCanceled());
		assertTrue(bad.getCancelReason().contains("SRCNNStyle supports scale 2 or 3, got 4"), bad.getCancelReason());
		assertFalse(dir.resolve("x4").toFile().exists());
		// a name outside the choices is named with them, as for every choice input
		final FaigCommand unknown = run(TrainModelCommand.class, "input_dir", gt, "output_model", dir.resolve("u")
			.toFile(), "architecture", "VDSR", "iterations", 1);
		assertTrue(unknown.isCanceled());
		assertTrue(unknown.getCancelReason().contains("architecture must be one of MSRResNet (or SRResNet), " +
			"SRCNNStyle (or SRCNN) or EDSR (or EDSR-baseline), got 'VDSR'"),
			unknown.getCancelReason());
	}

	/** The tiny fixture pair: θ̄ the checkpoint's 'params', θ its 'params_ema' (every parameter differs). */
	private static FaigEngine engine() throws Exception {
		final File pth = Fixtures.file("edsr_x2.pth");
		final StateDict theta = CheckpointConverter.readWeights(pth, null);
		return new FaigEngine(CheckpointConverter.inferSpec(theta), CheckpointConverter.readWeights(pth, "params"), theta);
	}

	/** FAIG's completeness identity: Σ signed attributions → L(θ̄) − L(θ) as the quadrature refines. */
	@Test
	void faigCompletenessHolds() throws Exception {
		final FloatImage lr = random(3, 8, 8, 11);
		final FloatImage gt = random(3, 16, 16, 12);
		try (FaigEngine e = engine()) {
			for (final Quadrature q : new Quadrature[] { Quadrature.GAUSS_LEGENDRE, Quadrature.TRAPEZOID }) {
				final int[] ns = q == Quadrature.GAUSS_LEGENDRE ? new int[] { 2, 4, 8 } : new int[] { 4, 16, 64 };
				double prev = Double.POSITIVE_INFINITY;
				for (final int n : ns) {
					final FaigEngine.Attribution a = e.attribute(lr, gt, q, n);
					assertEquals(FilterIndex.of(new NetworkSpec("EDSR", 2, 6, 2)).filterCount(), a.scores().length);
					final double err = a.completenessError();
					assertTrue(err < prev || err < 1e-5, q + " N=" + n + ": " + err + " after " + prev);
					prev = err;
				}
				assertTrue(prev < 0.01, q + " final error " + prev);
			}
		}
	}

	@Test
	void computeFiltersRanksEveryFilterOfEveryLayer(@TempDir final Path dir) throws Exception {
		final File base = dir.resolve("base").toFile();
		final File tgt = dir.resolve("tgt").toFile();
		CheckpointConverter.importModel(Fixtures.file("edsr_x2.pth"), null, "params", "edsr-baseline", "baseline", "CC0-1.0")
			.write(base);
		CheckpointConverter.importModel(Fixtures.file("edsr_x2.pth"), null, null, "edsr-target", "target", "CC0-1.0").write(
			tgt);
		final File gt = groundTruth(dir, 2, 40);
		final File out = dir.resolve("out").toFile();
		assertTrue(out.mkdir());
		final FaigCommand m = run(ComputeFiltersCommand.class, "baseline_model", base.getPath(), "target_model", tgt
			.getPath(), "input_dir", gt, "steps", 8, "quadrature", "gauss-legendre", "crop_size", 18, "crops", 2,
			"percent", 10.0, "output_dir", out);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final FilterIndex fi = FilterIndex.of(ModelPackage.read(tgt).spec());
		final int n = fi.filterCount();
		// every filter of every conv layer is ranked, once
		final List<String> blur = Files.readAllLines(new File(out, "blur_index.txt").toPath());
		assertEquals(n, blur.size());
		final Set<Integer> seen = new HashSet<>();
		for (final String l : blur) seen.add(Integer.parseInt(l.trim()));
		assertEquals(n, seen.size());
		final Set<String> layers = new HashSet<>();
		for (final int f : seen) layers.add(fi.filter(f).layerName());
		assertEquals(new HashSet<>(fi.layerNames()), layers);
		final ResultsTable counts = (ResultsTable) m.getOutput("layer_counts");
		final List<String> rows = new ArrayList<>();
		for (int r = 0; r < counts.size(); r++) rows.add(counts.getStringValue("layer", r));
		assertEquals(fi.layerNames(), rows);
		// the completeness check ran on every input
		final ResultsTable c = (ResultsTable) m.getOutput("completeness");
		assertEquals(8, c.size());
		for (int r = 0; r < c.size(); r++) {
			final String v = c.getStringValue("check", r);
			assertTrue(v.equals("ok") || v.equals("exceeds") || v.startsWith("exempt"), v);
		}
	}
}
