package io.github.faig.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which network and its hyper-parameters (docs/method.md §2): an architecture of {@link Architectures} (its
 * canonical name), the scale, {@code num_feat}, {@code num_block}, and the architecture's own
 * {@linkplain ArchitectureProvider#options() options}, every one present (defaults filled in). What
 * {@code num_feat} and {@code num_block} mean, and which values are allowed, is the architecture's to say:
 * <ul>
 * <li>{@code MSRResNet}: {@code numFeat} channels, {@code numBlock} residual blocks, scale 2, 3 or 4. Paper size 64
 * × 16 at ×2 (151,936 filters).</li>
 * <li>{@code SRCNNStyle}: a plain conv stack without skips; {@code numFeat} is the width of the first conv (the
 * others have 2·width), {@code numBlock} the number of 2w→2w convs before upsampling; scale 2 or 3. Paper size
 * width 64, 4 middle convs (156,224 filters).</li>
 * <li>{@code EDSR}: EDSR-baseline as BasicSR's {@code EDSR}, {@code numFeat} channels, {@code numBlock} residual
 * blocks, scale 2, 3 or 4; options {@code res_scale}, {@code img_range}, {@code rgb_mean} ({@link Edsr}).</li>
 * </ul>
 * The image channels, BasicSR's {@code num_in_ch} and {@code num_out_ch}: 3 (RGB, the default and the paper's) or 1
 * (grey), the same for input and output, since FAIG's images go in and come back with their own channels.
 */
