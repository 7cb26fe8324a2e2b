package io.github.faig.nn.io;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.google.gson.JsonObject;

import io.github.faig.nn.Architectures;
import io.github.faig.nn.NetworkSpec;
import io.github.faig.nn.StateDict;
import io.github.faig.nn.Tensor;

/**
 * Brings weights from elsewhere into the project's form: the authors' BasicSR checkpoints ({@code .pth}: a dict
 * with {@code params} and {@code params_ema}; {@code params_ema} by default, as the paper's analysis uses), other
 * dicts of state dicts ({@code .pth}, an entry chosen by key), plain state dicts saved as {@code .pth},
 * {@code .npz} or {@code .safetensors}. {@code .pth} files are read by {@link PthReader} (zip and legacy formats). A {@code module.} prefix (from
 * {@code DataParallel}) is dropped. The architecture is read off the tensor names and shapes unless given, by the
 * architectures of {@link Architectures}: MSRResNet, SRCNN-style and EDSR (BasicSR's names).
 */
public final class CheckpointConverter {

	private CheckpointConverter() {}

	/**
	 * The state dict of a weights file.
	 *
	 * @param key for a {@code .pth} holding a dict of state dicts, which entry to take: {@code params_ema} or
	 *          {@code params} of a BasicSR checkpoint, or any other top-level key (e.g. {@code net_g}); {@code null}
	 *          takes {@code params_ema}, else {@code params}, else {@code state_dict}. A {@code .pth} that is itself
	 *          a state dict is taken whole when it has no such entry.
	 * @throws IOException one line naming the file and what was expected
	 */
	public static StateDict readWeights(final File file, final String key) throws IOException {
		return read(file, key).weights();
	}

	/** The weights, the checkpoint entry they came from (for the provenance), and whether it is a dict's entry. */
	private record Read(StateDict weights, String entry, boolean inDict) {}

	private static Read read(final File file, final String key) throws IOException {
		if (file == null || !file.isFile()) {
			throw new IOException("weights file '" + file + "' does not exist or is not a file");
		}
		return Parsing.guarded("weights file '" + file + "'", "weights of a known format", () -> readGuarded(file, key));
	}

	private static Read readGuarded(final File file, final String key) throws IOException {
		final String n = file.getName().toLowerCase(Locale.ROOT);
		final String given = key == null ? "params_ema (default)" : key;
		// safetensors and npz hold one flat state dict: there is no entry to choose
		if (n.endsWith(".safetensors")) return new Read(stripPrefix(SafeTensors.read(file)), "(top level)", false);
		if (n.endsWith(".npz")) return new Read(stripPrefix(Npy.readNpz(file)), "(top level)", false);
		if (n.endsWith(".pth") || n.endsWith(".pt") || n.endsWith(".ckpt")) return fromPickle(PthReader.load(file), key,
			file);
		throw new IOException("weights file '" + file + "' is not .pth, .pt, .ckpt, .npz or .safetensors");
	}

	/** What a pickled object is, in Python's words. */
	private static String pythonKind(final Object o) {
		if (o == null) return "None";
		if (o instanceof List) return "a list";
		if (o instanceof Object[]) return "a tuple";
		if (o instanceof Number) return "a number";
		if (o instanceof String) return "a string";
		if (o instanceof Tensor) return "a single tensor";
		return "an object of another kind";
	}

	private static Read fromPickle(final Object obj, final String key, final File file) throws IOException {
		if (!(obj instanceof Map)) {
			throw new IOException(file + " holds " + pythonKind(obj) + "; expected a state dict or a dict of state dicts");
		}
		final Map<?, ?> top = (Map<?, ?>) obj;
		final String entry;
		if (key != null && top.containsKey(key)) entry = key;
		else if (key != null && !holdsTensors(top)) {
			throw new IOException("checkpoint_key '" + key + "' is not an entry of " + file + "; expected one of its " +
				"entries " + new TreeSet<>(stringKeys(top)));
		}
		else if (key == null && !holdsTensors(top)) {
			entry = Stream.of("params_ema", "params", "state_dict").filter(top::containsKey).findFirst()
				.orElseThrow(() -> new IOException(file + " holds no state dict at the top level nor under params_ema, " +
					"params or state_dict; expected one of its entries " + new TreeSet<>(stringKeys(top)) +
					" as checkpoint_key"));
		}
		else entry = null;
		final Object chosen = entry == null ? top : top.get(entry);
		if (!(chosen instanceof Map)) {
			throw new IOException("checkpoint_key '" + entry + "' names an entry of " + file + " that is not a state " +
				"dict; expected an entry that is a dict of tensors");
		}
		final StateDict sd = new StateDict();
		for (final Map.Entry<?, ?> e : ((Map<?, ?>) chosen).entrySet()) {
			if (e.getValue() instanceof Tensor) sd.put(String.valueOf(e.getKey()), (Tensor) e.getValue());
		}
		if (sd.size() == 0) {
			throw new IOException(file + (entry == null ? "" : ": entry '" + entry + "'") + " holds no tensors; " +
				"expected a state dict");
		}
		return new Read(stripPrefix(sd), entry == null ? "(top level)" : entry, entry != null);
	}

	private static boolean holdsTensors(final Map<?, ?> m) {
		for (final Object v : m.values()) if (v instanceof Tensor) return true;
		return false;
	}

	private static List<String> stringKeys(final Map<?, ?> m) {
		final List<String> out = new ArrayList<>();
		for (final Object k : m.keySet()) out.add(String.valueOf(k));
		return out;
	}

	private static StateDict stripPrefix(final StateDict sd) {
		boolean all = true;
		for (final String n : sd.names()) all &= n.startsWith("module.");
		if (!all) return sd;
		final StateDict out = new StateDict();
		for (final Map.Entry<String, Tensor> e : sd.asMap().entrySet()) {
			out.put(e.getKey().substring("module.".length()), e.getValue());
		}
		return out;
	}

	/**
	 * Reads the architecture off the names and shapes of a BasicSR state dict: the one architecture of
	 * {@link Architectures} whose signature tensors it holds reads its spec ({@link Architectures#infer}).
	 */
	public static NetworkSpec inferSpec(final StateDict sd) {
		return Architectures.infer(sd);
	}

	/**
	 * Imports a weights file as a model package.
	 *
	 * @param spec the architecture, or {@code null} to infer it
	 * @param key the checkpoint entry, as for {@link #readWeights}; the one taken is kept in the provenance
	 */
	public static ModelPackage importModel(final File weights, final NetworkSpec spec, final String key,
		final String name, final String role, final String license) throws IOException
	{
		final Read r = read(weights, key);
		final StateDict sd = r.weights();
		final NetworkSpec s;
		try {
			s = spec != null ? spec : inferSpec(sd);
		}
		catch (final IllegalArgumentException e) {
			throw new IOException(weights + (r.inDict() ? ", entry '" + r.entry() + "'," : "") +
				" is not a network FAIG runs: " + e.getMessage());
		}
		final JsonObject prov = new JsonObject();
		prov.addProperty("imported_from", weights.getName());
		prov.addProperty("checkpoint_key", r.entry());
		try {
			return new ModelPackage(s, name, role, "imported from " + weights.getName(), license, prov, sd);
		}
		catch (final IllegalArgumentException e) {
			throw new IOException("weights of '" + weights + "' do not fit " + s + ": " + e.getMessage());
		}
	}
}
