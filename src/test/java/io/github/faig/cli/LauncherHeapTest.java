package io.github.faig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code ./faig} launcher checks FAIG_HEAP before it builds or starts Java: the JVM's own refusal of a bad -Xmx
 * goes to standard output, so the run ended with status 1 and nothing on standard error (#29).
 */
class LauncherHeapTest {

	@ParameterizedTest
	@ValueSource(strings = { "1k", "999999g", "abc", "4 g", "0", "-1g", "99999999999g", "4gb" })
	void aBadHeapIsOneLineOnStandardErrorNamingIt(final String heap) throws Exception {
		final ProcessBuilder pb = new ProcessBuilder("bash", "faig", "--list").directory(new File("."));
		pb.environment().put("FAIG_HEAP", heap);
		final Process p = pb.start();
		assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ends at once");
		final String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		assertEquals(2, p.exitValue(), err);
		assertEquals(1, err.lines().count(), err);
		assertTrue(err.startsWith("faig: FAIG_HEAP"), err);
		assertEquals("", out);
	}
}
