package io.github.faig.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.faig.command.FaigCommand;
import io.github.faig.command.ImportModelCommand;
import io.github.faig.nn.Engines;
import io.github.faig.nn.Fixtures;
import io.github.faig.nn.NetworkSpec;
import io.github.faig.nn.SrNetwork;
import io.github.faig.nn.StateDict;
import io.github.faig.nn.Tensor;

/** Importers and model packages: round trips through PyTorch's own files, and clear errors for bad ones. */
class ModelIoTest {

	private static void assertSameWeights(final StateDict a, final StateDict b) {
		assertEquals(a.names(), b.names());
		for (final String n : a.names()) {
			assertArrayEquals(a.get(n).shape(), b.get(n).shape(), n);
			assertArrayEquals(a.get(n).data(), b.get(n).data(), 0f, n);
		}
	}

	private static float[] run(final StateDict w, final Tensor x) {
		Engines.workerThread();
		try (NDManager m = Engines.newManager()) {
			final SrNetwork net = new SrNetwork(CheckpointConverter.inferSpec(w)).load(w, m);
			return net.forward(m.create(x.data(), new Shape(x.shape()))).toFloatArray();
		}
	}

	@Test
	void pthCheckpointTakesParamsEmaByDefaultAndParamsOnRequest() throws Exception {
		for (final String net : new String[] { "msrresnet_x2", "srcnn_x2" }) {
			final File pth = Fixtures.file(net + ".pth");
			final StateDict ema = CheckpointConverter.readWeights(pth, null);
			assertSameWeights(Fixtures.weights(net), CheckpointConverter.inferSpec(ema).equals(CheckpointConverter.inferSpec(
				Fixtures.weights(net))) ? reorder(ema, Fixtures.weights(net)) : ema);
			final Tensor x = Fixtures.io(net).get("input");
			final float[] y = run(reorder(ema, Fixtures.weights(net)), x);
			assertArrayEquals(Fixtures.io(net).get("output").data(), y, 1e-5f);
			final StateDict params = CheckpointConverter.readWeights(pth, "params");
			final float[] y2 = run(reorder(params, Fixtures.weights(net)), x);
			final StateDict p2 = SafeTensors.read(Fixtures.file(net + "_params_io.safetensors"));
			assertArrayEquals(p2.get("output").data(), y2, 1e-5f);
		}
	}

	/** A state dict in the order of another (pickled dicts need not keep the order). */
	private static StateDict reorder(final StateDict sd, final StateDict order) {
		final StateDict out = new StateDict();
		for (final String n : order.names()) out.put(n, sd.get(n));
		return out;
	}

	@Test
	void npzLoadsTheSameWeights() throws Exception {
		assertSameWeights(Fixtures.weights("msrresnet_x4"), reorder(CheckpointConverter.readWeights(Fixtures.file(
			"msrresnet_x4.npz"), null), Fixtures.weights("msrresnet_x4")));
	}

	@Test
	void packagesRoundTripAsFolderAndZip(@TempDir final Path dir) throws Exception {
		final ModelPackage p = CheckpointConverter.importModel(Fixtures.file("msrresnet_x2.pth"), null, null, "tiny",
			"target", "CC0-1.0");
		assertEquals(new NetworkSpec("MSRResNet", 2, 8, 2), p.spec());
		for (final String name : new String[] { "pkg", "pkg.zip" }) {
			final File f = dir.resolve(name).toFile();
			p.write(f);
			final ModelPackage back = ModelPackage.read(f);
			assertEquals(p.spec(), back.spec());
			assertEquals("target", back.role());
			assertEquals("CC0-1.0", back.license());
			assertEquals("msrresnet_x2.pth", back.provenance().get("imported_from").getAsString());
			assertSameWeights(reorder(p.weights(), back.weights()), back.weights());
			assertTrue(back.json().contains("\"filters\": "));
		}
		// Written in state-dict (filter numbering) order.
		assertEquals("conv_first.weight", ModelPackage.read(dir.resolve("pkg").toFile()).weights().names().iterator()
			.next());
	}

