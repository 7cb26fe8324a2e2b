package io.github.faig.cli;

import java.io.File;
import java.util.regex.Pattern;

import io.github.faig.cli.HeadlessLine.SyntaxException;
import io.github.faig.io.UriFile;

/**
 * Turns the values of a headless line into the types of a command's inputs, strictly: a value that cannot be
 * read as its input's type is a bad line (status 2), with a message naming the key, the value and what is expected.
 */
public final class InputValues {

	/** A decimal number as Java and ImageJ write them; no NaN, infinity, hex or type suffixes. */
	private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
	private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");

	private InputValues() {}

	/**
	 * Why {@code text}, given for input {@code key} of {@code type}, is not a number of that type as a headless line
	 * takes it (a whole number for integer inputs, a finite decimal one for others); {@code null} when it is one, or
	 * when the input is not a number. ImageJ macro lines use it too: imagej-legacy reads {@code t_blur=abc} or a
	 * decimal comma ({@code 0,5}) as 0.
	 */
	public static String notANumber(final String key, final Class<?> type, final String text) {
		return notANumber(key, box(type), text.trim(), "'" + io.github.faig.workflow.Quoted.of(text) + "'");
	}

	/** The one number check of both: {@code trimmed} against the type's pattern, the message showing {@code shown}. */
	private static String notANumber(final String key, final Class<?> boxed, final String trimmed, final String shown) {
		if (boxed == Integer.class || boxed == Long.class) {
			return INTEGER.matcher(trimmed).matches() ? null : key + " expects a whole number, got " + shown;
		}
		if (boxed == Double.class || boxed == Float.class) {
			return NUMBER.matcher(trimmed).matches() ? null : key + " expects a finite decimal number, got " + shown;
		}
		return null;
	}

	/** Whether inputs of {@code type} can be given on a headless line. */
	public static boolean settable(final Class<?> type) {
		return type == File.class || type == String.class || box(type) == Boolean.class || box(type) == Integer.class ||
			box(type) == Long.class || box(type) == Double.class || box(type) == Float.class;
	}

	/**
	 * The value of input {@code key} of {@code type}. Text (paths and words) must be quoted; booleans are
	 * {@code true} or {@code false}; numbers are decimal and finite (quotes around them are allowed).
	 */
	public static Object convert(final String key, final Class<?> type, final HeadlessLine.Value v) {
		final Class<?> t = box(type);
		final String text = v.text().trim();
		if (t == String.class || t == File.class) {
			if (!v.quoted()) {
				throw new SyntaxException(key + "=" + v.text() + ": text must be quoted, as " + key + "='" + v.text() + "'");
			}
			if (t != File.class) return v.text();
			try {
				// a filesystem URI (hdfs://nn/images) stays one: File alone would fold it into a local path
				return UriFile.of(v.text(), key);
			}
			catch (final IllegalArgumentException e) {
				throw new SyntaxException(e.getMessage());
			}
		}
		if (t == Boolean.class) {
			if (text.equals("true")) return true;
			if (text.equals("false")) return false;
			throw new SyntaxException(key + " expects true or false, got " + io.github.faig.workflow.Quoted.of(v.toString()));
		}
		final String bad = notANumber(key, t, text, io.github.faig.workflow.Quoted.of(v.toString()));
		if (bad != null) throw new SyntaxException(bad);
		if (t == Integer.class || t == Long.class) {
			try {
				return t == Integer.class ? (Object) Integer.parseInt(text) : (Object) Long.parseLong(text);
			}
			catch (final NumberFormatException e) {
				throw new SyntaxException(key + " = " + text + " is out of range for a whole number (at most " + (t ==
					Integer.class ? Integer.MAX_VALUE : Long.MAX_VALUE) + ")");
			}
		}
		if (t == Double.class || t == Float.class) {
			final double d = Double.parseDouble(text);
			if (!Double.isFinite(d) || t == Float.class && !Float.isFinite((float) d)) {
				throw new SyntaxException(key + " = " + text + " is too large: expected a finite number");
			}
			return t == Double.class ? (Object) d : (Object) (float) d;
		}
		throw new SyntaxException(key + " cannot be given on a headless line (it takes a " + type.getSimpleName() +
			")");
	}

	private static Class<?> box(final Class<?> c) {
		if (c == int.class) return Integer.class;
		if (c == long.class) return Long.class;
		if (c == double.class) return Double.class;
		if (c == float.class) return Float.class;
		if (c == boolean.class) return Boolean.class;
		return c;
	}
}
