package io.github.faig.command;

import java.io.IOException;
import io.github.faig.io.Csv;
import java.util.List;
import java.util.ArrayList;

import org.scijava.log.LogService;

import ij.measure.ResultsTable;
import io.github.faig.io.AtomicOutputs;

/**
 * The files of an {@code input_dir} that failed, with their reasons: a folder goes on past a bad file, names it in
 * the log and in a CSV, and the run ends as failed once the others are done.
 */
final class FolderFailures {

	private final String command;
	private final LogService log;
	private final ResultsTable table = new ResultsTable();

	/** @param command the command's label, for the log */
	FolderFailures(final String command, final LogService log) {
		this.command = command;
		this.log = log;
	}

	/** Records that {@code file} failed for {@code reason}. */
	void add(final String file, final String reason) {
		if (log != null) log.warn(command + ": " + file + " failed: " + reason);
		table.incrementCounter();
		table.addValue("file", file);
		table.addValue("reason", reason);
	}

	int size() {
		return table.size();
	}

	/**
	 * Writes the list (columns {@code file}, {@code reason}) as {@code name} on every folder run, with only its header
	 * when no file failed: a list left by an earlier run never stands beside this run's results.
	 */
	void write(final AtomicOutputs out, final String name) throws IOException {
		final List<String[]> rows = new ArrayList<>();
		for (int i = 0; i < size(); i++) rows.add(new String[] { table.getStringValue("file", i), table.getStringValue(
			"reason", i) });
		out.write(name, f -> Csv.write(f, List.of("file", "reason"), rows));
	}

	/**
	 * Ends the run as failed when a file did: how many of {@code files}, the first with its reason, and where the list
	 * is.
	 *
	 * @param done what happened to the others ("predicted")
	 * @param csv the list's file name, or {@code null} when it was not written
	 */
	void check(final int files, final String done, final String csv) {
		if (size() == 0) return;
		throw new IllegalStateException(size() + " of " + files + " files of input_dir failed (" + table.getStringValue(
			"file", 0) + ": " + table.getStringValue("reason", 0) + (size() > 1 ? "; …" : "") + "); the others were " +
			done + (csv != null ? ", the failed files are listed in " + csv : ""));
	}
}
