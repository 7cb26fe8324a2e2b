package io.github.faig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** Headless progress lines: at most one per interval, with done/total, elapsed time and time left. */
class ProgressLineTest {

	@Test
	void oneLinePerIntervalWithElapsedAndTimeLeft() {
		final AtomicLong now = new AtomicLong(0);
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		final ProgressLine p = new ProgressLine("FAIG Compute Filters", new PrintStream(bytes, true,
			StandardCharsets.UTF_8), now::get, 5);
		// 1 step per second for 60 s, reported every 0.5 s: 12 lines, one per 5 s
		for (int half = 1; half <= 120; half++) {
			now.set(half * 500_000_000L);
			p.report("FAIG step", half / 2, 240);
		}
		final String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
		assertEquals(12, lines.length);
		// at 10 s, 10 of 240 steps done: 230 s = 3:50 left
		assertEquals("FAIG Compute Filters: 10/240 (4 %), 0:10 elapsed, about 3:50 left - FAIG step", lines[1]);
		assertTrue(lines[11].startsWith("FAIG Compute Filters: 60/240 (25 %), 1:00 elapsed, about 3:00 left"), lines[11]);
	}

	/** #29: a step without a known total printed "Label: , 0:05 elapsed" (an empty count). */
	@Test
	void anUnknownTotalGivesTheTimeAlone() {
		final AtomicLong now = new AtomicLong(0);
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		final ProgressLine p = new ProgressLine("FAIG x", new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get,
			5);
		now.set(6_000_000_000L);
		p.report("steps", 3, 0);
		assertEquals("FAIG x: 0:06 elapsed - steps", bytes.toString(StandardCharsets.UTF_8).trim());
	}

	@Test
	void shortRunsPrintNothingAndQuietSilences() {
		final AtomicLong now = new AtomicLong(0);
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		final ProgressLine p = new ProgressLine("x", new PrintStream(bytes), now::get, 5);
		now.set(4_900_000_000L);
		p.report("", 3, 4);
		assertEquals(0, bytes.size());
		assertEquals("1:01:01", ProgressLine.duration(3661));
		final String old = System.getProperty("faig.quiet");
		System.setProperty("faig.quiet", "true");
		try {
			assertEquals(null, ProgressLine.forCommand("x", true));
		}
		finally {
			if (old == null) System.clearProperty("faig.quiet");
			else System.setProperty("faig.quiet", old);
		}
		assertEquals(null, ProgressLine.forCommand("x", false), "the GUI has its own progress bar");
	}
}
