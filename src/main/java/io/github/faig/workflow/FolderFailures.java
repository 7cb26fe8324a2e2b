package io.github.faig.workflow;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.github.faig.io.AtomicOutputs;
import io.github.faig.io.Csv;

/**
 * The files of an {@code input_dir} that failed, with their reasons: a folder goes on past a bad file, names it in
 * the log and in a CSV, and the run ends as failed once the others are done.
 */
public final class FolderFailures {

	private final String command;
	private final Consumer<String> warn;
	private final List<String[]> rows = new ArrayList<>();

	/**
	 * @param command the command's label, for the log
	 * @param warn where a failed file is reported as it happens (a log's warning), or {@code null}
	 */
	public FolderFailures(final String command, final Consumer<String> warn) {
		this.command = command;
		this.warn = warn;
	}

	/** Records that {@code file} failed for {@code reason}. */
	public void add(final String file, final String reason) {
		if (warn != null) warn.accept(command + ": " + file + " failed: " + reason);
		rows.add(new String[] { file, reason });
	}

	public int size() {
		return rows.size();
	}

	/**
	 * Writes the list (columns {@code file}, {@code reason}) as {@code name} on every folder run, with only its header
	 * when no file failed: a list left by an earlier run never stands beside this run's results.
	 */
	public void write(final AtomicOutputs out, final String name) throws IOException {
		final List<String[]> copy = List.copyOf(rows);
		out.write(name, f -> Csv.write(f, List.of("file", "reason"), copy));
	}

	/**
	 * Ends the run as failed when a file did: how many of {@code files}, the first with its reason, and where the list
	 * is.
	 *
	 * @param done what happened to the others ("predicted")
	 * @param csv the list's file name, or {@code null} when it was not written
	 */
	public void check(final int files, final String done, final String csv) {
		if (size() == 0) return;
		throw new IllegalStateException(size() + " of " + files + " files of input_dir failed (" + rows.get(0)[0] +
			": " + rows.get(0)[1] + (size() > 1 ? "; …" : "") + "); the others were " + done + (csv != null ?
				", the failed files are listed in " + csv : ""));
	}
}
