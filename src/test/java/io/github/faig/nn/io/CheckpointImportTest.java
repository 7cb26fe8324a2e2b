package io.github.faig.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Assumptions;
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

/**
 * Checkpoints as {@code torch.save} writes them ({@code tools/make_checkpoint_fixtures.py}): each is imported and
 * its super-resolved output compared with PyTorch's own output of the same weights. Malicious pickles are refused
 * without anything running.
 */
class CheckpointImportTest {

	private static final float TOLERANCE = 1e-5f;

	private static File checkpoint(final String name) {
		return Fixtures.file("checkpoints/" + name + ".pth");
	}

	/** The largest |difference| between our output of {@code w} and PyTorch's {@code reference} on {@code x}. */
	private static double maxAbsDiff(final StateDict w, final Tensor x, final Tensor reference) {
		Engines.workerThread();
		try (NDManager m = Engines.newManager()) {
			final SrNetwork net = new SrNetwork(CheckpointConverter.inferSpec(w)).load(w, m);
			final float[] y = net.forward(m.create(x.data(), new Shape(x.shape()))).toFloatArray();
			assertEquals(reference.data().length, y.length);
			double max = 0;
			for (int i = 0; i < y.length; i++) max = Math.max(max, Math.abs(y[i] - reference.data()[i]));
			return max;
		}
	}

	/** Imports {@code name.pth} with {@code key} and checks the output against PyTorch's {@code output}. */
	private static StateDict assertMatchesPyTorch(final File dir, final String name, final String key,
		final String output, final double tolerance) throws Exception
	{
		final StateDict io = SafeTensors.read(new File(dir, name + "_io.safetensors"));
		final StateDict w = CheckpointConverter.readWeights(new File(dir, name + ".pth"), key);
		final double d = maxAbsDiff(w, io.get("input"), io.get(output));
		assertTrue(d <= tolerance, name + " [" + key + "]: max |ours - PyTorch| = " + d);
		return w;
	}

	private static StateDict assertMatchesPyTorch(final String name, final String key, final String output)
		throws Exception
	{
		return assertMatchesPyTorch(checkpoint(name).getParentFile(), name, key, output, TOLERANCE);
	}

	@Test
	void basicsrCheckpointsOfBothArchitecturesImport() throws Exception {
		// net_g under params, net_g_ema under params_ema, each a state_dict() with _metadata.
		StateDict w = assertMatchesPyTorch("msrresnet_basicsr", null, "output");
		assertEquals(new NetworkSpec(NetworkSpec.MSRRESNET, 2, 4, 1), CheckpointConverter.inferSpec(w));
		assertMatchesPyTorch("msrresnet_basicsr", "params_ema", "output");
		assertMatchesPyTorch("msrresnet_basicsr", "params", "output_params");
		// One state_dict() object under both keys: pickled once, then referenced from the memo.
		w = assertMatchesPyTorch("srcnn_basicsr", null, "output");
		assertEquals(new NetworkSpec(NetworkSpec.SRCNN_STYLE, 2, 4, 1), CheckpointConverter.inferSpec(w));
		assertMatchesPyTorch("srcnn_basicsr", "params", "output");
		// The state dict keeps PyTorch's order.
		assertEquals("features.0.weight", w.names().iterator().next());
	}

	@Test
	void aDictOfStateDictsImportsTheChosenEntry() throws Exception {
		assertMatchesPyTorch("nets", "net_g", "output");
		final StateDict d = assertMatchesPyTorch("nets", "net_d", "output_net_d");
		assertEquals(NetworkSpec.SRCNN_STYLE, CheckpointConverter.inferSpec(d).architecture());
		// No params_ema, params or state_dict and no key: the message lists the entries to choose from.
		for (final String key : new String[] { null, "params_ema" }) {
			final IOException e = assertThrows(IOException.class, () -> CheckpointConverter.readWeights(checkpoint("nets"),
				key));
			assertTrue(e.getMessage().contains("nets.pth") && e.getMessage().contains("[iter, net_d, net_g]"), e
				.getMessage());
			assertFalse(e.getMessage().contains("\n"), e.getMessage());
		}
		final IOException e = assertThrows(IOException.class, () -> CheckpointConverter.readWeights(checkpoint("nets"),
			"iter"));
		assertTrue(e.getMessage().contains("nets.pth") && e.getMessage().contains("'iter'"), e.getMessage());
		final ModelPackage p = CheckpointConverter.importModel(checkpoint("nets"), null, "net_d", "d", "other", "CC0-1.0");
		assertEquals("net_d", p.provenance().get("checkpoint_key").getAsString());
	}

