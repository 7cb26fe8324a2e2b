package io.github.faig.workflow;

import java.util.Locale;

/** Durations as people read them in progress messages. */
public final class Durations {

	private Durations() {}

	/** "42 s", "17 min" or "2.5 h". */
	public static String approximate(final double seconds) {
		if (seconds < 90) return Math.round(seconds) + " s";
		if (seconds < 5400) return Math.round(seconds / 60) + " min";
		return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
	}
}
