package io.github.faig.nn.io;

import java.io.File;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.faig.nn.NetworkSpec;
import io.github.faig.nn.StateDict;
import io.github.faig.nn.Tensor;

/**
 * Brings weights from elsewhere into the project's form: the authors' BasicSR checkpoints ({@code .pth}: a dict
 * with {@code params} and {@code params_ema}; {@code params_ema} by default, as the paper's analysis uses), plain
 * state dicts saved as {@code .pth}, {@code .npz} or {@code .safetensors}. A {@code module.} prefix (from
 * {@code DataParallel}) is dropped. The architecture is read off the tensor names and shapes unless given.
 */
public final class ModelImporter {

	private static final Pattern BODY = Pattern.compile("body\\.(\\d+)\\.conv1\\.weight");
	private static final Pattern FEATURES = Pattern.compile("features\\.(\\d+)\\.weight");

	private ModelImporter() {}

	/**
	 * The state dict of a weights file.
	 *
	 * @param key for BasicSR checkpoints, which entry to take: {@code params_ema} (default when {@code null}) or
	 *          {@code params}
	 */
	public static StateDict readWeights(final File file, final String key) throws IOException {
		if (file == null || !file.isFile()) {
			throw new IOException("weights file '" + file + "' does not exist or is not a file");
		}
		final String n = file.getName().toLowerCase(Locale.ROOT);
		final StateDict sd;
		if (n.endsWith(".safetensors")) sd = SafeTensors.read(file);
		else if (n.endsWith(".npz")) sd = Npy.readNpz(file);
		else if (n.endsWith(".pth") || n.endsWith(".pt") || n.endsWith(".ckpt")) sd = fromPickle(PthReader.load(
			file), key, file);
		else throw new IOException("weights file '" + file + "' is not .pth, .npz or .safetensors");
		return stripPrefix(sd);
	}

	private static StateDict fromPickle(final Object obj, final String key, final File file) throws IOException {
		if (!(obj instanceof Map)) throw new IOException(file + " does not hold a dict of tensors");
		final Map<?, ?> top = (Map<?, ?>) obj;
		Object chosen = top;
		if (top.containsKey("params") || top.containsKey("params_ema")) {
			final String k = key == null ? (top.containsKey("params_ema") ? "params_ema" : "params") : key;
			if (!top.containsKey(k)) {
				throw new IOException(file + " has no '" + k + "' entry; it has " + new TreeSet<>(stringKeys(top)));
			}
			chosen = top.get(k);
		}
		else if (key != null && top.containsKey(key)) {
			chosen = top.get(key);
		}
		else if (top.containsKey("state_dict")) {
			chosen = top.get("state_dict");
		}
		if (!(chosen instanceof Map)) throw new IOException(file + " does not hold a state dict");
		final StateDict sd = new StateDict();
		for (final Map.Entry<?, ?> e : ((Map<?, ?>) chosen).entrySet()) {
			if (e.getValue() instanceof Tensor) sd.put(String.valueOf(e.getKey()), (Tensor) e.getValue());
		}
		if (sd.size() == 0) throw new IOException(file + " holds no tensors");
		return sd;
	}

	private static java.util.List<String> stringKeys(final Map<?, ?> m) {
		final java.util.List<String> out = new java.util.ArrayList<>();
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

	/** Reads the architecture off the names and shapes of a BasicSR state dict. */
	public static NetworkSpec inferSpec(final StateDict sd) {
		final Tensor first = sd.get("conv_first.weight");
		if (first != null) {
			final int f = (int) first.shape()[0];
			int blocks = 0;
			for (final String n : sd.names()) {
				final Matcher m = BODY.matcher(n);
				if (m.matches()) blocks = Math.max(blocks, Integer.parseInt(m.group(1)) + 1);
			}
			final int scale;
			if (sd.contains("upconv2.weight")) scale = 4;
			else {
				final Tensor up = sd.get("upconv1.weight");
				if (up == null) throw new IllegalArgumentException("MSRResNet weights lack upconv1.weight");
				scale = (int) Math.round(Math.sqrt(up.shape()[0] / (double) f));
				if (scale < 2 || up.shape()[0] != (long) f * scale * scale) {
					throw new IllegalArgumentException("upconv1.weight has " + up.shape()[0] + " output channels: expected " +
						"num_feat x scale² (" + 4 * f + " for x2, " + 9 * f + " for x3, with num_feat " + f + ")");
				}
			}
			return new NetworkSpec(NetworkSpec.MSRRESNET, scale, f, blocks);
		}
		if (sd.contains("features.0.weight")) {
			final TreeSet<Integer> idx = new TreeSet<>();
			for (final String n : sd.names()) {
				final Matcher m = FEATURES.matcher(n);
				if (m.matches()) idx.add(Integer.parseInt(m.group(1)));
			}
			final int w = (int) sd.get("features.0.weight").shape()[0];
			final int convs = idx.size();
			if (convs < 5) {
				throw new IllegalArgumentException("SRCNN-style weights hold " + convs + " convolution(s) " + idx + ": " +
					"expected at least 5 (features.N.weight); the state dict is incomplete");
			}
			final Integer[] order = idx.toArray(new Integer[0]);
			final Tensor up = sd.get("features." + order[convs - 3] + ".weight");
			final int scale = (int) Math.round(Math.sqrt(up.shape()[0] / (2.0 * w)));
			return new NetworkSpec(NetworkSpec.SRCNN_STYLE, scale, w, convs - 5);
		}
		throw new IllegalArgumentException("weights are neither MSRResNet (conv_first.weight) nor SRCNN-style " +
			"(features.0.weight): first tensor is '" + sd.names().iterator().next() + "'");
	}

	/**
	 * Imports a weights file as a model package.
	 *
	 * @param spec the architecture, or {@code null} to infer it
	 * @param key {@code params_ema} (default) or {@code params} for BasicSR checkpoints
	 */
	public static ModelPackage importModel(final File weights, final NetworkSpec spec, final String key,
		final String name, final String role, final String license) throws IOException
	{
		final StateDict sd = readWeights(weights, key);
		final NetworkSpec s = spec != null ? spec : inferSpec(sd);
		final com.google.gson.JsonObject prov = new com.google.gson.JsonObject();
		prov.addProperty("imported_from", weights.getName());
		prov.addProperty("checkpoint_key", key == null ? "params_ema (default)" : key);
		try {
			return new ModelPackage(s, name, role, "imported from " + weights.getName(), license, prov, sd);
		}
		catch (final IllegalArgumentException e) {
			throw new IOException("weights of '" + weights + "' do not fit " + s + ": " + e.getMessage());
		}
	}
}