	@Test
	void checkpointKeyMessagesNameTheInput() {
		for (final String key : new String[] { null, "nope", "iter" }) {
			final IOException e = assertThrows(IOException.class, () -> CheckpointConverter.readWeights(checkpoint("nets"),
				key));
			assertTrue(e.getMessage().contains(key == null ? "checkpoint_key" : "checkpoint_key '" + key + "'"), e
				.getMessage());
		}
	}

	@Test
	void aStateDictSavedAloneImportsWhole() throws Exception {
		assertMatchesPyTorch("top_level", null, "output");
		// Import Model's default key does not get in the way of a file that is a state dict itself.
		assertMatchesPyTorch("top_level", "params_ema", "output");
		final ModelPackage p = CheckpointConverter.importModel(checkpoint("top_level"), null, "params_ema", "t", "other",
			"CC0-1.0");
		assertEquals("(top level)", p.provenance().get("checkpoint_key").getAsString());
	}

	@Test
	void halfPrecisionWeightsAreWidenedExactly() throws Exception {
		assertMatchesPyTorch("half", null, "output");
	}

	@Test
	void nonContiguousTensorsKeepTheirValues() throws Exception {
		// A transposed layout, a stride-2 slice and a slice with a storage offset.
		assertMatchesPyTorch("noncontiguous", null, "output");
	}

	@Test
	void legacyCheckpointsBeforePyTorch16Import() throws Exception {
		assertTrue(Files.readAllBytes(checkpoint("legacy").toPath())[0] == (byte) 0x80, "legacy.pth is a raw pickle");
		assertMatchesPyTorch("legacy", null, "output");
		assertMatchesPyTorch("legacy", "params", "output_params");
	}

	@Test
	void importCommandTakesAnyCheckpointKey(@TempDir final Path dir) throws Exception {
		try (Context ctx = new Context()) {
			final File out = dir.resolve("d").toFile();
			final FaigCommand m = FaigCommand.run(ctx,
				ImportModelCommand.class, "weights_file", checkpoint("nets"),
				"checkpoint_key", "net_d", "role", "other", "license", "CC0-1.0", "output_model", out);
			assertFalse(m.isCanceled(), m.getCancelReason());
			assertEquals(NetworkSpec.SRCNN_STYLE, ModelPackage.read(out).spec().architecture());
		}
	}

	// --- malicious pickles ---------------------------------------------------------------------------------------

	private static final int PROTO = 0x80, GLOBAL = 'c', STACK_GLOBAL = 0x93, SHORT_BINUNICODE = 0x8c,
		BINUNICODE = 'X', TUPLE1 = 0x85, REDUCE = 'R', STOP = '.', MARK = '(', INST = 'i';

	private static void unicode(final ByteArrayOutputStream b, final String s) {
		final byte[] u = s.getBytes(StandardCharsets.UTF_8);
		b.write(BINUNICODE);
		b.write(u.length);
		b.write(u.length >> 8);
		b.write(u.length >> 16);
		b.write(u.length >> 24);
		b.writeBytes(u);
	}

	/** {@code module.name(argument)} as a protocol-2 pickle: GLOBAL, the argument, TUPLE1, REDUCE. */
	private static byte[] callPickle(final String module, final String name, final String argument) {
		final ByteArrayOutputStream b = new ByteArrayOutputStream();
		b.write(PROTO);
		b.write(2);
		b.write(GLOBAL);
		b.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
		unicode(b, argument);
		b.write(TUPLE1);
		b.write(REDUCE);
		b.write(STOP);
		return b.toByteArray();
	}

