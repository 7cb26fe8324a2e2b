package io.github.faig.io;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a run may still allocate, checked before work is committed: a request that would not fit is refused in one
 * line naming the input, instead of growing until the JVM's {@link OutOfMemoryError} or the kernel's out-of-memory
 * killer ends it (which can take the whole machine with it). Two pools (README, Troubleshooting):
 * <ul>
 * <li>the Java heap ({@code FAIG_HEAP}): images and their float copies;</li>
 * <li>native memory: the tensors of the deep-learning engine, which the heap limit does not bound. A request may take
 * at most {@link #NATIVE_SHARE} of the memory the system reports available ({@code MemAvailable} on Linux). The heap's
 * unclaimed growth is not subtracted: Fiji's launcher sets the heap maximum to 75 % of the machine's memory, so that
 * rule would refuse every network pass in a Fiji started with its defaults.</li>
 * </ul>
 * Java properties {@code faig.memory.heap} and {@code faig.memory.native} (bytes) override what is measured, for
 * tests and for users who know better.
 */
public final class MemoryBudget {

	/** The share of the available system memory one request may take. */
	public static final double NATIVE_SHARE = 0.8;

	private MemoryBudget() {}

	/** Bytes of Java heap not in use now (the heap may grow to its maximum). */
	public static long heapAvailable() {
		final Long given = given("faig.memory.heap");
		if (given != null) return given;
		final Runtime r = Runtime.getRuntime();
		return r.maxMemory() - (r.totalMemory() - r.freeMemory());
	}

	/**
	 * {@link #heapAvailable()} for a request of {@code bytes}: counted again after a garbage collection when the
	 * request looks too large, since what looks used may be garbage not yet collected.
	 */
	public static long heapFree(final long bytes) {
		final long free = heapAvailable();
		if (bytes <= free || bytes > Runtime.getRuntime().maxMemory() || System.getProperty("faig.memory.heap") != null) {
			return free;
		}
		System.gc();
		return heapAvailable();
	}

	/** Bytes of native memory one request may take (see the class comment). */
	public static long nativeAvailable() {
		final Long given = given("faig.memory.native");
		if (given != null) return given;
		return (long) (systemAvailable() * NATIVE_SHARE);
	}

	/**
	 * Refuses a request of {@code bytes} of heap that does not fit, in one line: "{@code what} needs about 3.6 GB of
	 * Java heap, more than the 1.2 GB free; {@code advice}".
	 */
	public static void requireHeap(final String what, final long bytes, final String advice) {
		final long free = heapFree(bytes);
		if (bytes > free) {
			throw new IllegalArgumentException(what + " needs about " + size(bytes) + " of Java heap, more than the " +
				size(free) + " free" + (advice != null ? "; " + advice : ""));
		}
	}

	/** Refuses a request of {@code bytes} of native memory that does not fit, as {@link #requireHeap}. */
	public static void requireNative(final String what, final long bytes, final String advice) {
		final long free = nativeAvailable();
		if (bytes > free) {
			throw new IllegalArgumentException(what + " needs about " + size(bytes) + " of native memory, more than the " +
				size(free) + " this machine can give it" + (advice != null ? "; " + advice : ""));
		}
	}

	/** A byte count for people: {@code 3.6 GB}, {@code 512 MB}. */
	public static String size(final long bytes) {
		if (bytes >= 1L << 30) return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
		if (bytes >= 1L << 20) return String.format(Locale.ROOT, "%.0f MB", bytes / (double) (1L << 20));
		return String.format(Locale.ROOT, "%.0f kB", Math.max(1, bytes / 1024.0));
	}

	/** {@code a × b × …} in bytes, saturating at {@link Long#MAX_VALUE} rather than overflowing. */
	public static long product(final long... factors) {
		long p = 1;
		for (final long f : factors) {
			if (f <= 0) return 0;
			if (p > Long.MAX_VALUE / f) return Long.MAX_VALUE;
			p *= f;
		}
		return p;
	}

	/** Memory the system can give without swapping: Linux's MemAvailable, else what the JVM reports free. */
	private static long systemAvailable() {
		try {
			for (final String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (l.startsWith("MemAvailable:")) {
					final long kb = Long.parseLong(l.replaceAll("[^0-9]", ""));
					// inside a container the JVM sees the container's limit: the smaller of the two counts
					return Math.min(kb * 1024, containerFree());
				}
			}
		}
		catch (final IOException | RuntimeException e) {
			// not Linux: the JVM's count
		}
		final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		return os instanceof com.sun.management.OperatingSystemMXBean ? ((com.sun.management.OperatingSystemMXBean) os)
			.getFreeMemorySize() : Long.MAX_VALUE;
	}

	private static long containerFree() {
		final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		if (os instanceof com.sun.management.OperatingSystemMXBean) {
			final com.sun.management.OperatingSystemMXBean sun = (com.sun.management.OperatingSystemMXBean) os;
			// on a host, total is the machine's; free then excludes the page cache, so only a limit below it counts
			final long total = sun.getTotalMemorySize();
			final long free = sun.getFreeMemorySize();
			return total > 0 && total < hostTotal() ? free : Long.MAX_VALUE;
		}
		return Long.MAX_VALUE;
	}

	private static long hostTotal() {
		try {
			for (final String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (l.startsWith("MemTotal:")) return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
			}
		}
		catch (final IOException | RuntimeException e) {
			// unknown
		}
		return Long.MAX_VALUE;
	}

	private static Long given(final String property) {
		final String v = System.getProperty(property);
		if (v == null || v.isBlank()) return null;
		try {
			return Long.parseLong(v.trim());
		}
		catch (final NumberFormatException e) {
			throw new IllegalArgumentException(property + " (a Java property) must be a number of bytes, got '" + v + "'");
		}
	}
}