public record NetworkSpec(String architecture, int scale, int numFeat, int numBlock,
	Map<String, List<Double>> options, int numInCh, int numOutCh)
{

	/** RGB: BasicSR's default {@code num_in_ch} and {@code num_out_ch}. */
	public static final int RGB = 3;
	/** Grey. */
	public static final int GREY = 1;

	public static final String MSRRESNET = "MSRResNet";
	public static final String SRCNN_STYLE = "SRCNNStyle";

	/**
	 * @param architecture a name or alias of {@link Architectures} (canonicalised)
	 * @param options values of the architecture's options by name; {@code null} or a missing option takes its
	 *          default
	 * @param numInCh the input's channels: 1 or 3
	 * @param numOutCh the output's channels: as {@code numInCh}
	 * @throws IllegalArgumentException in one line, for an unknown architecture or option, or values the
	 *           architecture does not accept
	 */
	public NetworkSpec(final String architecture, final int scale, final int numFeat, final int numBlock,
		final Map<String, List<Double>> options, final int numInCh, final int numOutCh)
	{
		final ArchitectureProvider a = Architectures.get(architecture);
		if (numFeat < 1) throw new IllegalArgumentException("num_feat must be >= 1, got " + numFeat);
		if (numBlock < 0) throw new IllegalArgumentException("num_block must be >= 0, got " + numBlock);
		checkChannels(numInCh, numOutCh);
		this.architecture = a.name();
		this.scale = scale;
		this.numFeat = numFeat;
		this.numBlock = numBlock;
		this.options = complete(a, options == null ? Map.of() : options);
		this.numInCh = numInCh;
		this.numOutCh = numOutCh;
		a.check(this);
	}

	/** An RGB network ({@code num_in_ch = num_out_ch = 3}). */
	public NetworkSpec(final String architecture, final int scale, final int numFeat, final int numBlock,
		final Map<String, List<Double>> options)
	{
		this(architecture, scale, numFeat, numBlock, options, RGB, RGB);
	}

	private static void checkChannels(final int in, final int out) {
		if (in != GREY && in != RGB) {
			throw new IllegalArgumentException("num_in_ch must be 1 (grey) or 3 (RGB), got " + in);
		}
		if (out != in) {
			throw new IllegalArgumentException("num_out_ch must equal num_in_ch (" + in + "), got " + out + ": FAIG's " +
				"networks give back an image with the channels they take");
		}
	}

	/** This spec with other image channels (1 or 3, the same for input and output). */
	public NetworkSpec withChannels(final int channels) {
		return new NetworkSpec(architecture, scale, numFeat, numBlock, options, channels, channels);
	}

	/** Whether the network takes and gives grey images (one channel). */
	public boolean grey() {
		return numInCh == GREY;
	}

	/** A spec with the architecture's default options. */
	public NetworkSpec(final String architecture, final int scale, final int numFeat, final int numBlock) {
		this(architecture, scale, numFeat, numBlock, null);
	}

	/** The paper's MSRResNet ×2: 64 features, 16 blocks. */
	public static NetworkSpec msrResNet() {
		return new NetworkSpec(MSRRESNET, 2, 64, 16);
	}

	/** The paper's SRCNN-style ×2: width 64, 4 middle convs. */
	public static NetworkSpec srcnnStyle() {
		return new NetworkSpec(SRCNN_STYLE, 2, 64, 4);
	}

	private static Map<String, List<Double>> complete(final ArchitectureProvider a,
		final Map<String, List<Double>> given)
	{
		final Map<String, List<Double>> out = new LinkedHashMap<>();
		final List<String> declared = new ArrayList<>();
		for (final ArchitectureProvider.Option o : a.options()) {
			declared.add(o.name());
			final List<Double> v = given.containsKey(o.name()) ? given.get(o.name()) : o.defaults();
			if (v == null || v.size() != o.defaults().size()) {
				throw new IllegalArgumentException(a.name() + " option " + o.name() + " takes " + (o.vector() ? o.defaults()
					.size() + " numbers" : "one number") + ", got " + v);
			}
			for (final Double d : v) {
				if (d == null || !Double.isFinite(d)) {
					throw new IllegalArgumentException(a.name() + " option " + o.name() + " must be finite, got " + v);
				}
			}
			out.put(o.name(), List.copyOf(v));
		}
		for (final String k : new TreeSet<>(given.keySet())) {
			if (!declared.contains(k)) {
				throw new IllegalArgumentException(a.name() + " has no option '" + k + "'" + (declared.isEmpty()
					? ": it takes none" : "; its options are " + String.join(", ", declared)));
			}
		}
		return Collections.unmodifiableMap(out);
	}

	/** The provider of this spec's architecture. */
	public ArchitectureProvider provider() {
		return Architectures.get(architecture);
	}

	/** The value of a number option of the architecture. */
	public double option(final String name) {
		final List<Double> v = options.get(name);
		if (v == null) throw new IllegalArgumentException(architecture + " has no option '" + name + "'");
		if (v.size() != 1) throw new IllegalArgumentException(architecture + " option " + name + " is a vector");
		return v.get(0);
	}

	/** The values of a vector option of the architecture. */
	public double[] vector(final String name) {
		final List<Double> v = options.get(name);
		if (v == null) throw new IllegalArgumentException(architecture + " has no option '" + name + "'");
		final double[] out = new double[v.size()];
		for (int i = 0; i < out.length; i++) out[i] = v.get(i);
		return out;
	}

	/** This spec with one option set. */
	public NetworkSpec withOption(final String name, final double... values) {
		final Map<String, List<Double>> o = new LinkedHashMap<>(options);
		final List<Double> v = new ArrayList<>();
		for (final double d : values) v.add(d);
		o.put(name, v);
		return new NetworkSpec(architecture, scale, numFeat, numBlock, o, numInCh, numOutCh);
	}

	/** The implementation of this architecture. */
	public Architecture build() {
		return provider().build(this);
	}

	/** The convolutions in BasicSR state-dict order, which is also the filter numbering order. */
	public List<ConvLayer> layers() {
		return build().layers();
	}

	/** How many filters (K×K weight slices, docs/method.md §3) the network has: Σ out·in over its convolutions. */
	public int filterCount() {
		int n = 0;
		for (final ConvLayer l : layers()) n += l.filterCount();
		return n;
	}

	/**
	 * For example {@code MSRResNet(x2, num_feat=64, num_block=16)}; options, and the channels, are named where they
	 * differ from the defaults.
	 */
	@Override
	public String toString() {
		final StringBuilder s = new StringBuilder(architecture + "(x" + scale + ", num_feat=" + numFeat + ", num_block=" +
			numBlock);
		if (numInCh != RGB || numOutCh != RGB) s.append(", num_in_ch=").append(numInCh).append(", num_out_ch=").append(
			numOutCh);
		for (final ArchitectureProvider.Option o : provider().options()) {
			final List<Double> v = options.get(o.name());
			if (v.equals(o.defaults())) continue;
			s.append(", ").append(o.name()).append('=').append(o.vector() ? v.toString() : v.get(0).toString());
		}
		return s.append(")").toString();
	}
}