	/** The same call named by STACK_GLOBAL (protocol 4). */
	private static byte[] stackGlobalPickle(final String module, final String name, final String argument) {
		final ByteArrayOutputStream b = new ByteArrayOutputStream();
		b.write(PROTO);
		b.write(4);
		for (final String s : new String[] { module, name }) {
			b.write(SHORT_BINUNICODE);
			b.write(s.length());
			b.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
		}
		b.write(STACK_GLOBAL);
		unicode(b, argument);
		b.write(TUPLE1);
		b.write(REDUCE);
		b.write(STOP);
		return b.toByteArray();
	}

	/** The same call as protocol 0's INST: MARK, the argument, INST module name. */
	private static byte[] instPickle(final String module, final String name, final String argument) {
		final ByteArrayOutputStream b = new ByteArrayOutputStream();
		b.write(MARK);
		unicode(b, argument);
		b.write(INST);
		b.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
		b.write(STOP);
		return b.toByteArray();
	}

	/** A valid checkpoint (the top_level fixture) whose data.pkl is replaced by {@code pickle}. */
	private static File withDataPkl(final Path dir, final String name, final byte[] pickle) throws IOException {
		final File out = dir.resolve(name + ".pth").toFile();
		try (ZipFile in = new ZipFile(checkpoint("top_level")); OutputStream os = Files.newOutputStream(out.toPath());
			ZipOutputStream zip = new ZipOutputStream(os))
		{
			for (final ZipEntry e : Collections.list(in.entries())) {
				zip.putNextEntry(new ZipEntry(e.getName()));
				zip.write(e.getName().endsWith("/data.pkl") ? pickle : in.getInputStream(e).readAllBytes());
				zip.closeEntry();
			}
		}
		return out;
	}

	private static void assertRefused(final File pth, final String global, final File marker) {
		final IOException e = assertThrows(IOException.class, () -> CheckpointConverter.readWeights(pth, null));
		assertTrue(e.getMessage().contains(pth.toString()) && e.getMessage().contains("refused") && e.getMessage()
			.contains(global), e.getMessage());
		assertFalse(e.getMessage().contains("\n"), e.getMessage());
		assertFalse(marker.exists(), "the pickle's command ran: " + marker);
	}

	@Test
	void maliciousPicklesAreRefusedAndNothingRuns(@TempDir final Path dir) throws Exception {
		final File marker = dir.resolve("pwned").toFile();
		final String shell = "touch " + marker;
		final String python = "__import__('os').system('touch " + marker + "')";
		final Object[][] cases = { { "os", "system", shell }, { "posix", "system", shell }, { "nt", "system", shell },
			{ "builtins", "eval", python }, { "__builtin__", "eval", python }, { "builtins", "exec", python },
			{ "subprocess", "call", shell },
			// Razorvine would build these itself; a checkpoint has no use for them either.
			{ "copy_reg", "_reconstructor", shell }, { "builtins", "bytearray", shell } };
		int i = 0;
		for (final Object[] c : cases) {
			final String module = (String) c[0], name = (String) c[1], arg = (String) c[2];
			final String global = module + "." + name;
			assertRefused(withDataPkl(dir, "zip" + i, callPickle(module, name, arg)), global, marker);
			assertRefused(withDataPkl(dir, "stack" + i, stackGlobalPickle(module, name, arg)), global, marker);
			assertRefused(withDataPkl(dir, "inst" + i, instPickle(module, name, arg)), global, marker);
			// A raw pickle is read as a legacy checkpoint: refused at its first pickle.
			final File raw = dir.resolve("raw" + i + ".pth").toFile();
			Files.write(raw.toPath(), callPickle(module, name, arg));
			assertRefused(raw, global, marker);
			i++;
		}
	}

