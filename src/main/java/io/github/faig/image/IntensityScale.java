package io.github.faig.image;

import java.util.Arrays;
import java.util.Locale;

/**
 * The linear map between an image's own pixel values and the networks' [0, 1] scale: {@code n = (v − low) /
 * (high − low)} on the way in, {@code v = low + n · (high − low)} on the way out. Values outside [low, high] map
 * outside [0, 1]; nothing is clipped here (the output type's range clips, when it has one).
 */
public record IntensityScale(double low, double high) {

	/** How {@code low} and {@code high} are chosen. */
	public enum Normalization {
		/**
		 * What a microscopist expects of each type: the type range for 8-bit and RGB (the paper's setting, so its
		 * results stand); for a 16-bit image whose channels share one scale, its {@link #BIT_DEPTH bit depth}'s range
		 * (12-bit data in a 16-bit file maps by [0, 4095], as the camera wrote it, so it gets the answer its 8-bit
		 * version gets); for 16-bit channels scaled separately and for 32-bit data, the low and high percentiles
		 * (default 1 and 99.8), so a dim channel is not left dim; min–max where the two percentiles coincide
		 * (sparse data).
		 */
		AUTO("auto"),
		/** The pixel type's range: 8-bit and RGB [0, 255], 16-bit [0, 65535], 32-bit [0, 1] if the values fit. */
		TYPE_RANGE("type-range"),
		/** The image's smallest and largest value. */
		MIN_MAX("min-max"),
		/** Two percentiles of the image's values (as CSBDeep and StarDist normalise). */
		PERCENTILE("percentile"),
		/**
		 * [0, 2^b − 1], b the data's bit depth: the least of 8, 10, 12, 14 and 16 bits that holds its 99.99th
		 * percentile (a few hot pixels do not count), as a camera's converter writes it and as ImageJ's "16-bit
		 * range" option displays it. Float data in [0, 1] maps as it is; float data beyond 16 bits by [0, that
		 * percentile]; negative values map below 0, unclipped.
		 */
		BIT_DEPTH("bit-depth");

		private final String label;

		Normalization(final String label) {
			this.label = label;
		}

		/** The name used by the commands' {@code normalization} input. */
		public String label() {
			return label;
		}

		/** The mode named {@code label}; a clear message naming {@code param} otherwise. */
		public static Normalization of(final String label, final String param) {
			for (final Normalization n : values()) {
				if (n.label.equals(label)) return n;
			}
			throw new IllegalArgumentException(param + " must be one of " + String.join(", ", CHOICES) + "; got '" +
				label + "'");
		}
	}

	/** The choices of the {@code normalization} input, default first. */
	public static final String[] CHOICES = { "auto", "type-range", "min-max", "percentile", "bit-depth" };

	/** The default of the {@code normalization} input. */
	public static final String DEFAULT = "auto";

	/** How the channels of a multi-channel image share a scale: the {@code normalize_channels} input. */
	public enum Channels {
		/** Separately for multi-channel images that are not RGB, together for RGB and single-channel ones. */
		AUTO("auto"),
		/** Each channel its own scale, taken over all its planes (z slices and frames). */
		SEPARATELY("separately"),
		/** One scale for every channel and plane. */
		TOGETHER("together");

		private final String label;

		Channels(final String label) {
			this.label = label;
		}

		/** The name used by the commands' {@code normalize_channels} input. */
		public String label() {
			return label;
		}

		/** Whether channels get a scale each, for an image of {@code channels} channels ({@code rgb}: colour ones). */
		public boolean separate(final int channels, final boolean rgb) {
			if (channels < 2) return false;
			return this == SEPARATELY || this == AUTO && !rgb;
		}

		/** The mode named {@code label}; a clear message naming {@code param} otherwise. */
		public static Channels of(final String label, final String param) {
			for (final Channels c : values()) {
				if (c.label.equals(label)) return c;
			}
			throw new IllegalArgumentException(param + " must be one of " + String.join(", ", CHANNEL_CHOICES) +
				"; got '" + label + "'");
		}
	}

	/** The choices of the {@code normalize_channels} input, default first. */
	public static final String[] CHANNEL_CHOICES = { "auto", "separately", "together" };

	/** The default of the {@code normalize_channels} input. */
	public static final String DEFAULT_CHANNELS = "auto";

	/** The percentile whose bit depth {@link Normalization#BIT_DEPTH} takes: all but one pixel in 10,000. */
	public static final double BIT_DEPTH_PERCENTILE = 99.99;

	/** Default percentiles (StarDist's defaults; CSBDeep's low one is 3). */
	public static final double DEFAULT_LOW_PERCENTILE = 1.0;
	public static final double DEFAULT_HIGH_PERCENTILE = 99.8;

