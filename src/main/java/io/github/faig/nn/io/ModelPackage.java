package io.github.faig.nn.io;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.github.faig.io.OutputPaths;
import io.github.faig.nn.ArchitectureProvider;
import io.github.faig.nn.ConvLayer;
import io.github.faig.nn.NetworkSpec;
import io.github.faig.nn.SrNetwork;
import io.github.faig.nn.StateDict;
import io.github.faig.workflow.Quoted;

/**
 * A model package: a folder (or a zip of one) holding {@code model.json} — architecture and hyper-parameters,
 * scale, role (baseline, target, …), provenance and licence — and the weights as safetensors with BasicSR names
 * ({@code model.safetensors}). Reading checks every tensor's name and shape against the architecture.
 *
 * <pre>
 * {
 *   "format": "faig-model", "format_version": 1,
 *   "name": "msrresnet-x2-target", "architecture": "MSRResNet", "scale": 2, "num_feat": 32, "num_block": 6,
 *   "num_in_ch": 1, "num_out_ch": 1,   only for a grey network (absent: 3, RGB)
 *   "options": { … },                  only for an architecture with options (EDSR: res_scale, img_range, rgb_mean)
 *   "role": "target", "description": "…", "license": "Apache-2.0",
 *   "weights": "model.safetensors",
 *   "provenance": { "command": "…", "iterations": 8000, "seed": 1, … }
 * }
 * </pre>
 */
public final class ModelPackage {

	public static final String JSON = "model.json";
	public static final String WEIGHTS = "model.safetensors";
	public static final String FORMAT = "faig-model";

	private final NetworkSpec spec;
	private final String name;
	private final String role;
	private final String description;
	private final String license;
	private final JsonObject provenance;
	private final StateDict weights;
	/** Where {@link #read} found the package; {@code null} for one made in memory. */
	private File source;

	public ModelPackage(final NetworkSpec spec, final String name, final String role, final String description,
		final String license, final JsonObject provenance, final StateDict weights)
	{
		SrNetwork.checkCompatible(spec, weights);
		checkFinite(weights);
		this.spec = spec;
		this.name = name;
		this.role = role == null ? "other" : role;
		this.description = description == null ? "" : description;
		this.license = license == null ? "unknown" : license;
		this.provenance = provenance == null ? new JsonObject() : provenance.deepCopy();
		this.weights = inLayerOrder(spec, weights);
	}

	/**
	 * The largest weight magnitude accepted. Trained SR networks hold weights of order 1 (the sample models: at most
	 * 1.01); a value this far beyond makes the network's activations overflow float arithmetic a few layers in, and
	 * every output NaN.
	 */
	static final float MAX_WEIGHT = 1e6f;

	/**
	 * Refuses weights holding NaN, infinity or magnitudes beyond {@link #MAX_WEIGHT}: every output and attribution of
	 * such a network would be NaN.
	 */
	private static void checkFinite(final StateDict sd) {
		for (final String n : sd.names()) {
			final float[] v = sd.get(n).data();
			for (int i = 0; i < v.length; i++) {
				if (!Float.isFinite(v[i])) {
					throw new IllegalArgumentException("weight tensor " + n + " holds " + v[i] + " (element " + i + "): " +
						"expected finite weights; the model is damaged");
				}
				if (Math.abs(v[i]) > MAX_WEIGHT) {
					throw new IllegalArgumentException("weight tensor " + n + " holds " + v[i] + " (element " + i + "): " +
						"expected weights of magnitude at most " + MAX_WEIGHT + " (trained networks hold values near 1; " +
						"these would overflow the network's arithmetic); the model is damaged");
				}
			}
		}
	}

	/** The weights in state-dict (filter numbering) order, whatever order a pickle or npz gave them in. */
	private static StateDict inLayerOrder(final NetworkSpec spec, final StateDict sd) {
		final StateDict out = new StateDict();
		for (final ConvLayer l : spec.layers()) {
			out.put(l.weightName(), sd.get(l.weightName()));
			out.put(l.biasName(), sd.get(l.biasName()));
		}
		return out;
	}

	// -- Accessors --

	public NetworkSpec spec() {
		return spec;
	}

