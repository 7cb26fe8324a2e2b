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
}
