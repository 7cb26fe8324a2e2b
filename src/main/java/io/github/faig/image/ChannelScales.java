package io.github.faig.image;

import java.io.Serializable;
import java.util.List;

/**
 * The intensity scales of an image's channels: one shared by all ({@code together}), or one per channel
 * ({@code separately}). Channel {@code c} of a {@link FloatImage} maps by {@link #of(int) of(c)}.
 */
public record ChannelScales(List<IntensityScale> scales) implements Serializable {

	public ChannelScales {
		if (scales == null || scales.isEmpty()) throw new IllegalArgumentException("no intensity scale");
		scales = List.copyOf(scales);
	}

	/** One scale for every channel. */
	public static ChannelScales shared(final IntensityScale scale) {
		return new ChannelScales(List.of(scale));
	}

	/** The scale of channel {@code c} (0-based); a shared scale serves every channel. */
	public IntensityScale of(final int c) {
		return scales.size() == 1 ? scales.get(0) : scales.get(c);
	}

	/** Whether every channel shares one scale. */
	public boolean isShared() {
		return scales.size() == 1;
	}

	/** How many scales there are (1 when shared). */
	public int size() {
		return scales.size();
	}

	/** Whether every channel maps by {@code [0, max]}. */
	public boolean isTypeRange(final double max) {
		for (final IntensityScale s : scales) {
			if (s.low() != 0 || s.high() != max) return false;
		}
		return true;
	}

	/** The scale values' text, e.g. {@code [0, 255]} or {@code C1 [100, 3900]; C2 [90, 500]}. */
	@Override
	public String toString() {
		if (isShared()) return scales.get(0).toString();
		final StringBuilder b = new StringBuilder();
		for (int c = 0; c < scales.size(); c++) b.append(c == 0 ? "" : "; ").append("C").append(c + 1).append(' ')
			.append(scales.get(c));
		return b.toString();
	}
}