	/** The identity: values already on the [0, 1] scale. */
	public static final IntensityScale UNIT = new IntensityScale(0, 1);

	public IntensityScale {
		if (!Double.isFinite(low) || !Double.isFinite(high) || !(high > low)) {
			throw new IllegalArgumentException("intensity range [" + low + ", " + high + "] is empty or not finite");
		}
	}

	/** {@code v} on the [0, 1] scale. */
	public float forward(final double v) {
		return isUnit() ? (float) v : (float) ((v - low) / (high - low));
	}

	/** A [0, 1]-scale value back in the image's own values. */
	public double inverse(final double n) {
		return isUnit() ? n : low + n * (high - low);
	}

	/** True for the identity map (32-bit data already on the [0, 1] scale). */
	public boolean isUnit() {
		return low == 0 && high == 1;
	}

	/**
	 * The scale of an image's values.
	 *
	 * @param values every value of the image (all channels and planes)
	 * @param typeMax 255 or 65535 for integer types, {@code Double.NaN} for float data (which has no type range)
	 */
	public static IntensityScale of(final float[] values, final double typeMax, final Normalization mode,
		final double lowPercentile, final double highPercentile)
	{
		return of(values, typeMax, mode, lowPercentile, highPercentile, false);
	}

	/**
	 * As {@link #of(float[], double, Normalization, double, double)}, for one channel of an image whose channels
	 * are scaled separately when {@code perChannel} ({@link Normalization#AUTO} then takes percentiles for 16-bit
	 * data too, so that a dim channel's scale is its own).
	 */
	public static IntensityScale of(final float[] values, final double typeMax, final Normalization mode,
		final double lowPercentile, final double highPercentile, final boolean perChannel)
	{
		return of(new Sorted(values), typeMax, mode, lowPercentile, highPercentile, perChannel);
	}

	/**
	 * As {@link #of(float[], double, Normalization, double, double)} for integer data given as its histogram:
	 * {@code counts[v]} pixels have value {@code v} (8- and 16-bit images: exact, in one pass and without a copy of
	 * the values, so a large stack costs 65536 counters, not a sort).
	 */
	public static IntensityScale ofCounts(final long[] counts, final double typeMax, final Normalization mode,
		final double lowPercentile, final double highPercentile, final boolean perChannel)
	{
		return of(new Counted(counts), typeMax, mode, lowPercentile, highPercentile, perChannel);
	}

	private static IntensityScale of(final Ranked values, final double typeMax, final Normalization mode,
		final double lowPercentile, final double highPercentile, final boolean perChannel)
	{
		switch (mode) {
			case AUTO: {
				// integer data that fills 8 bits is the paper's: its type range; deeper data rarely fills its type
				if (typeMax == 255) return new IntensityScale(0, 255);
				// one scale for a 16-bit image: the range its camera wrote, the same linear map as its 8-bit version's
				// up to a contrast of at most 4x (percentiles would stretch each image, or crop, by its own content)
				if (isFixedRange(mode, typeMax, perChannel)) return bitDepthRange(values, typeMax, lowPercentile,
					highPercentile);
				checkPercentiles(lowPercentile, highPercentile);
				if (values.size() == 0) return UNIT;
				final double lo = values.percentile(lowPercentile);
				final double hi = values.percentile(highPercentile);
				// sparse data (beads on a flat background): the percentiles coincide, so the data's own extent
				if (hi > lo) return new IntensityScale(lo, hi);
				return spanOf(values.at(0), values.at(values.size() - 1));
			}
			case TYPE_RANGE: {
				if (!Double.isNaN(typeMax)) return new IntensityScale(0, typeMax);
				// float data has no type range: [0, 1] when it fits (today's behaviour), else its own min–max, so a
				// 32-bit image in [0, 1000] is not clamped to [0, 1]
				if (values.size() == 0) return UNIT;
				final double min = values.at(0);
				final double max = values.at(values.size() - 1);
				if (min >= 0 && max <= 1) return UNIT;
				return spanOf(min, max);
			}
			case BIT_DEPTH:
				return bitDepthRange(values, typeMax, lowPercentile, highPercentile);
			case MIN_MAX: {
				if (values.size() == 0) return UNIT;
				return spanOf(values.at(0), values.at(values.size() - 1));
			}
			default: {
				checkPercentiles(lowPercentile, highPercentile);
				final double lo = values.percentile(lowPercentile);
				final double hi = values.percentile(highPercentile);
				// sparse data (a few bright beads on a flat background) would be scaled by a span of one grey level
				if (!(hi > lo) && values.at(values.size() - 1) > values.at(0)) {
					throw new IllegalArgumentException(String.format(Locale.ROOT, "normalization=percentile: the %s and " +
						"%s percentiles are both %s (most pixels share that value); choose percentiles further apart, " +
						"normalization='min-max' or 'auto'", lowPercentile, highPercentile, lo));
				}
				return spanOf(lo, hi);
			}
		}
	}

