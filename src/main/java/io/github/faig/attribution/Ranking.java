package io.github.faig.attribution;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.github.faig.io.Rows;

/**
 * Filters ordered best first by a score (ties by ascending index), with the reference's file format (one filter
 * index per line, all filters, best first: {@code blur_index.txt}, {@code noise_index.txt}) and a richer CSV.
 */
public final class Ranking implements Serializable {

	private static final long serialVersionUID = 1L;

	private final int[] order;
	private final float[] scores;

	private Ranking(final int[] order, final float[] scores) {
		this.order = order;
		this.scores = scores;
	}

	/** Ranks by descending score; equal scores by ascending index. NaN scores are refused. */
	public static Ranking of(final float[] scores) {
		for (int i = 0; i < scores.length; i++) {
			if (Float.isNaN(scores[i])) throw new IllegalArgumentException("score of filter " + i + " is NaN");
		}
		final Integer[] idx = new Integer[scores.length];
		for (int i = 0; i < idx.length; i++) idx[i] = i;
		Arrays.sort(idx, (a, b) -> {
			final int c = Float.compare(scores[b], scores[a]);
			return c != 0 ? c : Integer.compare(a, b);
		});
		final int[] order = new int[idx.length];
		for (int i = 0; i < order.length; i++) order[i] = idx[i];
		return new Ranking(order, scores.clone());
	}

	/** A ranking given as an order (best first), e.g. read from a reference file; scores unknown (NaN). */
	public static Ranking ofOrder(final int[] order) {
		final boolean[] seen = new boolean[order.length];
		for (final int i : order) {
			if (i < 0 || i >= order.length || seen[i]) {
				throw new IllegalArgumentException("not a permutation of 0.." + (order.length - 1) + ": index " + i);
			}
			seen[i] = true;
		}
		final float[] s = new float[order.length];
		Arrays.fill(s, Float.NaN);
		return new Ranking(order.clone(), s);
	}

	/** The exact reverse order, scores negated: with two degradations, the other one's ranking (docs/method.md §3). */
	public Ranking reversed() {
		final int[] r = new int[order.length];
		for (int i = 0; i < r.length; i++) r[i] = order[order.length - 1 - i];
		final float[] s = new float[scores.length];
		for (int i = 0; i < s.length; i++) s[i] = -scores[i];
		return new Ranking(r, s);
	}

	public int size() {
		return order.length;
	}

	/** Filter indices, best first (a copy). */
	public int[] order() {
		return order.clone();
	}

	/** The score of filter {@code index} (NaN if unknown). */
	public float score(final int index) {
		return scores[index];
	}

	/** Number of filters in the top {@code percent} %: floor(N · p / 100). */
	public int count(final double percent) {
		if (!(percent >= 0 && percent <= 100)) {
			throw new IllegalArgumentException("percent must be in [0, 100], got " + percent);
		}
		return (int) Math.floor(order.length * percent / 100.0 + 1e-9);
	}

	/** The top {@code percent} % of filters, best first. */
	public int[] top(final double percent) {
		return Arrays.copyOf(order, count(percent));
	}

	// -- Files --

	/** Writes the reference format: one index per line, best first. */
	public void writeIndexFile(final File f) throws IOException {
		try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(f.toPath(), StandardCharsets.US_ASCII))) {
			for (final int i : order) w.print(i + "\n"); // the reference's line ends, whatever the platform
		}
	}

	/** The largest index file read when the model's filter count is not known (about 5 million indices). */
	static final long MAX_INDEX_FILE_BYTES = 64L << 20;

	/** Reads the reference format; {@code expected} filters (the architecture's count), or -1 for any. */
	public static Ranking readIndexFile(final File f, final int expected) throws IOException {
		return readIndexFile(f, expected, "filter set");
	}

	/**
	 * As {@link #readIndexFile(File, int)}; messages name the file as {@code input} (the input that gave it, e.g.
	 * {@code filter_file}).
	 */
	public static Ranking readIndexFile(final File f, final int expected, final String input) throws IOException {
		if (!f.isFile()) throw new IllegalArgumentException(input + " '" + f + "' is not a file");
		// an index line is at most 10 digits and a line end (the reference writes far fewer): a larger file is not a
		// ranking of this model, and reading it whole would take the memory
		final long limit = expected >= 0 ? (long) expected * 12 + 4096 : MAX_INDEX_FILE_BYTES;
		if (f.length() > limit) {
			throw new IllegalArgumentException(input + " '" + f + "' is " + io.github.faig.io.MemoryBudget.size(f
				.length()) + ", more than a ranking of " + (expected >= 0 ? "the model's " + expected + " filters" :
					"any model's filters") + " takes (at most " + io.github.faig.io.MemoryBudget.size(limit) + "): " +
				"expected a file of filter indices, one per line, such as blur_index.txt");
		}
		final List<String> lines;
		try {
			lines = Files.readAllLines(f.toPath(), StandardCharsets.US_ASCII);
		}
		catch (final CharacterCodingException e) {
			throw new IllegalArgumentException(input + " '" + f + "' is not a text file of filter indices (one per line)");
		}
		final int[] order = lines.stream().map(String::trim).filter(s -> !s.isEmpty()).mapToInt(s -> {
			try {
				return Integer.parseInt(s);
			}
			catch (final NumberFormatException e) {
				throw new IllegalArgumentException(input + " '" + f + "' has a line that is not an index: " + io.github.faig.workflow.Quoted.of(s));
			}
		}).toArray();
		if (expected >= 0 && order.length != expected) {
			throw new IllegalArgumentException(input + " '" + f + "' lists " + order.length + " filters; the model has " +
				expected);
		}
		try {
			return ofOrder(order);
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException(input + " '" + f + "' is " + e.getMessage());
		}
	}

	/**
	 * The rows of {@code blur_filters.csv} and {@code noise_filters.csv}: {@code rank,index,layer,out,in,score} for
	 * the top {@code percent} % (100 for all), the score to 9 significant digits.
	 */
	public Rows rows(final FilterIndex filters, final double percent) {
		final Rows t = new Rows().column("rank", Rows.Kind.INTEGER).column("index", Rows.Kind.INTEGER).column("layer",
			Rows.Kind.TEXT).column("out", Rows.Kind.INTEGER).column("in", Rows.Kind.INTEGER).column("score",
				Rows.Kind.TEXT);
		final int n = count(percent);
		for (int r = 0; r < n; r++) {
			final FilterIndex.Filter fl = filters.filter(order[r]);
			t.add().integer("rank", r + 1).integer("index", fl.index()).text("layer", fl.layerName()).integer("out", fl
				.out()).integer("in", fl.in()).text("score", String.format(Locale.ROOT, "%.9g", scores[order[r]]));
		}
		return t;
	}
}