	public String name() {
		return name;
	}

	/** {@code baseline}, {@code target} or another word. */
	public String role() {
		return role;
	}

	public String description() {
		return description;
	}

	public String license() {
		return license;
	}

	/** How the weights were made (a copy). */
	public JsonObject provenance() {
		return provenance.deepCopy();
	}

	public StateDict weights() {
		return weights;
	}

	/** The absolute folder or zip {@link #read} read the package from, or {@code null} for one made in memory. */
	public File source() {
		return source;
	}

	// -- Reading --

	/** Reads a package folder, a zip of one, or a folder's {@code model.json}. */
	public static ModelPackage read(final File path) throws IOException {
		if (path == null) throw new IllegalArgumentException("no model was given");
		final ModelPackage p = Parsing.guarded("model '" + path + "'", "a model package", () -> readParts(path));
		if (p.source == null) p.source = path.toPath().toAbsolutePath().normalize().toFile();
		return p;
	}

	private static ModelPackage readParts(final File path) throws IOException {
		if (path == null) throw new IllegalArgumentException("no model was given");
		if (path.isFile() && path.getName().equals(JSON)) return read(path.getParentFile());
		if (path.isDirectory()) {
			final File json = new File(path, JSON);
			if (!json.isFile()) throw new IOException("model folder '" + path + "' has no " + JSON);
			Parsing.requireFits(json.toString(), json.length());
			final JsonObject meta = parse(Files.readString(json.toPath(), StandardCharsets.UTF_8), path);
			checkFormat(meta, path);
			final String name = weightsName(meta, path);
			final Path w = path.toPath().resolve(name);
			if (!Files.exists(w)) {
				throw new IOException("model '" + path + "' lacks its weights file " + Quoted.of(name) + " (\"weights\" of " +
					JSON + ")");
			}
			if (!Files.isRegularFile(w)) {
				throw new IOException("model '" + path + "': its weights " + Quoted.of(name) + " are not a regular file" +
					(Files.isSymbolicLink(w) ? " (a link to " + Quoted.of(String.valueOf(Files.readSymbolicLink(w))) + ")"
						: "") + ": expected a safetensors file");
			}
			return fromParts(meta, SafeTensors.read(w.toFile()), path);
		}
		if (path.isFile() && path.getName().toLowerCase(Locale.ROOT).matches(
			".*\\.(pth|pt|ckpt|npz|safetensors)$"))
		{
			throw new IOException("'" + path + "' is a weights file, not a model package: turn it into one with FAIG " +
				"Import Model first");
		}
		if (path.isFile()) {
			try (ZipFile zip = new ZipFile(path)) {
				final ZipEntry je = find(zip, JSON);
				if (je == null) throw new IOException("model zip '" + path + "' has no " + JSON);
				final List<String> jsons = new ArrayList<>();
				for (final ZipEntry e : Collections.list(zip.entries())) {
					if (e.getName().equals(JSON) || e.getName().endsWith("/" + JSON)) jsons.add(e.getName());
				}
				if (jsons.size() > 1) {
					throw new IOException("model zip '" + path + "' holds " + jsons.size() + " model packages (" + Quoted.of(
						String.join(", ", jsons)) + "), so which one is meant is ambiguous: expected a zip of one package");
				}
				final JsonObject meta;
				try (InputStream in = zip.getInputStream(je)) {
					meta = parse(new String(Parsing.readAll(in, path + ":" + je.getName()), StandardCharsets.UTF_8), path);
				}
				checkFormat(meta, path);
				final String name = weightsName(meta, path);
				final String dir = je.getName().substring(0, je.getName().length() - JSON.length());
				final ZipEntry we = zip.getEntry(dir + name);
				if (we == null || we.isDirectory()) {
					throw new IOException("model zip '" + path + "' lacks its weights file " + Quoted.of(name));
				}
				try (InputStream in = zip.getInputStream(we)) {
					return fromParts(meta, SafeTensors.read(in, path.getName() + ":" + we.getName()), path);
				}
			}
			catch (final ZipException e) {
				throw new IOException("model file '" + path + "' is neither a model folder nor a valid zip of one");
			}
		}
		throw new IOException("model '" + path + "' does not exist");
	}

