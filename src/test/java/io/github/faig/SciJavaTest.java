package io.github.faig;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.scijava.Context;

import io.github.faig.command.FaigCommand;

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

	/**
	 * Runs {@code command} with inputs given as name, value, name, value, ... and waits for it to end; returns the
	 * command (its outputs, cancel reason).
	 */
	protected static <C extends FaigCommand> C run(final Class<C> command, final Object... inputs) throws Exception {
		return FaigCommand.run(context, command, inputs);
	}
}
