package io.github.faig.cli;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code "key=value,key='text',…"} argument of a headless {@code --run} line, read strictly: every malformed
 * line is refused with a message naming the key, instead of being half-understood.
 * <p>
 * Hand-written rather than a general parser: the syntax is Fiji's headless {@code --run} one (comma-separated
 * {@code key=value}, text in single or double quotes, no escapes), and a general expression parser accepts lines
 * this launcher must refuse (an unquoted path parses as a division).
 * </p>
 * <pre>
 * key   = [A-Za-z_][A-Za-z0-9_]*
 * value = 'text' | "text" | bare      bare = a number or true/false: no spaces, commas or quotes
 * line  = key '=' value ( ',' key '=' value )*       spaces are allowed around '=' and after ','
 * </pre>
 */
public final class HeadlessLine {

	/** One value as written: its text and whether it was quoted. */
	public record Value(String text, boolean quoted) {

		@Override
		public String toString() {
			return quoted ? "'" + text + "'" : text;
		}
	}

	/** The line breaks the syntax; the message says where and what is expected. */
	public static final class SyntaxException extends IllegalArgumentException {

		public SyntaxException(final String message) {
			super(message);
		}
	}

	private final String s;
	private int i;

	private HeadlessLine(final String s) {
		this.s = s;
	}

	/** The keys and values of {@code line} in their order; an empty or blank line has none. */
	public static Map<String, Value> parse(final String line) {
		return new HeadlessLine(line == null ? "" : line).all();
	}

	/**
	 * The line that {@link #parse} reads back as {@code values}, in their order: paths and text quoted
	 * ({@code key='a b'}, or {@code key="it's"} when the text holds a single quote; a text holding both kinds of quote
	 * has no exact form and is written between single quotes as it is), numbers and true/false bare.
	 */
	public static String format(final Map<String, ?> values) {
		final StringBuilder s = new StringBuilder();
		for (final Map.Entry<String, ?> e : values.entrySet()) {
			if (s.length() > 0) s.append(',');
			final Object v = e.getValue();
			// numbers as a user writes them (learning_rate=0.0002, not 2.0E-4): they read back to the same value
			final String text = v instanceof File ? ((File) v).getPath() : v instanceof Number ? io.github.faig.workflow
				.Quoted.number(v) : String.valueOf(v);
			final char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
			s.append(e.getKey()).append('=');
			if (v instanceof Number || v instanceof Boolean) s.append(text);
			else s.append(quote).append(text).append(quote);
		}
		return s.toString();
	}

	private Map<String, Value> all() {
		final Map<String, Value> out = new LinkedHashMap<>();
		skipSpaces();
		if (i == s.length()) return out;
		String previous = null;
		while (true) {
			final String key = key(previous, previous == null ? null : out.get(previous));
			previous = key;
			final boolean spaced = i < s.length() && Character.isWhitespace(s.charAt(i));
			skipSpaces();
			if (i < s.length() && s.charAt(i) != '=' && s.charAt(i) != ',' && !spaced) {
				throw new SyntaxException("input name '" + key + s.charAt(i) + "…' holds '" + s.charAt(i) + "': names are " +
					"letters, digits and _ (as ./faig --list shows them)");
			}
			if (i == s.length() || s.charAt(i) != '=') {
				throw new SyntaxException("'" + key + "' has no value: expected " + key + "=value");
			}
			i++;
			skipSpaces();
			final Value v = value(key);
			if (out.put(key, v) != null) throw new SyntaxException(key + " is given twice");
			skipSpaces();
			if (i == s.length()) return out;
			if (s.charAt(i) != ',') {
				throw new SyntaxException("after " + key + "=" + v + " expected ',' or the end of the line, got '" +
					rest() + "' (separate inputs with commas, quote text: key='a b')");
			}
			i++;
			skipSpaces();
			if (i == s.length()) throw new SyntaxException("the line ends with a stray ',' after " + key);
		}
	}

	private String key(final String previous, final Value previousValue) {
		final int start = i;
		final String near = rest();
		while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
		final String key = s.substring(start, i);
		if (key.isEmpty() || Character.isDigit(key.charAt(0))) {
			if (previous == null || !near.matches("[\\d.+-].*")) {
				throw new SyntaxException("expected an input name (key=value) at '" + near + "'");
			}
			final String rest = near.split("[\\s']")[0].replaceAll(",?[A-Za-z_]\\w*=.*", "");
			// blur_sigma=1,5: a decimal comma reads as a list, so the hint names both
			final String decimal = previousValue.text().matches("[-+]?\\d+") && rest.matches("\\d+") ?
				"; a decimal number takes a point, as " + previous + "=" + previousValue.text() + "." + rest : "";
			throw new SyntaxException("expected an input name (key=value) at '" + near + "'; a list must be quoted, as " +
				previous + "='" + previousValue.text() + "," + rest + "'" + decimal);
		}
		return key;
	}

	private Value value(final String key) {
		if (i == s.length() || s.charAt(i) == ',') {
			throw new SyntaxException(key + "= has no value: expected " + key + "=value (text in quotes)");
		}
		final char c = s.charAt(i);
		if (c == '\'' || c == '"') {
			final int end = s.indexOf(c, i + 1);
			if (end < 0) throw new SyntaxException("the quote opened at " + key + "=" + c + " is never closed");
			final String text = s.substring(i + 1, end);
			i = end + 1;
			return new Value(text, true);
		}
		final int start = i;
		while (i < s.length() && s.charAt(i) != ',' && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '\'' &&
			s.charAt(i) != '"') i++;
		return new Value(s.substring(start, i), false);
	}

	private void skipSpaces() {
		while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
	}

	private String rest() {
		final String r = s.substring(i);
		return r.length() > 40 ? r.substring(0, 40) + "…" : r;
	}
}
