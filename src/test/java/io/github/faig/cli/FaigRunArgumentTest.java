package io.github.faig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.scijava.console.ConsoleArgument;
import org.scijava.console.ConsoleService;

import io.github.faig.SciJavaTest;

/**
 * Fiji's {@code --run} of a FAIG command, as ImageJ2's console hands it over: the FAIG argument handles FAIG labels
 * only; a failure is one line on stderr and, headless (as these tests run), ends the process with ./faig's status.
 */
class FaigRunArgumentTest extends SciJavaTest {

	private static LinkedList<String> args(final String... a) {
		return new LinkedList<>(Arrays.asList(a));
	}

	private static FaigRunArgument argument() {
		return context.service(ConsoleService.class).getInstances().stream().filter(FaigRunArgument.class::isInstance)
			.map(FaigRunArgument.class::cast).findFirst().orElseThrow();
	}

	@Test
	void handlesFaigLabelsOnlyAheadOfSciJavasRun() {
		final ConsoleService console = context.service(ConsoleService.class);
		final ConsoleArgument faig = console.getHandler(args("--run", "FAIG Predict Degradation", "t_blur=-1"));
		assertTrue(faig instanceof FaigRunArgument, String.valueOf(faig));
		assertTrue(console.getHandler(args("--run", "io.github.faig.ij.AboutCommand")) instanceof FaigRunArgument);
		// another plugin's command, or a label that is not FAIG's, goes where it went before
		assertFalse(console.getHandler(args("--run", "org.scijava.plugins.commands.debug.SystemInformation"))
			instanceof FaigRunArgument);
		assertFalse(argument().supports(args("--run", "Gaussian Blur...")));
		// a misspelt FAIG label is ours to refuse (SciJava's --run would ignore it and exit 0)
		assertTrue(argument().supports(args("--run", "FAIG Blind Super Resolution")));
		assertTrue(argument().supports(args("--run", "io.github.faig.command.NoSuchCommand")));
		assertFalse(argument().supports(args("--open", "FAIG About")));
	}

	/** Runs a line headless; returns {status, exit statuses asked for, stderr}. */
	private static Object[] run(final String label, final String line) {
		final FaigRunArgument a = argument();
		final List<Integer> exits = new ArrayList<>();
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		a.exit = exits::add;
		a.err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
		final int status = a.run(label, line);
		return new Object[] { status, exits, bytes.toString(StandardCharsets.UTF_8) };
	}

	@Test
	void aFailureIsOneLineAndANonZeroExit() {
		Object[] r = run("FAIG Predict Degradation", "input_file='/no/such/file.png'");
		assertEquals(1, r[0]);
		assertEquals(List.of(1), r[1]);
		String err = (String) r[2];
		assertEquals(1, err.lines().count(), err);
		assertTrue(err.startsWith("faig: FAIG Predict Degradation failed: input_file '/no/such/file.png'"), err);

		r = run("FAIG Synthesize Degradations", "input_file='/no/such/file.png',bogus=1");
		assertEquals(2, r[0]);
		assertEquals(List.of(2), r[1]);
		err = (String) r[2];
		assertEquals(1, err.lines().count(), err);
		assertTrue(err.contains("no input named 'bogus'"), err);

		r = run("FAIG Synthesize Degradations", "blur_sigma=abc");
		assertEquals(2, r[0]);
		assertTrue(((String) r[2]).contains("blur_sigma expects a finite decimal number"), (String) r[2]);

		r = run("FAIG Blind Super-Resolution", "model='no-such-model',input_file='/tmp',output_dir='/tmp/x'");
		assertEquals(1, r[0]);

		// headless, a result nothing keeps is refused
		r = run("FAIG Synthesize Degradations", "blur_sigma=2.0");
		assertEquals(1, r[0]);
		assertTrue(((String) r[2]).contains("output_dir was not given"), (String) r[2]);
	}

	@Test
	void aMisspeltFaigLabelIsRefused() {
		final Object[] r = run("FAIG Blind Super Resolution", "input_file='/tmp/a.png'");
		assertEquals(2, r[0]);
		assertEquals(List.of(2), r[1]);
		final String err = (String) r[2];
		assertEquals(1, err.lines().count(), err);
		assertTrue(err.startsWith("faig: no command named 'FAIG Blind Super Resolution'"), err);
	}

	@Test
	void successEndsNothing() {
		final Object[] r = run("FAIG About", null);
		assertEquals(0, r[0]);
		assertEquals(List.of(), r[1]);
		assertEquals("", r[2]);
	}
}
