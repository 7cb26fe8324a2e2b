package io.github.faig;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * Base of the tests that run commands through a SciJava context, as Fiji, macros and the headless launcher do: one
 * context per test class, disposed after its last test.
 */
public abstract class SciJavaTest {

	protected static Context context;

	@BeforeAll
	static void startContext() {
		context = new Context();
	}

	@AfterAll
	static void disposeContext() {
		context.dispose();
	}

	/** Runs {@code command} with inputs given as name, value, name, value, ... and waits for it to end. */
	protected static CommandModule run(final Class<? extends Command> command, final Object... inputs)
		throws Exception
	{
		return context.service(CommandService.class).run(command, true, inputs).get();
	}
}
