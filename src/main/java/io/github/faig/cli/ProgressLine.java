package io.github.faig.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Headless progress: one line on stderr at most every {@code interval} (done/total, elapsed, estimated time left,
 * from the rate of the steps this run made), so a run of hours shows it is alive. The first line comes only after
 * one interval: short commands print nothing.
 * Quiet when the system property {@code faig.quiet} is {@code true} or the environment variable {@code FAIG_QUIET}
 * is set (to anything but {@code 0} or {@code false}).
 */
public final class ProgressLine {

	/** Seconds between lines unless {@code faig.progress.seconds} says otherwise. */
	static final double DEFAULT_INTERVAL_S = 5;

	private final String label;
	private final PrintStream out;
	private final LongSupplier nanos;
	private final long intervalNanos;
	private final long start;
	private long last;
	/**
	 * Where the rate is measured from: the count of the first report with a known total (-1 before it) and its time
	 * (the start when that count is 0). A run that resumes reports its resume point first, and its time left then
	 * counts only the steps it made itself, not those an earlier run made.
	 */
	private long baseDone = -1;
	private long baseTime;

	ProgressLine(final String label, final PrintStream out, final LongSupplier nanos, final double intervalSeconds) {
		this.label = label;
		this.out = out;
		this.nanos = nanos;
		this.intervalNanos = (long) (intervalSeconds * 1e9);
		this.start = nanos.getAsLong();
		this.last = start;
	}

	/** The reporter of a command run now, or {@code null} when headless progress is switched off or not headless. */
	public static ProgressLine forCommand(final String label, final boolean headless) {
		if (!headless || quiet()) return null;
		double s = DEFAULT_INTERVAL_S;
		try {
			s = Double.parseDouble(System.getProperty("faig.progress.seconds", "" + DEFAULT_INTERVAL_S));
		}
		catch (final NumberFormatException e) {
			// keep the default: a bad tuning property must not stop a run
		}
		return new ProgressLine(label, System.err, System::nanoTime, Math.max(0.1, s));
	}

	/** Whether the user asked for no progress lines. */
	static boolean quiet() {
		if (Boolean.getBoolean("faig.quiet")) return true;
		final String env = System.getenv("FAIG_QUIET");
		return env != null && !env.isBlank() && !env.equals("0") && !env.equalsIgnoreCase("false");
	}

	/** Prints a line if an interval has passed since the last one; {@code done} of {@code total} are finished. */
	public void report(final String message, final long done, final long total) {
		final long now = nanos.getAsLong();
		if (baseDone < 0 && total > 0) {
			baseDone = done;
			baseTime = done == 0 ? start : now;
		}
		if (now - last < intervalNanos) return;
		last = now;
		final double elapsed = (now - start) / 1e9;
		final StringBuilder s = new StringBuilder(label).append(": ");
		if (total > 0) {
			s.append(done).append('/').append(total).append(String.format(Locale.ROOT, " (%.0f %%)", 100.0 * done /
				total));
		}
		if (total > 0) s.append(", "); // no count (an unknown total): the line starts with the time
		s.append(duration(elapsed)).append(" elapsed");
		if (total > 0 && baseDone >= 0 && done > baseDone && done < total) {
			final double perStep = (now - baseTime) / 1e9 / (done - baseDone);
			s.append(", about ").append(duration(perStep * (total - done))).append(" left");
		}
		if (message != null && !message.isBlank()) s.append(" - ").append(message);
		out.println(s);
		out.flush();
	}

	/** h:mm:ss or m:ss. */
	static String duration(final double seconds) {
		final long t = Math.round(Math.max(0, seconds));
		final long h = t / 3600;
		final long m = t / 60 % 60;
		final long sec = t % 60;
		return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec) : String.format(Locale.ROOT, "%d:%02d", m,
			sec);
	}
}
