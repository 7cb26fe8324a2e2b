package io.github.faig.nn.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;

import io.github.faig.io.MemoryBudget;

/**
 * What every weights and model parser shares: a damaged file ends in one line that names it and what is wrong, never
 * in the bare exception of the byte or JSON level (a buffer underflow, a negative array size, an index out of range,
 * a JSON value of the wrong kind), and no file is read into more memory than the heap can give.
 */
final class Parsing {

	/** A parse that may throw. */
	@FunctionalInterface
	interface Parse<T> {
		T run() throws IOException;
	}

	private Parsing() {}

	/**
	 * Runs {@code parse}; any exception of the byte or JSON level becomes an IOException "{@code what} is damaged or
	 * not {@code expected} (…)". IOExceptions (which name the file already) pass as they are, and the project's own
	 * IllegalArgumentExceptions with the file's name put before them where they lack it.
	 */
	static <T> T guarded(final String what, final String expected, final Parse<T> parse) throws IOException {
		try {
			return parse.run();
		}
		catch (final NumberFormatException e) {
			throw new IOException(what + " is damaged or not " + expected + " (a number that is not one: " + e
				.getMessage() + ")");
		}
		catch (final IllegalArgumentException e) {
			// the project's own words; named here when they do not name the file themselves
			if (e.getMessage() != null && e.getMessage().contains(what)) throw e;
			throw new IOException(what + " is damaged or not " + expected + ": " + e.getMessage());
		}
		catch (final OutOfMemoryError e) {
			throw new IOException(what + " is too large for the Java heap (" + MemoryBudget.size(Runtime.getRuntime()
				.maxMemory()) + "); expected " + expected + " of a size the heap holds (FAIG_HEAP)");
		}
		catch (final RuntimeException e) {
			throw new IOException(what + " is damaged or not " + expected + " (" + kind(e) + ")");
		}
	}

	/** What a bare exception of a parser means, in words. */
	private static String kind(final RuntimeException e) {
		if (e instanceof BufferUnderflowException) return "it ends before the data its header announces";
		if (e instanceof NegativeArraySizeException) return "a size in it is negative";
		if (e instanceof IndexOutOfBoundsException) return "a length or offset in it points outside the data";
		if (e instanceof NullPointerException) return "a field is missing";
		if (e instanceof ClassCastException || e instanceof IllegalStateException ||
			e instanceof UnsupportedOperationException) return "a field holds a value of the wrong kind";
		if (e instanceof ArithmeticException) return "a size in it is too large";
		return e.getClass().getSimpleName().replace("Exception", "") + (e.getMessage() != null ? ": " + e.getMessage()
			: "");
	}

	/**
	 * Every byte of {@code in}, refused once it exceeds half the free heap (the parsed values need as much again): a
	 * weights entry that large is damaged or a zip bomb.
	 */
	static byte[] readAll(final InputStream in, final String what) throws IOException {
		final long limit = MemoryBudget.heapAvailable() / 2;
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		final byte[] buf = new byte[1 << 16];
		long total = 0;
		for (int n; (n = in.read(buf)) > 0;) {
			total += n;
			if (total > limit || total > Integer.MAX_VALUE - 16) {
				throw new IOException(what + " holds more than " + MemoryBudget.size(Math.min(limit, Integer.MAX_VALUE)) +
					", more than the Java heap can hold with the values it parses into (FAIG_HEAP); a weights file " +
					"that large is damaged or not weights");
			}
			out.write(buf, 0, n);
		}
		return out.toByteArray();
	}

	/** Refuses a file of {@code bytes} that would not fit the heap twice over (its bytes and its values). */
	static void requireFits(final String what, final long bytes) throws IOException {
		final long free = MemoryBudget.heapFree(MemoryBudget.product(2, bytes));
		if (bytes > free / 2 || bytes > Integer.MAX_VALUE - 16) {
			throw new IOException(what + " is " + MemoryBudget.size(bytes) + ", more than the Java heap can hold with " +
				"the values it parses into (" + MemoryBudget.size(free) + " free; FAIG_HEAP); a weights file that large " +
				"is damaged or not weights");
		}
	}
}
