package io.github.faig.attribution;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.io.AtomicOutputs;

/**
 * The discovered filter sets of one model pair: the blur and noise rankings (files {@code blur_index.txt},
 * {@code noise_index.txt} in the reference's format) and a {@code filter_sets.json} naming the models, the
 * degradation parameters, how they were computed and, once calibrated, the prediction thresholds.
 */
public final class FilterSets {

	/** The largest filter_sets.json read (the ones FAIG writes take a few kB). */
	private static final long MAX_JSON_BYTES = 1L << 20;

	public static final String JSON = "filter_sets.json";
	public static final String BLUR_FILE = "blur_index.txt";
	public static final String NOISE_FILE = "noise_index.txt";

	private final Ranking blur;
	private final Ranking noise;
	private final String baseline;
	private final String target;
	private final DegradationParams params;
	private final JsonObject extra;

	public FilterSets(final Ranking blur, final Ranking noise, final String baseline, final String target,
		final DegradationParams params)
	{
		this(blur, noise, baseline, target, params, new JsonObject());
	}

	private FilterSets(final Ranking blur, final Ranking noise, final String baseline, final String target,
		final DegradationParams params, final JsonObject extra)
	{
		if (blur.size() != noise.size()) {
			throw new IllegalArgumentException("blur and noise rankings differ in size: " + blur.size() + " vs " + noise
				.size());
		}
		this.blur = blur;
		this.noise = noise;
		this.baseline = baseline;
		this.target = target;
		this.params = params;
		this.extra = extra;
	}

	public Ranking ranking(final Degradation d) {
		if (d == Degradation.BLUR) return blur;
		if (d == Degradation.NOISE) return noise;
		throw new IllegalArgumentException("filter sets exist for blur and noise, not " + d);
	}

	public String baselineModel() {
		return baseline;
	}

	public String targetModel() {
		return target;
	}

	public DegradationParams params() {
		return params;
	}

	/** Everything else stored in the JSON (provenance, thresholds); a copy. */
	public JsonObject extra() {
		return extra.deepCopy();
	}

	/** A copy with one more top-level JSON entry (e.g. calibrated thresholds). */
	public FilterSets with(final String key, final JsonObject value) {
		final JsonObject e = extra.deepCopy();
		e.add(key, value);
		return new FilterSets(blur, noise, baseline, target, params, e);
	}

	/** A copy naming other models ({@code baseline_model}, {@code target_model} of the JSON). */
	public FilterSets withModels(final String baselineModel, final String targetModel) {
		return new FilterSets(blur, noise, baselineModel, targetModel, params, extra);
	}

	/**
	 * These sets, read from {@code dir} for any model ({@code filters} -1), held against a model's filter count: the
	 * refusal {@link #read} gives with that count, without reading the folder again.
	 */
	public FilterSets checkFilters(final File dir, final int filters) {
		if (blur.size() != filters) {
			throw new IllegalArgumentException("filter_sets file '" + new File(dir, BLUR_FILE) + "' lists " + blur.size() +
				" filters; the model has " + filters + (baseline.isEmpty() || target.isEmpty() ? "" : ": the sets were " +
					"computed for baseline_model '" + baseline + "' and target_model '" + target + "'; give those"));
		}
		return this;
	}

	/** Writes {@code filter_sets.json}; {@code provenance} may be {@code null}. */
	public void writeJson(final File f, final JsonObject provenance) throws IOException {
		final JsonObject o = extra.deepCopy();
		o.addProperty("format", "faig-filter-sets");
		o.addProperty("baseline_model", baseline);
		o.addProperty("target_model", target);
		o.addProperty("filters", blur.size());
		o.addProperty("blur_sigma", params.blurSigma());
		o.addProperty("kernel_size", params.kernelSize());
		o.addProperty("scale", params.scale());
		o.addProperty("noise_sigma", params.noiseSigma());
		o.addProperty("blur_file", BLUR_FILE);
		o.addProperty("noise_file", NOISE_FILE);
		if (provenance != null) o.add("provenance", provenance);
		Files.writeString(f.toPath(), new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n",
			StandardCharsets.UTF_8);
	}

