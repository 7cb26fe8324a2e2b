package io.github.faig.workflow;

/**
 * A user's value as a one-line message quotes it: control characters (a NUL, a newline, an escape) written as
 * {@code \u0000}-style escapes so the message stays one readable line, and a long value cut to its first
 * {@value #MAX} characters followed by "…" and its length, so a 100 MB line is not echoed back.
 */
public final class Quoted {

	/** The most characters of a value a message quotes. */
	public static final int MAX = 80;

	private Quoted() {}

	/** {@code value} escaped and shortened; "null" for null. */
	public static String of(final CharSequence value) {
		if (value == null) return "null";
		final int n = value.length();
		final StringBuilder b = new StringBuilder(Math.min(n, MAX) + 16);
		for (int i = 0; i < n && i < MAX; i++) {
			final char c = value.charAt(i);
			if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') b.append(String.format("\\u%04x", (int) c));
			else b.append(c);
		}
		if (n > MAX) b.append("\u2026 (").append(n).append(" characters)");
		return b.toString();
	}

	/**
	 * A number as a user writes it in a macro or headless line: {@code -2}, not {@code -2.0}; {@code 0.0002}, not
	 * {@code 2.0E-4} (a decimal input reaches the checks as a double, whose own text is Java's). Magnitudes from
	 * 10<sup>-6</sup> to below 10<sup>15</sup> are written plainly, others with an exponent ({@code 1e-7},
	 * {@code 2.5e+20}); NaN and the infinities as Java writes them.
	 */
	public static String number(final Object v) {
		if (v instanceof Double || v instanceof Float) {
			final double d = ((Number) v).doubleValue();
			final double a = Math.abs(d);
			if (d == 0) return "0";
			if (Double.isFinite(d)) {
				// the float's own shortest text, not its double widening's (1.1f is not 1.100000023841858)
				final String text = v instanceof Float ? Float.toString((Float) v) : Double.toString(d);
				final java.math.BigDecimal b = new java.math.BigDecimal(text).stripTrailingZeros();
				// tiny and huge numbers as a user writes them in a macro or headless line: 1e-7, 2.5e+20
				return a >= 1e-6 && a < 1e15 ? b.toPlainString() : b.toString().replace('E', 'e');
			}
		}
		return String.valueOf(v);
	}
}
