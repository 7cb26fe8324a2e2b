package io.github.faig.nn;

import java.util.List;
import java.util.Locale;

/**
 * Which network and its hyper-parameters (docs/method.md §2). Two architectures:
 * <ul>
 * <li>{@code MSRResNet}: {@code numFeat} channels, {@code numBlock} residual blocks, scale 2, 3 or 4. Paper size 64
 * × 16 at ×2 (151,936 filters).</li>
 * <li>{@code SRCNNStyle}: a plain conv stack without skips; {@code numFeat} is the width of the first conv (the
 * others have 2·width), {@code numBlock} the number of 2w→2w convs before upsampling; scale 2 or 3. Paper size
 * width 64, 4 middle convs (156,224 filters).</li>
 * </ul>
 * Input and output are always RGB.
 */
public record NetworkSpec(String architecture, int scale, int numFeat, int numBlock) {

	public static final String MSRRESNET = "MSRResNet";
	public static final String SRCNN_STYLE = "SRCNNStyle";

	public NetworkSpec {
		architecture = canonical(architecture);
		if (numFeat < 1) throw new IllegalArgumentException("num_feat must be >= 1, got " + numFeat);
		if (numBlock < 0) throw new IllegalArgumentException("num_block must be >= 0, got " + numBlock);
		if (architecture.equals(MSRRESNET) && scale != 2 && scale != 3 && scale != 4) {
			throw new IllegalArgumentException("MSRResNet supports scale 2, 3 or 4, got " + scale);
		}
		if (architecture.equals(SRCNN_STYLE) && scale != 2 && scale != 3) {
			throw new IllegalArgumentException("SRCNNStyle supports scale 2 or 3, got " + scale);
		}
	}

	/** The paper's MSRResNet ×2: 64 features, 16 blocks. */
	public static NetworkSpec msrResNet() {
		return new NetworkSpec(MSRRESNET, 2, 64, 16);
	}

	/** The paper's SRCNN-style ×2: width 64, 4 middle convs. */
	public static NetworkSpec srcnnStyle() {
		return new NetworkSpec(SRCNN_STYLE, 2, 64, 4);
	}

	private static String canonical(final String a) {
		if (a == null) throw new IllegalArgumentException("architecture was not given");
		final String s = a.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
		if (s.equals("msrresnet") || s.equals("srresnet")) return MSRRESNET;
		if (s.equals("srcnnstyle") || s.equals("srcnn")) return SRCNN_STYLE;
		throw new IllegalArgumentException("unknown architecture '" + a + "'; expected MSRResNet or SRCNNStyle");
	}

	/** The implementation of this architecture. */
	public Architecture build() {
		return architecture.equals(MSRRESNET) ? new MSRResNet(this) : new SrcnnStyle(this);
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

	@Override
	public String toString() {
		return architecture + "(x" + scale + ", num_feat=" + numFeat + ", num_block=" + numBlock + ")";
	}
}
