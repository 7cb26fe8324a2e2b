package io.github.faig.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;

import io.github.faig.attribution.FilterSets;
import io.github.faig.io.AtomicOutputs;

/**
 * Keeps an output folder's earlier {@code filter_sets.json} recoverable when a command writes a new one there: its
 * calibrated thresholds may be the result of hours of work.
 */
final class PreviousSets {

	private PreviousSets() {}

	/** Adds a dated copy of {@code dir}'s {@code filter_sets.json}, if it has one, to {@code out}. */
	static void keep(final AtomicOutputs out, final File dir) throws IOException {
		final File old = new File(dir, FilterSets.JSON);
		if (!old.isFile()) return;
		out.write("filter_sets." + new SimpleDateFormat("yyyyMMdd-HHmmss-SSS", Locale.ROOT).format(new Date()) +
			".json", f -> Files.copy(old.toPath(), f.toPath(), StandardCopyOption.REPLACE_EXISTING));
	}
}
