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

	/**
	 * Why {@code text}, given in an ImageJ macro line for input {@code key} of {@code type}, is not a boolean;
	 * {@code null} when it is {@code true} or {@code false} (in any case, as imagej-legacy reads them), or when the
	 * input is not a boolean. imagej-legacy reads any other word ({@code with_clean=yes}) as false, and an empty one
	 * as null, which it cannot set (a stack trace, and the macro went on without the command).
	 */
	public static String notABoolean(final String key, final Class<?> type, final String text) {
		if (box(type) != Boolean.class) return null;
		final String t = text.trim();
		return t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false") ? null : key + " expects true or false, got '" +
			io.github.faig.workflow.Quoted.of(text) + "'";
	}

	/**
	 * The one number check of both: {@code trimmed} against the type's pattern (the message showing {@code shown}),
	 * then its magnitude: a whole number beyond the type's range, or a decimal one that is infinite as a double
	 * ({@code 1e400}), is refused as the user wrote it (imagej-legacy's reader would make it 0 or Infinity).
	 */
	private static String notANumber(final String key, final Class<?> boxed, final String trimmed, final String shown) {
		if (boxed == Integer.class || boxed == Long.class) {
			if (!INTEGER.matcher(trimmed).matches()) return key + " expects a whole number, got " + shown;
			try {
				if (boxed == Integer.class) Integer.parseInt(trimmed);
				else Long.parseLong(trimmed);
				return null;
			}
			catch (final NumberFormatException e) {
				return key + " = " + io.github.faig.workflow.Quoted.of(trimmed) + " is out of range for a whole number (from " +
					(boxed == Integer.class ? Integer.MIN_VALUE + " to " + Integer.MAX_VALUE : Long.MIN_VALUE + " to " +
						Long.MAX_VALUE) + ")";
			}
		}
		if (boxed == Double.class || boxed == Float.class) {
			if (!NUMBER.matcher(trimmed).matches()) return key + " expects a finite decimal number, got " + shown;
			final double d = Double.parseDouble(trimmed);
			if (!Double.isFinite(d) || boxed == Float.class && !Float.isFinite((float) d)) {
				return key + " = " + io.github.faig.workflow.Quoted.of(trimmed) + " is too large: expected a finite number";
			}
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
		if (t == Integer.class) return Integer.parseInt(text); // in range: checked above
		if (t == Long.class) return Long.parseLong(text);
		if (t == Double.class) return Double.parseDouble(text);
		if (t == Float.class) return (float) Double.parseDouble(text);
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