	/**
	 * Whether {@code mode} maps integer data of type maximum {@code typeMax} by a range fixed before the values are
	 * seen (the type's, or its bit depth's): values outside [0, 1] are then outside what the camera or file can
	 * hold, and a degradation that leaves [0, 1] is clipped as the 8-bit reference clips it. Ranges taken from the
	 * values (min–max, percentiles) are not: data beyond them is real.
	 */
	public static boolean isFixedRange(final Normalization mode, final double typeMax, final boolean perChannel) {
		if (Double.isNaN(typeMax)) return false;
		return switch (mode) {
			case TYPE_RANGE, BIT_DEPTH -> true;
			case AUTO -> typeMax == 255 || typeMax == 65535 && !perChannel;
			default -> false;
		};
	}

	/** [0, 2^b − 1] for the data's bit depth b (see {@link Normalization#BIT_DEPTH}). */
	private static IntensityScale bitDepthRange(final Ranked values, final double typeMax, final double lowPercentile,
		final double highPercentile)
	{
		checkPercentiles(lowPercentile, highPercentile);
		if (values.size() == 0) return UNIT;
		final double min = values.at(0);
		final double max = values.at(values.size() - 1);
		if (Double.isNaN(typeMax) && min >= 0 && max <= 1) return UNIT;
		// the depth that holds all but the top 0.01 %, not the maximum: one hot pixel must not make 12-bit data 16-bit,
		// while a few beads (many pixels each) still count
		final double top = values.percentile(BIT_DEPTH_PERCENTILE);
		// the usual converters' depths; each step is 4x, so the high percentile lies in the top three quarters
		for (int b = 8; b <= 16; b += 2) {
			if (top <= (1 << b) - 1) return new IntensityScale(0, (1 << b) - 1);
		}
		return spanOf(0, top);
	}

	/** An image's values in ascending order, by rank. */
	private interface Ranked {

		long size();

		/** The value of rank {@code k} (0-based) in ascending order. */
		double at(long k);

		/** The {@code p}-th percentile, interpolated linearly between ranks (NumPy's default). */
		default double percentile(final double p) {
			if (size() == 0) throw new IllegalArgumentException("no values");
			final double rank = p / 100.0 * (size() - 1);
			final long lo = (long) Math.floor(rank);
			final long hi = Math.min(lo + 1, size() - 1);
			final double a = at(lo);
			return a + (rank - lo) * (at(hi) - a);
		}
	}

	/** Float values, sorted once (lazily: min–max and the type range need only the extremes). */
	private static final class Sorted implements Ranked {

		private final float[] values;
		private float[] sorted;

		Sorted(final float[] values) {
			this.values = values;
		}

		@Override
		public long size() {
			return values.length;
		}

		@Override
		public double at(final long k) {
			if (sorted == null && (k == 0 || k == values.length - 1)) {
				float e = values[0];
				for (final float v : values) e = k == 0 ? Math.min(e, v) : Math.max(e, v);
				return e;
			}
			if (sorted == null) {
				sorted = values.clone();
				Arrays.sort(sorted);
			}
			return sorted[(int) k];
		}
	}

	/** Integer values as a histogram. */
	private static final class Counted implements Ranked {

		private final long[] counts;
		private final long size;

		Counted(final long[] counts) {
			this.counts = counts;
			long n = 0;
			for (final long c : counts) n += c;
			this.size = n;
		}

		@Override
		public long size() {
			return size;
		}

		@Override
		public double at(final long k) {
			long seen = 0;
			for (int v = 0; v < counts.length; v++) {
				seen += counts[v];
				if (seen > k) return v;
			}
			throw new IllegalArgumentException("rank " + k + " of " + size + " values");
		}
	}

	/** Refuses percentiles outside [0, 100] or in the wrong order, naming the inputs. */
	public static void checkPercentiles(final double low, final double high) {
		if (!(low >= 0 && low <= 100) || !(high >= 0 && high <= 100) || !(low < high)) {
			throw new IllegalArgumentException(String.format(Locale.ROOT,
				"low_percentile and high_percentile must satisfy 0 <= low < high <= 100; got %s and %s", low, high));
		}
	}

	/** The {@code p}-th percentile of sorted values, interpolated linearly between ranks (NumPy's default). */
	static double percentile(final float[] sorted, final double p) {
		return new Sorted(sorted).percentile(p);
	}

	// a flat image has no spread to scale by: keep its level, with a unit span
	private static IntensityScale spanOf(final double low, final double high) {
		return high > low ? new IntensityScale(low, high) : new IntensityScale(low, low + 1);
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "[%g, %g]", low, high);
	}
}
