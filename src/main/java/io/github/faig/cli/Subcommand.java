package io.github.faig.cli;

import java.io.PrintStream;
import java.util.ServiceLoader;

/**
 * A launcher subcommand other than {@code --run} and {@code --list} ({@code ./faig demo}), found by its name through
 * {@link ServiceLoader} ({@code META-INF/services/io.github.faig.cli.Subcommand}), so the launcher does not depend
 * on the packages that run commands themselves.
 */
public interface Subcommand {

	/** The first argument that selects it ({@code demo}). */
	String name();

	/** Runs it with the arguments after its name; returns the exit status. */
	int run(PrintStream out, PrintStream err, String... args);

	/** The subcommand named {@code name}, or {@code null}. */
	static Subcommand named(final String name) {
		for (final Subcommand s : ServiceLoader.load(Subcommand.class, Subcommand.class.getClassLoader())) {
			if (s.name().equals(name)) return s;
		}
		return null;
	}
}
