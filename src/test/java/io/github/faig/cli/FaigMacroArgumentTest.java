package io.github.faig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.console.ConsoleService;
import org.scijava.startup.StartupService;

import io.github.faig.SciJavaTest;
import io.github.faig.ij.MacroErrors;
import io.github.faig.macro.LegacyBridge;
import io.github.faig.macro.MacroFileRunner;

/**
 * {@code fiji --headless --run macro.ijm}, as ImageJ2's console and start-up hand it over: SciJava's own
 * {@code --run} runs the macro (here through {@link MacroFileRunner}, the stand-in for imagej-legacy's macro
 * language) as a start-up operation, and the process ends with status 1 when a FAIG command failed in it. These tests
 * run headless, as the argument requires.
 */
class FaigMacroArgumentTest extends SciJavaTest {

	@BeforeAll
	static void bridgeCommands() throws Exception {
		LegacyBridge.install(context);
	}

	private static LinkedList<String> args(final String... a) {
		return new LinkedList<>(Arrays.asList(a));
	}

	private static FaigMacroArgument argument() {
		return context.service(ConsoleService.class).getInstances().stream().filter(FaigMacroArgument.class::isInstance)
			.map(FaigMacroArgument.class::cast).findFirst().orElseThrow();
	}

	private static Path macro(final Path dir, final String... lines) throws Exception {
		return Files.writeString(dir.resolve("m.ijm"), String.join("\n", lines) + "\n");
	}

	/**
	 * Processes the arguments as Fiji's start does (console, then the start-up operations); returns {the exit
	 * statuses asked for, what the macro printed, the arguments left when the console handled the first}.
	 */
	private static Object[] launch(final String... a) {
		final FaigMacroArgument arg = argument();
		final List<Integer> exits = new ArrayList<>();
		arg.exit = exits::add;
		final LinkedList<String> args = args(a);
		final ConsoleService console = context.service(ConsoleService.class);
		console.getHandler(args).handle(args);
		final PrintStream old = System.out;
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
		try {
			context.service(StartupService.class).executeOperations();
		}
		finally {
			System.setOut(old);
			arg.exit = System::exit;
		}
		final String said = bytes.toString(StandardCharsets.UTF_8);
		old.print(said);
		return new Object[] { exits, said, args };
	}

	@Test
	void takesTheRunOfAMacroFileNotOfAFaigLabel(@TempDir final Path dir) throws Exception {
		final ConsoleService console = context.service(ConsoleService.class);
		final String m = macro(dir, "print(\"hi\");").toString();
		assertTrue(console.getHandler(args("--run", m)) instanceof FaigMacroArgument);
		assertTrue(console.getHandler(args("--run", m, "a=1", "--open", "x.png")) instanceof FaigMacroArgument);
		// the --run of a FAIG label or class stays FaigRunArgument's, whichever of the two is asked first
		assertTrue(console.getHandler(args("--run", "FAIG Predict Degradation", "t_blur=-1")) instanceof FaigRunArgument);
		assertEquals(false, argument().supports(args("--run", "FAIG Predict Degradation", "t_blur=-1")));
		assertEquals(false, argument().supports(args("--run", "FAIG Blind Super Resolution")));
		// what nobody runs (SciJava ignores it with a warning) is not taken either
		assertNull(console.getHandler(args("--run", dir.resolve("no-such.ijm").toString())));
	}

	@Test
	void aFaigFailureInTheMacroEndsTheRunWithStatusOne(@TempDir final Path dir) throws Exception {
		final int before = MacroErrors.stopped();
		final Path m = macro(dir, "setBatchMode(true);", "print(\"before\");",
			"run(\"FAIG Synthesize Degradations\", \"input_file=[" + dir.resolve("none.png") + "] blur_sigma=-1\");",
			"print(\"after\");");
		final Object[] r = launch("--run", m.toString());
		assertEquals(before + 1, MacroErrors.stopped(), "the command stopped the macro");
		assertEquals(List.of(1), r[0]);
		assertTrue(((String) r[1]).contains("before") && !((String) r[1]).contains("after"), (String) r[1]);
	}

	@Test
	void aGoodMacroOrAnotherErrorKeepsTheStatus(@TempDir final Path dir) throws Exception {
		Object[] r = launch("--run", macro(dir, "print(\"fine \" + (1 + 1));").toString());
		assertEquals(List.of(), r[0]);
		assertTrue(((String) r[1]).contains("fine 2"), (String) r[1]);
		// ImageJ's own errors keep ImageJ's status, as with -batch
		r = launch("--run", macro(dir, "print(\"before\");", "x = undefinedVariable + 1;", "print(\"after\");")
			.toString());
		assertEquals(List.of(), r[0]);
		// a redirected FAIG failure is the macro's to handle: it goes on and the status stays
		r = launch("--run", macro(dir, "setBatchMode(true);", "IJ.redirectErrorMessages();",
			"run(\"FAIG Synthesize Degradations\", \"input_file=[" + dir.resolve("none.png") + "] blur_sigma=-1\");",
			"print(\"went on\");").toString());
		assertEquals(List.of(), r[0]);
		assertTrue(((String) r[1]).contains("went on"), (String) r[1]);
	}

	/** The line's script arguments reach the script as before; later arguments stay for their own handlers. */
	@Test
	void scriptArgumentsAndLaterArgumentsAreLeftAsTheyWere(@TempDir final Path dir) throws Exception {
		final Object[] r = launch("--run", macro(dir, "print(\"ran\");").toString(), "name='x',n=3", "--open",
			"a.png");
		assertEquals(List.of(), r[0]);
		assertEquals(Map.of("name", "x", "n", 3), MacroFileRunner.lastInputs);
		assertEquals(args("--open", "a.png"), r[2]);
	}
}