	@Test
	void badModelsGiveClearMessages(@TempDir final Path dir) throws Exception {
		final ModelPackage p = CheckpointConverter.importModel(Fixtures.file("msrresnet_x2.safetensors".replace(
			".safetensors", "_weights.safetensors")), null, null, "tiny", "target", "CC0-1.0");
		final File pkg = dir.resolve("pkg").toFile();
		p.write(pkg);
		// model.json disagreeing with the weights: names the first mismatching tensor.
		final Path json = pkg.toPath().resolve("model.json");
		Files.writeString(json, Files.readString(json).replace("\"num_feat\": 8", "\"num_feat\": 16"));
		IOException e = assertThrows(IOException.class, () -> ModelPackage.read(pkg));
		assertTrue(e.getMessage().contains("conv_first.weight") && e.getMessage().contains("disagrees"), e
			.getMessage());
		Files.writeString(json, Files.readString(json).replace("\"num_feat\": 16", "\"num_feat\": 8").replace(
			"\"num_block\": 2", "\"num_block\": 3"));
		e = assertThrows(IOException.class, () -> ModelPackage.read(pkg));
		assertTrue(e.getMessage().contains("body.2.conv1.weight"), e.getMessage());
		Files.writeString(json, "{ not json");
		e = assertThrows(IOException.class, () -> ModelPackage.read(pkg));
		assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
		// Truncated weights.
		final File pkg2 = dir.resolve("pkg2").toFile();
		p.write(pkg2);
		final Path w = pkg2.toPath().resolve("model.safetensors");
		final byte[] bytes = Files.readAllBytes(w);
		Files.write(w, Arrays.copyOf(bytes, bytes.length - 100));
		e = assertThrows(IOException.class, () -> ModelPackage.read(pkg2));
		assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
		Files.write(w, new byte[] { 1, 2, 3 });
		e = assertThrows(IOException.class, () -> ModelPackage.read(pkg2));
		assertTrue(e.getMessage().contains("truncated"), e.getMessage());
		// Missing things.
		e = assertThrows(IOException.class, () -> ModelPackage.read(dir.resolve("nothing").toFile()));
		assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
		final File notZip = dir.resolve("model.zip").toFile();
		Files.writeString(notZip.toPath(), "garbage");
		e = assertThrows(IOException.class, () -> ModelPackage.read(notZip));
		assertTrue(e.getMessage().contains("neither a model folder nor a valid zip"), e.getMessage());
		final File notPth = dir.resolve("w.pth").toFile();
		Files.writeString(notPth.toPath(), "garbage");
		e = assertThrows(IOException.class, () -> CheckpointConverter.readWeights(notPth, null));
		assertTrue(e.getMessage().contains("is not a PyTorch checkpoint"), e.getMessage());
		e = assertThrows(IOException.class, () -> CheckpointConverter.readWeights(Fixtures.file("msrresnet_x2.pth"),
			"params_swa"));
		assertTrue(e.getMessage().contains("params_swa"), e.getMessage());
	}

	@Test
	void importCommandWritesAPackage(@TempDir final Path dir) throws Exception {
		try (Context ctx = new Context()) {
			final File out = dir.resolve("imported").toFile();
			final FaigCommand m = FaigCommand.run(ctx,
				ImportModelCommand.class, "weights_file", Fixtures.file("srcnn_x2.pth"),
				"checkpoint_key", "params", "role", "target", "license", "CC0-1.0", "output_model", out);
			assertTrue(!m.isCanceled(), m.getCancelReason());
			final ModelPackage p = ModelPackage.read(out);
			assertEquals("SRCNNStyle", p.spec().architecture());
			assertEquals("params", p.provenance().get("checkpoint_key").getAsString());
			assertSameWeights(reorder(CheckpointConverter.readWeights(Fixtures.file("srcnn_x2.pth"), "params"), p.weights()), p
				.weights());
		}
	}

	@Test
	void npyWriterAndReaderAgree() throws Exception {
		final Tensor t = new Tensor(new long[] { 2, 3 }, new float[] { 1, 2, 3, 4, 5, -6.5f });
		final Tensor back = Npy.read(new ByteArrayInputStream(Npy.write(t)), "t");
		assertArrayEquals(t.shape(), back.shape());
		assertArrayEquals(t.data(), back.data());
	}
}
