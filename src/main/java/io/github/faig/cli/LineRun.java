package io.github.faig.cli;

/**
 * A command a {@code --run "Label" "key=value,…"} line can run, as the line's runner ({@link LabelCommandRunner})
 * sees it: told how it is run before it starts, and asked afterwards whether it did all its work. The FAIG commands
 * implement it; the runner needs nothing else of them.
 */
public interface LineRun {

	/** Marks the run as one of a {@code --run} line (with or without a GUI): no dialog, defaults for what it leaves out. */
	void runFromLine();

	/** Marks the run as one of a headless line: the runner reports a failure itself, once. */
	void runFromHeadlessLine();

	/** Whether the command did all its work (a stop request that came after its last step does not undo it). */
	boolean completed();

	/** Whether stack traces are wanted: {@code FAIG_DEBUG=1} in the environment or {@code -Dfaig.debug=true}. */
	static boolean debug() {
		return Boolean.getBoolean("faig.debug") || "1".equals(System.getenv("FAIG_DEBUG")) || "true".equals(System
			.getenv("FAIG_DEBUG"));
	}
}
