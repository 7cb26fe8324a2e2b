package io.github.faig.representation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One class of a representation set: blur σ (0 for none) and noise σ (0 for none), with a label such as
 * {@code clean}, {@code blur1}, {@code noise0.05} or {@code blur2+noise0.1}.
 */
public record DegradationClass(String label, double blurSigma, double noiseSigma) {

	/** The default classes: clean; blur σ 1 and 2; noise σ 0.05 and 0.1; blur 2 + noise 0.1. */
	public static final String DEFAULT = "clean;blur:1;blur:2;noise:0.05;noise:0.1;blur+noise:2:0.1";

	/**
	 * Parses {@code clean;blur:S;noise:S;blur+noise:S:S} (separated by semicolons), e.g.
	 * {@link #DEFAULT}.
	 */
	public static List<DegradationClass> parse(final String spec) {
		final List<DegradationClass> out = new ArrayList<>();
		for (final String part : spec.split(";")) {
			final String p = part.trim().toLowerCase(Locale.ROOT);
			if (p.isEmpty()) continue;
			final String[] f = p.split(":", -1);
			try {
				final int fields = f[0].equals("clean") ? 1 : f[0].equals("blur+noise") ? 3 : 2;
				if (f.length != fields) throw new IllegalArgumentException();
				switch (f[0]) {
					case "clean": out.add(new DegradationClass("clean", 0, 0)); break;
					case "blur": out.add(new DegradationClass("blur" + trim(f[1]), pos(f[1]), 0)); break;
					case "noise": out.add(new DegradationClass("noise" + trim(f[1]), 0, pos(f[1]))); break;
					case "blur+noise":
						out.add(new DegradationClass("blur" + trim(f[1]) + "+noise" + trim(f[2]), pos(f[1]), pos(f[2])));
						break;
					default: throw new IllegalArgumentException();
				}
			}
			catch (final RuntimeException e) {
				throw new IllegalArgumentException("classes: cannot read '" + part + "'; expected clean, blur:SIGMA, " +
					"noise:SIGMA or blur+noise:SIGMA:SIGMA separated by ';'");
			}
		}
		if (out.size() < 2) throw new IllegalArgumentException("classes: need at least 2 classes, got '" + io.github.faig.workflow.Quoted.of(spec) + "'");
		for (int i = 0; i < out.size(); i++) {
			for (int j = 0; j < i; j++) {
				if (out.get(i).label().equals(out.get(j).label())) {
					throw new IllegalArgumentException("classes: " + out.get(i).label() + " is given twice in '" + spec + "'");
				}
			}
		}
		return out;
	}

	private static double pos(final String s) {
		final double v = Double.parseDouble(s.trim());
		if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException();
		return v;
	}

	private static String trim(final String s) {
		final double v = Double.parseDouble(s.trim());
		return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
	}
}
