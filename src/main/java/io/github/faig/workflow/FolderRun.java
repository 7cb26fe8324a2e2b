package io.github.faig.workflow;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.faig.io.AtomicOutputs;
import io.github.faig.io.OutputPaths;

/**
 * The files of an {@code input_dir} processed as a single {@code input_file} run processes each, one item per file
 * through the run's {@link Sharding}: whichever JVM gets a file reads it, makes its outputs and hands them back as
 * bytes; the caller writes them all into {@code output_dir} at the end, all or nothing. The one home of every
 * folder command's batch run, plain or on a cluster; it knows nothing of ImageJ (a task reads its file as it likes).
 */
public final class FolderRun {

	private FolderRun() {}

	/** One file's output files (names and contents, in writing order), or why it failed (then none). */
	public record Outcome(String file, List<String> names, List<byte[]> contents, String failure) implements Serializable {}

	/**
	 * A command's work on one input image, run wherever the sharding sends the file: its output files by name, as
	 * the single-file run writes them. A {@link RuntimeException} (an unreadable file, one too small) fails this file
	 * only.
	 *
	 * @param <S> the workflow every file of a JVM shares (a loaded model), as in {@link Batch}
	 */
	@FunctionalInterface
	public interface Outputs<S> extends Serializable {

		Map<String, AtomicOutputs.Writer> of(S workflow, File file, Monitor monitor) throws IOException;
	}

	/** The contents the writers give, each written to a temporary file of the same extension and read back. */
	private static Outcome encoded(final String file, final Map<String, AtomicOutputs.Writer> files)
		throws IOException
	{
		final Path dir = Files.createTempDirectory("faig-outputs");
		try {
			final List<String> names = new ArrayList<>();
			final List<byte[]> contents = new ArrayList<>();
			for (final Map.Entry<String, AtomicOutputs.Writer> e : files.entrySet()) {
				final String n = e.getKey();
				final Path f = dir.resolve("out" + names.size() + n.substring(Math.max(0, n.lastIndexOf('.'))));
				e.getValue().write(f.toFile());
				names.add(n);
				contents.add(Files.readAllBytes(f));
				Files.delete(f);
			}
			return new Outcome(file, names, contents, null);
		}
		finally {
			try (var left = Files.list(dir)) {
				for (final Path p : (Iterable<Path>) left::iterator) Files.deleteIfExists(p);
			}
			Files.deleteIfExists(dir);
		}
	}

	/** The files per round when none is given. */
	public static final int DEFAULT_ROUND = 256;

	/**
	 * Files per round, from the {@code faig.folder.round} setting ({@code null}: {@value #DEFAULT_ROUND}): the driver
	 * holds one round's output bytes at a time (a super-resolved image is four times its input), not the whole
	 * folder's, and a round is large enough to keep a cluster's executors busy.
	 */
	public static int round(final String given) {
		if (given == null) return DEFAULT_ROUND;
		try {
			final long n = Long.parseLong(given.trim());
			if (n >= 1 && n <= Integer.MAX_VALUE) return (int) n;
		}
		catch (final NumberFormatException e) {
			// refused below
		}
		throw new IllegalArgumentException("faig.folder.round (a Java property) must be a whole number of files from 1 " +
			"to " + Integer.MAX_VALUE + ", got '" + given + "'");
	}

	/**
	 * Makes the {@code outputs} of every file (in the order given) as a {@link Batch} on its workflow and writes them
	 * into {@code outputDir}, with the failed files listed in {@code failedCsv}; nothing is written if the run is
	 * cancelled. A file whose outputs would take a name another file's already took fails too. The files go to the
	 * sharding in rounds of {@code perRound} files ({@link #round(String)}), each round's outputs staged on disk before
	 * the next starts.
	 *
	 * @param done what happened to the files that did not fail, for the message ("super-resolved")
	 * @throws IllegalStateException once the others are written, when a file failed
	 */
	public static <S> void run(final File[] inputs, final File outputDir, final Batch<S> batch, final Outputs<S> outputs,
		final int perRound, final Monitor monitor, final FolderFailures failures, final String done,
		final String failedCsv)
		throws IOException
	{
		if (perRound < 1) throw new IllegalArgumentException("files per round must be at least 1, got " + perRound);
		// one task for every round: the other JVMs keep their workflows from one round to the next
		final ItemTask<S, File, Outcome> task = batch.task(Batch.goingOn((workflow, index, file, m) -> {
			m.progress("Processing " + file.getName(), 0, 1);
			return encoded(file.getName(), outputs.of(workflow, file, m));
		}, (file, why) -> new Outcome(file.getName(), List.of(), List.of(), why)));
		final int per = perRound;
		try (AtomicOutputs out = new AtomicOutputs(outputDir)) {
			final Map<String, String> owner = new HashMap<>();
			for (int start = 0; start < inputs.length; start += per) {
				final List<File> round = List.of(inputs).subList(start, Math.min(inputs.length, start + per));
				final List<Outcome> outcomes = batch.map("files", round, task, round(monitor, start, round.size(),
					inputs.length));
				for (final Outcome o : outcomes) {
					if (o.failure() != null) {
						failures.add(o.file(), o.failure());
						continue;
					}
					// names compared as they will be written (cleaned, and case-blind for case-insensitive filesystems)
					final String taken = o.names().stream().filter(n -> owner.containsKey(written(n))).findFirst().orElse(
						null);
					if (taken != null) {
						failures.add(o.file(), "its output " + OutputPaths.safeFileName(taken) + " would replace " + owner
							.get(written(taken)) + "'s: rename one of them");
						continue;
					}
					for (int k = 0; k < o.names().size(); k++) {
						final byte[] b = o.contents().get(k);
						owner.put(written(o.names().get(k)), o.file());
						out.write(o.names().get(k), f -> Files.write(f.toPath(), b));
					}
				}
			}
			failures.write(out, failedCsv);
			monitor.checkCancelled();
			out.commit();
		}
		failures.check(inputs.length, done, failedCsv);
	}

	/**
	 * {@code monitor} as the round of {@code size} files from file {@code start} of {@code total} sees it: its
	 * progress becomes files of the whole folder.
	 */
	private static Monitor round(final Monitor monitor, final int start, final int size, final int total) {
		if (size == total) return monitor;
		final String files = " (files " + (start + 1) + "-" + (start + size) + " of " + total + ")";
		return new Monitor() {

			@Override
			public void progress(final String message, final long done, final long all) {
				final long within = all > 0 ? (long) ((double) done / all * size) : 0;
				monitor.progress(message + files, start + within, total);
			}

			@Override
			public boolean isCancelled() {
				return monitor.isCancelled();
			}
		};
	}

	/** Writes the files of one image into {@code outputDir}, all or nothing. */
	public static void write(final File outputDir, final Map<String, AtomicOutputs.Writer> files, final Monitor monitor)
		throws IOException
	{
		try (AtomicOutputs out = new AtomicOutputs(outputDir)) {
			for (final Map.Entry<String, AtomicOutputs.Writer> e : files.entrySet()) out.write(e.getKey(), e.getValue());
			monitor.checkCancelled();
			out.commit();
		}
	}

	/** An empty map that keeps the order files are added in. */
	public static Map<String, AtomicOutputs.Writer> files() {
		return new LinkedHashMap<>();
	}

	/** The key under which an output name is written: its cleaned file name, case-blind. */
	private static String written(final String name) {
		return OutputPaths.safeFileName(name).toLowerCase(Locale.ROOT);
	}
}
