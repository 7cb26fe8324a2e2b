package io.github.faig.degrade;

import java.util.Locale;

/**
 * The kinds of low-resolution input of the paper: clean LR, blurry, noisy, and both (docs/method.md §1). The order of the
 * operations is fixed: blur (on HR) → downscale → noise → 8-bit quantisation.
 */
public enum Degradation {
	CLEAN("clean", false, false),
	BLUR("blur", true, false),
	NOISE("noise", false, true),
	BLUR_NOISE("blur+noise", true, true);

	private final String label;
	private final boolean blur;
	private final boolean noise;

	Degradation(final String label, final boolean blur, final boolean noise) {
		this.label = label;
		this.blur = blur;
		this.noise = noise;
	}

	/** Short label as shown in tables and slice names: clean, blur, noise, blur+noise. */
	public String label() {
		return label;
	}

	public boolean hasBlur() {
		return blur;
	}

	public boolean hasNoise() {
		return noise;
	}

	/** The degradation with the given components. */
	public static Degradation of(final boolean blur, final boolean noise) {
		return blur ? noise ? BLUR_NOISE : BLUR : noise ? NOISE : CLEAN;
	}

	/** Parses a label (case-insensitive; also accepts the enum names and "blur_noise"). */
	public static Degradation parse(final String s) {
		final String t = s.trim().toLowerCase(Locale.ROOT).replace('_', '+').replace(' ', '+');
		for (final Degradation d : values()) {
			if (d.label.equals(t) || d.name().toLowerCase(Locale.ROOT).replace('_', '+').equals(t)) return d;
		}
		if (t.equals("clean+lr") || t.equals("lr")) return CLEAN;
		throw new IllegalArgumentException("unknown degradation '" + s +
			"'; expected one of clean, blur, noise, blur+noise");
	}

	@Override
	public String toString() {
		return label;
	}
}