	@Test
	void maliciousGlobalInsideAValidStateDictIsRefused(@TempDir final Path dir) throws Exception {
		// The genuine data.pkl with a call to os.system spliced in as the value of one more entry, before STOP.
		final byte[] genuine;
		try (ZipFile z = new ZipFile(checkpoint("top_level"))) {
			genuine = z.getInputStream(z.getEntry("top_level/data.pkl")).readAllBytes();
		}
		final File marker = dir.resolve("pwned").toFile();
		final byte[] call = callPickle("os", "system", "touch " + marker);
		final ByteArrayOutputStream b = new ByteArrayOutputStream();
		b.write(genuine, 0, genuine.length - 1);
		// The OrderedDict (after BUILD) is on top of the stack: set one more item, key then value.
		unicode(b, "evil");
		b.write(call, 2, call.length - 3);
		b.write('s');
		b.write(STOP);
		final File pth = withDataPkl(dir, "spliced", b.toByteArray());
		assertRefused(pth, "os.system", marker);
	}

	@Test
	void damagedCheckpointsGiveOneLineMessages(@TempDir final Path dir) throws Exception {
		final byte[] good = Files.readAllBytes(checkpoint("legacy").toPath());
		final File cut = dir.resolve("cut.pth").toFile();
		Files.write(cut.toPath(), Arrays.copyOf(good, good.length - 100));
		IOException e = assertThrows(IOException.class, () -> CheckpointConverter.readWeights(cut, null));
		assertTrue(e.getMessage().contains(cut.toString()) && e.getMessage().contains("truncated"), e.getMessage());
		final File cut2 = dir.resolve("cut2.pth").toFile();
		Files.write(cut2.toPath(), Arrays.copyOf(good, 300));
		e = assertThrows(IOException.class, () -> CheckpointConverter.readWeights(cut2, null));
		assertTrue(e.getMessage().contains(cut2.toString()), e.getMessage());
		assertFalse(e.getMessage().contains("\n"), e.getMessage());
		final File text = dir.resolve("text.pth").toFile();
		Files.writeString(text.toPath(), "not a checkpoint");
		e = assertThrows(IOException.class, () -> CheckpointConverter.readWeights(text, null));
		assertTrue(e.getMessage().contains(text.toString()) && e.getMessage().contains("expected a torch.save"), e
			.getMessage());
	}

	/**
	 * Paper-size checkpoints, made outside the repository (too large to commit) with
	 * {@code /usr/bin/python3 tools/make_checkpoint_fixtures.py --paper DIR}; run with
	 * {@code mvn -o test -Dtest=CheckpointImportTest -Dfaig.paperCheckpoints=DIR}.
	 */
	@Test
	void paperSizeCheckpointsMatchPyTorch() throws Exception {
		final String dir = System.getProperty("faig.paperCheckpoints");
		Assumptions.assumeTrue(dir != null, "set -Dfaig.paperCheckpoints to the paper-size checkpoints' folder");
		final File d = new File(dir);
		for (final String[] c : new String[][] { { "msrresnet_basicsr", "MSRResNet", "64", "16" }, {
			"srcnn_basicsr", "SRCNNStyle", "64", "4" } })
		{
			final StateDict io = SafeTensors.read(new File(d, c[0] + "_io.safetensors"));
			final StateDict w = CheckpointConverter.readWeights(new File(d, c[0] + ".pth"), null);
			assertEquals(new NetworkSpec(c[1], 2, Integer.parseInt(c[2]), Integer.parseInt(c[3])), CheckpointConverter
				.inferSpec(w));
			assertEquals(96, io.get("input").shape()[3]);
			final double diff = maxAbsDiff(w, io.get("input"), io.get("output"));
			System.out.println("paper-size " + c[0] + ": max |ours - PyTorch| = " + diff);
			assertTrue(diff <= 1e-4, c[0] + ": " + diff);
		}
		final double params = assertMatchesPyTorch(d, "msrresnet_basicsr", "params", "output_params", 1e-4).size();
		assertTrue(params > 0);
	}
}