	/**
	 * Writes this filter-set folder through {@code out} (whose folder is {@code dir}): the index files (copied from
	 * {@code indexFrom}, a folder holding them, unless that is {@code dir} itself, where they stay; written from the
	 * rankings when {@code indexFrom} is {@code null}), a dated copy of the {@value #JSON} {@code dir} holds (its
	 * calibrated thresholds may be the result of hours of work), and the new {@value #JSON}.
	 */
	public void writeFolder(final AtomicOutputs out, final File dir, final JsonObject provenance, final File indexFrom)
		throws IOException
	{
		final File old = new File(dir, JSON);
		if (old.isFile()) {
			out.write("filter_sets." + new SimpleDateFormat("yyyyMMdd-HHmmss-SSS", Locale.ROOT).format(new Date()) +
				".json", f -> Files.copy(old.toPath(), f.toPath(), StandardCopyOption.REPLACE_EXISTING));
		}
		if (indexFrom == null) {
			out.write(BLUR_FILE, blur::writeIndexFile);
			out.write(NOISE_FILE, noise::writeIndexFile);
		}
		else if (!indexFrom.getCanonicalFile().equals(dir.getCanonicalFile())) {
			for (final String n : new String[] { BLUR_FILE, NOISE_FILE }) {
				out.write(n, f -> Files.copy(new File(indexFrom, n).toPath(), f.toPath(),
					StandardCopyOption.REPLACE_EXISTING));
			}
		}
		out.write(JSON, f -> writeJson(f, provenance));
	}

	/** Writes all three files into a folder. */
	public void write(final File dir, final JsonObject provenance) throws IOException {
		blur.writeIndexFile(new File(dir, BLUR_FILE));
		noise.writeIndexFile(new File(dir, NOISE_FILE));
		writeJson(new File(dir, JSON), provenance);
	}

	/**
	 * Reads a folder with {@code blur_index.txt} and {@code noise_index.txt} (and, if present, the JSON).
	 *
	 * @param filters the architecture's filter count, or -1 for any
	 */
	public static FilterSets read(final File dir, final int filters) throws IOException {
		if (dir == null || !dir.isDirectory()) {
			throw new IllegalArgumentException("filter_sets '" + dir + "' is not a folder");
		}
		final File b = new File(dir, BLUR_FILE);
		final File n = new File(dir, NOISE_FILE);
		if (!b.isFile() || !n.isFile()) {
			throw new IllegalArgumentException("filter_sets '" + dir + "' lacks " + BLUR_FILE + " or " + NOISE_FILE);
		}
		final File j = new File(dir, JSON);
		JsonObject o = new JsonObject();
		final DegradationParams p;
		final String base;
		final String tgt;
		try {
			if (j.isFile() && j.length() > MAX_JSON_BYTES) {
				throw new IllegalArgumentException("it is " + io.github.faig.io.MemoryBudget.size(j.length()) + ", far " +
					"more than a filter_sets.json takes (a few kB)");
			}
			if (j.isFile()) o = JsonParser.parseString(Files.readString(j.toPath(), StandardCharsets.UTF_8))
				.getAsJsonObject();
			p = new DegradationParams(num(o, "blur_sigma", DegradationParams.DEFAULT_BLUR_SIGMA), (int) num(o,
				"kernel_size", DegradationParams.DEFAULT_KERNEL_SIZE), (int) num(o, "scale", DegradationParams.DEFAULT_SCALE),
				num(o, "noise_sigma", DegradationParams.DEFAULT_NOISE_SIGMA));
			base = o.has("baseline_model") ? o.get("baseline_model").getAsString() : "";
			tgt = o.has("target_model") ? o.get("target_model").getAsString() : "";
		}
		catch (final RuntimeException e) {
			// Gson's syntax, state and number errors, and a parameter out of range: name the file, not the parser
			throw new IOException(j + " is not a valid filter_sets.json (" + String.valueOf(e.getMessage()).replaceFirst(
				"^[\\w.$]+(Exception|Error): ", "") + "); restore it from its " +
				"dated copy or compute the filter sets again");
		}
		for (final String k : new String[] { "format", "baseline_model", "target_model", "filters", "blur_sigma",
			"kernel_size", "scale", "noise_sigma", "blur_file", "noise_file" })
		{
			o.remove(k);
		}
		return new FilterSets(Ranking.readIndexFile(b, filters, "filter_sets file"), Ranking.readIndexFile(n,
			filters, "filter_sets file"), base, tgt, p, o);
	}

	private static double num(final JsonObject o, final String k, final double d) {
		return o.has(k) ? o.get(k).getAsDouble() : d;
	}
}