	/** The newest {@code format_version} this FAIG reads. */
	public static final int FORMAT_VERSION = 1;

	/** Refuses a {@code model.json} of another format, or of a newer version than this FAIG reads. */
	private static void checkFormat(final JsonObject m, final File where) throws IOException {
		if (m.has("format") && !(m.get("format").isJsonPrimitive() && FORMAT.equals(m.get("format").getAsString()))) {
			throw new IOException(JSON + " of '" + where + "': \"format\" is " + Quoted.of(m.get("format").toString()) +
				": expected \"" + FORMAT + "\"");
		}
		if (!m.has("format_version")) return;
		final JsonElement v = m.get("format_version");
		final String text = v.isJsonPrimitive() ? v.getAsString().trim() : v.toString();
		if (!text.matches("\\d{1,9}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > FORMAT_VERSION) {
			throw new IOException(JSON + " of '" + where + "': \"format_version\" " + Quoted.of(text) + " is not one " +
				"this FAIG reads (" + (FORMAT_VERSION == 1 ? "1" : "1 to " + FORMAT_VERSION) + "): a package from a " +
				"newer FAIG needs that newer FAIG, else the file is damaged");
		}
	}

	/**
	 * The package's {@code "weights"} file name, refused when it leaves the package: an absolute path, a {@code ..}
	 * step, a control character (a NUL would cut the name short in the filesystem).
	 */
	private static String weightsName(final JsonObject m, final File where) throws IOException {
		final String name = string(m, "weights", WEIGHTS);
		final boolean control = name.chars().anyMatch(Character::isISOControl);
		Path p = null;
		if (!control && !name.isEmpty()) {
			try {
				p = Path.of(name);
			}
			catch (final java.nio.file.InvalidPathException e) {
				p = null;
			}
		}
		if (p == null || p.isAbsolute() || name.startsWith("/") || name.startsWith("\\") || name.contains(":") ||
			!p.normalize().equals(p) || p.startsWith("..") || p.toString().isEmpty())
		{
			throw new IOException(JSON + " of '" + where + "': \"weights\" is " + Quoted.of(name) + ": expected the " +
				"name of a file inside the package, such as " + WEIGHTS);
		}
		return name.replace('\\', '/');
	}

	private static ZipEntry find(final ZipFile zip, final String leaf) {
		for (final ZipEntry e : Collections.list(zip.entries())) {
			if (e.getName().equals(leaf) || e.getName().endsWith("/" + leaf)) return e;
		}
		return null;
	}

	private static JsonObject parse(final String text, final File where) throws IOException {
		try {
			final JsonElement e = JsonParser.parseString(text);
			if (!e.isJsonObject()) throw new IOException(JSON + " of '" + where + "' is not a JSON object");
			return e.getAsJsonObject();
		}
		catch (final JsonParseException e) {
			throw new IOException(JSON + " of '" + where + "' is not valid JSON: " + e.getMessage());
		}
	}

	private static ModelPackage fromParts(final JsonObject m, final StateDict weights, final File where)
		throws IOException
	{
		checkSizeAgainstWeights(m, weights, where);
		final NetworkSpec spec;
		try {
			spec = new NetworkSpec(required(m, "architecture", where), integer(m, "scale", where), integer(m,
				"num_feat", where), integer(m, "num_block", where), options(m, where), channels(m, "num_in_ch", where),
				channels(m, "num_out_ch", where));
		}
		catch (final IllegalArgumentException e) {
			throw new IOException(JSON + " of '" + where + "': " + e.getMessage());
		}
		try {
			return new ModelPackage(spec, string(m, "name", where.getName()), string(m, "role", "other"), string(m,
				"description", ""), string(m, "license", "unknown"), m.has("provenance") && m.get("provenance")
					.isJsonObject() ? m.getAsJsonObject("provenance") : null, weights);
		}
		catch (final IllegalArgumentException e) {
			if (e.getMessage() != null && e.getMessage().startsWith("weight tensor")) {
				throw new IOException("model '" + where + "': " + e.getMessage());
			}
			throw new IOException("model '" + where + "': " + JSON + " disagrees with the weights: " + e.getMessage());
		}
	}

	/**
	 * Refuses, before a network is described or built, a {@code model.json} whose size fields the weights cannot
	 * hold: every block has at least one weight and one bias tensor, and no tensor is narrower than the network's
	 * width. (The exact tensor-by-tensor check follows; this one keeps a "num_block": 100000000 from building a
	 * hundred million layers first.)
	 */
	private static void checkSizeAgainstWeights(final JsonObject m, final StateDict weights, final File where)
		throws IOException
	{
		final int blocks = integer(m, "num_block", where);
		if (blocks > weights.size() / 2) {
			throw new IOException(JSON + " of '" + where + "': \"num_block\" is " + blocks + ", but the weights hold " +
				"only " + weights.size() + " tensors: expected the num_block the weights were trained with");
		}
		long widest = 0;
		for (final String n : weights.names()) {
			for (final long d : weights.get(n).shape()) widest = Math.max(widest, d);
		}
		final int feat = integer(m, "num_feat", where);
		if (feat > widest) {
			throw new IOException(JSON + " of '" + where + "': \"num_feat\" is " + feat + ", but no weight tensor is " +
				"wider than " + widest + ": expected the num_feat the weights were trained with");
		}
	}

	private static String required(final JsonObject m, final String key, final File where) throws IOException {
		if (!m.has(key)) throw new IOException(JSON + " of '" + where + "' lacks \"" + key + "\"");
		if (!m.get(key).isJsonPrimitive()) {
			throw new IOException(JSON + " of '" + where + "': \"" + key + "\" must be a single value, got " + m.get(key));
		}
		return m.get(key).getAsString();
	}

	private static int integer(final JsonObject m, final String key, final File where) throws IOException {
		final String s = required(m, key, where);
		try {
			return Integer.parseInt(s.trim());
		}
		catch (final NumberFormatException e) {
			throw new IOException(JSON + " of '" + where + "': \"" + key + "\" must be an integer, got " + Quoted.of(s));
		}
	}

	/** {@code num_in_ch} or {@code num_out_ch}: 3 (RGB) when absent, as BasicSR's usual setting and older packages. */
	private static int channels(final JsonObject m, final String key, final File where) throws IOException {
		return m.has(key) ? integer(m, key, where) : NetworkSpec.RGB;
	}

	/** The architecture's options ({@code "options": {"res_scale": 1.0, "rgb_mean": [...]}}); null when absent. */
	private static Map<String, List<Double>> options(final JsonObject m, final File where)
		throws IOException
	{
		if (!m.has("options") || m.get("options").isJsonNull()) return null;
		if (!m.get("options").isJsonObject()) {
			throw new IOException(JSON + " of '" + where + "': \"options\" must be an object of numbers, got " + m.get(
				"options"));
		}
		final Map<String, List<Double>> out = new LinkedHashMap<>();
		for (final Map.Entry<String, JsonElement> e : m.getAsJsonObject("options").entrySet()) {
			final List<Double> v = new ArrayList<>();
			final JsonElement j = e.getValue();
			try {
				if (j.isJsonArray()) for (final JsonElement x : j.getAsJsonArray()) v.add(number(x));
				else v.add(number(j));
			}
			catch (final IllegalStateException | NumberFormatException | UnsupportedOperationException x) {
				throw new IOException(JSON + " of '" + where + "': option \"" + e.getKey() + "\" must be a number or " +
					"a list of numbers, got " + j);
			}
			out.put(e.getKey(), v);
		}
		return out;
	}

	private static double number(final JsonElement j) {
		if (!j.isJsonPrimitive() || !j.getAsJsonPrimitive().isNumber()) throw new IllegalStateException("not a number");
		return j.getAsDouble();
	}

	private static String string(final JsonObject m, final String key, final String dflt) {
		// a value of another kind (a list, an object) is as good as absent: these fields only describe the model
		return m.has(key) && m.get(key).isJsonPrimitive() ? m.get(key).getAsString() : dflt;
	}

	// -- Writing --

	/** The {@code model.json} text. */
	public String json() {
		return json(null);
	}

	private String json(final String writtenBy) {
		final JsonObject m = new JsonObject();
		m.addProperty("format", FORMAT);
		m.addProperty("format_version", 1);
		if (writtenBy != null) m.addProperty("written_by", writtenBy);
		m.addProperty("name", name);
		m.addProperty("architecture", spec.architecture());
		m.addProperty("scale", spec.scale());
		m.addProperty("num_feat", spec.numFeat());
		m.addProperty("num_block", spec.numBlock());
		// BasicSR's names; left out for RGB (3, the default), so RGB packages read as before
		if (spec.numInCh() != NetworkSpec.RGB || spec.numOutCh() != NetworkSpec.RGB) {
			m.addProperty("num_in_ch", spec.numInCh());
			m.addProperty("num_out_ch", spec.numOutCh());
		}
		if (!spec.options().isEmpty()) {
			// the architecture's own hyper-parameters (EDSR: res_scale, img_range, rgb_mean), in its order
			final JsonObject o = new JsonObject();
			for (final ArchitectureProvider.Option d : spec.provider().options()) {
				final List<Double> v = spec.options().get(d.name());
				if (d.vector()) {
					final JsonArray a = new JsonArray();
					for (final Double x : v) a.add(x);
					o.add(d.name(), a);
				}
				else o.addProperty(d.name(), v.get(0));
			}
			m.add("options", o);
		}
		m.addProperty("role", role);
		m.addProperty("description", description);
		m.addProperty("license", license);
		m.addProperty("weights", WEIGHTS);
		m.addProperty("filters", spec.filterCount());
		m.addProperty("parameters", weights.parameterCount());
		m.add("provenance", provenance);
		return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(m) + "\n";
	}

	/**
	 * Writes the package as a folder (or, if the name ends in {@code .zip}, a zip), as {@link #write(File, String)}
	 * with this library as the writer.
	 */
	public void write(final File target) throws IOException {
		write(target, "faig-fiji");
	}

	/**
	 * Writes the package as a folder (or, if the name ends in {@code .zip}, a zip), recording {@code writtenBy} (the
	 * command) in {@code model.json}. The package is built under a fresh temporary sibling and moved into place, so
	 * a failed write leaves nothing half-written and an earlier package intact. An existing {@code target} is
	 * replaced only when {@link #isReplaceable(File)} proves it is a package this project wrote; anything else there
	 * (a user's folder or file) is refused, never deleted.
	 */
	public void write(final File target, final String writtenBy) throws IOException {
		final Path dst = target.toPath().toAbsolutePath().normalize();
		if (dst.getParent() == null) throw new IOException("cannot write a model package to '" + target + "'");
		final String taken = Files.exists(dst, LinkOption.NOFOLLOW_LINKS) ? replaceProblem(dst.toFile()) : null;
		if (taken != null) {
			throw new IOException("'" + target + "' already exists and is not a model package written by FAIG Train " +
				"Model or FAIG Import Model (" + taken + "); choose a new path (nothing was changed)");
		}
		if (!Files.isDirectory(dst.getParent())) {
			throw new IOException("the folder that would hold '" + target + "' does not exist: create it first");
		}
		final boolean zipped = target.getName().endsWith(".zip");
		// what a killed run left beside it (provably its own), then a fresh name of our own: nothing that already
		// exists is ever deleted to make room for it
		OutputPaths.removeLeftovers(dst.getParent());
		final Path tmp = OutputPaths.freshSibling(dst, !zipped);
		Path aside = null; // a fresh folder of ours that holds the earlier package while the new one moves in
		Path old = null;
		try {
			final String text = json(writtenBy);
			if (zipped) {
				try (OutputStream fo = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(fo)) {
					zip.putNextEntry(new ZipEntry(JSON));
					zip.write(text.getBytes(StandardCharsets.UTF_8));
					zip.closeEntry();
					zip.putNextEntry(new ZipEntry(WEIGHTS));
					SafeTensors.write(weights, Map.of("format", "pt"), zip);
					zip.closeEntry();
				}
			}
			else {
				Files.writeString(tmp.resolve(JSON), text, StandardCharsets.UTF_8);
				SafeTensors.write(weights, Map.of("format", "pt"), tmp.resolve(WEIGHTS).toFile());
			}
			if (Files.exists(dst, LinkOption.NOFOLLOW_LINKS)) {
				// the earlier package steps aside (a rename), and comes back if the new one cannot move in
				aside = OutputPaths.freshSibling(dst, true);
				old = aside.resolve("package");
				Files.move(dst, old);
			}
			try {
				Files.move(tmp, dst, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (final IOException e) {
				if (old != null) Files.move(old, dst);
				old = null;
				throw e;
			}
		}
		finally {
			// only what this call made: the temporary package, the replaced package (proven replaceable above) and the
			// folder that held it aside; a package moved back stays where it was
			deleteOwn(tmp);
			if (old != null) deleteOwn(old);
			if (aside != null && !Files.exists(aside.resolve("package"), LinkOption.NOFOLLOW_LINKS)) {
				Files.deleteIfExists(aside);
			}
		}
	}

	/**
	 * Whether {@code path} is a model package this project wrote and may replace: a folder holding nothing but
	 * {@code model.json} (format {@value #FORMAT}, written by a training or import command) and its weights, or a
	 * zip of one. Anything else — a user's folder, an image, the current folder — is not.
	 */
	public static boolean isReplaceable(final File path) {
		return replaceProblem(path) == null;
	}

	/** Why {@code path} may not be replaced (see {@link #isReplaceable(File)}), or {@code null} if it may. */
	public static String replaceProblem(final File path) {
		try {
			if (Files.isSymbolicLink(path.toPath())) {
				return "it is a symbolic link; give the folder it points to, " + path.toPath().toRealPath();
			}
			if (path.isDirectory()) {
				final String[] names = path.list();
				if (names == null) return "it cannot be listed";
				for (final String n : names) {
					if (!n.equals(JSON) && !n.equals(WEIGHTS)) return "it also holds '" + n + "'";
				}
				if (!new File(path, JSON).isFile()) return "it has no " + JSON;
				return ownJson(Files.readString(new File(path, JSON).toPath(), StandardCharsets.UTF_8)) ? null
					: "its " + JSON + " does not say FAIG wrote it";
			}
			if (path.isFile() && path.getName().endsWith(".zip")) {
				try (ZipFile zip = new ZipFile(path)) {
					for (final ZipEntry e : Collections.list(zip.entries())) {
						if (!e.getName().equals(JSON) && !e.getName().equals(WEIGHTS)) {
							return "it also holds '" + e.getName() + "'";
						}
					}
					final ZipEntry je = zip.getEntry(JSON);
					if (je == null) return "it has no " + JSON;
					try (InputStream in = zip.getInputStream(je)) {
						return ownJson(new String(in.readAllBytes(), StandardCharsets.UTF_8)) ? null : "its " + JSON +
							" does not say FAIG wrote it";
					}
				}
			}
			return path.isFile() ? "it is a file" : "it is not a folder or a zip";
		}
		catch (final IOException | RuntimeException e) {
			return "it cannot be read as a model package";
		}
	}

	/** A {@code model.json} of this format that says a training or import command wrote it. */
	private static boolean ownJson(final String text) {
		final JsonElement e = JsonParser.parseString(text);
		if (!e.isJsonObject()) return false;
		final JsonObject m = e.getAsJsonObject();
		if (!m.has("format") || !FORMAT.equals(m.get("format").getAsString())) return false;
		if (m.has("written_by")) return true;
		// packages written before "written_by" existed record the training command in their provenance
		final JsonElement p = m.get("provenance");
		return p != null && p.isJsonObject() && p.getAsJsonObject().has("command") && p.getAsJsonObject().get(
			"command").getAsString().contains("FAIG Train Model");
	}

	/** Deletes a temporary package of ours (only the files a package holds, then the folder). */
	private static void deleteOwn(final Path p) throws IOException {
		if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
			Files.deleteIfExists(p.resolve(JSON));
			Files.deleteIfExists(p.resolve(WEIGHTS));
		}
		Files.deleteIfExists(p);
	}

	@Override
	public String toString() {
		return name + " (" + spec + ", " + role + ")";
	}
}
