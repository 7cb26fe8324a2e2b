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

	/**
	 * Trial finding: a training run resumed at step 4186 of 8000 said "about 0:39 left" after 44 s, dividing the time by
	 * every step, those of the earlier run too. The rate counts only the steps this run made: here 1 step per second
	 * after 30 s of reading, so at 75 s the 3769 steps left take 3769 s (not 75 s / 4231 steps x 3769 = 1:07).
	 */
	@Test
	void aResumedRunsTimeLeftCountsOnlyItsOwnSteps() {
		final AtomicLong now = new AtomicLong(0);
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		final ProgressLine p = new ProgressLine("FAIG Train Model", new PrintStream(bytes, true,
			StandardCharsets.UTF_8), now::get, 5);
		p.report("Reading training images", 0, 0);
		now.set(30_000_000_000L);
		p.report("Resuming at step 4186/8000", 4186, 8000);
		for (int t = 1; t <= 45; t++) {
			now.set((30L + t) * 1_000_000_000L);
			p.report("Training", 4186 + t, 8000);
		}
		final String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
		assertEquals("FAIG Train Model: 4231/8000 (53 %), 1:15 elapsed, about 1:02:49 left - Training",
			lines[lines.length - 1]);
		// the first line, at 4186 itself, has no rate to go by yet
		assertEquals("FAIG Train Model: 4186/8000 (52 %), 0:30 elapsed - Resuming at step 4186/8000", lines[0]);
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
