package io.github.faig.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The real-Fiji checks ignore SciJava's own start-up report of scijava/scijava-common#347 (a service it failed to
 * create while the context was built) and nothing else: a stack trace from a command stays.
 */
class StartupRaceTest {

	/** As CI printed it once (frames shortened), between the macro's own lines. */
	private static final String RACE = String.join("\n", "[ERROR] Invalid service: io.scif.services.DefaultFilePatternService",
		"org.scijava.NullContextException: Before attempting to use this object, please set its context by calling " +
			"the setContext(...) method.",
		"\tat org.scijava.AbstractContextual.context(AbstractContextual.java:55)",
		"\tat org.scijava.service.ServiceHelper.loadServices(ServiceHelper.java:164)",
		"\tat org.scijava.Context.<init>(Context.java:303)",
		"\tat net.imagej.ImageJ.<init>(ImageJ.java:75)",
		"\tat net.imagej.Main.main(Main.java:52)",
		"[ERROR] No match: io.scif.services.DefaultFilePatternService");

	@Test
	void theStartUpRaceIsRemoved() {
		assertEquals("before the command\nMacro Error: tile_size expects a whole number, got ''\n",
			Fiji.withoutStartupRace("before the command\n" + RACE + "\nMacro Error: tile_size expects a whole number, " +
				"got ''\n", "t"));
		assertEquals("", Fiji.withoutStartupRace(RACE, "t"));
	}

	@Test
	void otherStackTracesStay() {
		// a command's own failure: not while the context was built
		final String command = String.join("\n", "[ERROR] Invalid service: io.github.faig.cli.FaigRunService",
			"org.scijava.NullContextException: no context", "\tat io.github.faig.cli.FaigRunService.run(X.java:1)", "");
		assertEquals(command, Fiji.withoutStartupRace(command, "t"));
		// another exception while the context was built: not the race
		final String other = RACE.replace("org.scijava.NullContextException", "java.lang.IllegalStateException");
		assertEquals(other, Fiji.withoutStartupRace(other, "t"));
		final String plain = "java.lang.IllegalArgumentException: bad\n\tat a.B.c(B.java:1)\n";
		assertEquals(plain, Fiji.withoutStartupRace(plain, "t"));
	}
}
