package io.github.faig.site;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The part of Fiji's updater that decides what happens to installed files, re-implemented to test this site's
 * upgrades without a Fiji: a local file belongs to the site record with the same name after version stripping;
 * its checksum ({@link UpdaterChecksum}) is compared with the record's current version ("up-to-date"), then with
 * its earlier versions ("update available", or "obsolete" when the record has no current version); a checksum the
 * site never had is "locally modified", which the updater leaves alone by default. Applying the site's changes
 * installs what is missing, replaces older versions (removing a copy under another versioned name, as the updater
 * does on restart) and removes obsolete files; locally modified files are kept.
 * <p>
 * A stand-in, kept only where the real updater cannot run: {@code mvn test} runs on machines without a Fiji, and
 * Fiji's updater (net.imagej:imagej-updater) is not on Maven Central, so the tools' tests cannot call it; and a
 * Fiji installs the natives of its own platform only, so the upgrade of the other three platforms' natives can be
 * checked only here. Where a Fiji is given, the Fiji integration suite does the same with the real updater
 * ({@code fiji --update add-update-site / update}: install, upgrade in place, uninstall); the statuses here agree
 * with what {@code fiji --update list} printed for the same sites (update-site/README.md, "Tested in a real Fiji").
 */
public final class UpdaterPort {

	/** The updater's statuses, with the label its window shows. */
	public enum Status {
		INSTALLED("Up-to-date"), UPDATEABLE("Update available"), MODIFIED("Locally modified"), OBSOLETE("Obsolete"),
		OBSOLETE_MODIFIED("Locally modified (obsolete)"), LOCAL_ONLY("Local-only");

		public final String label;

		Status(final String label) {
			this.label = label;
		}
	}

	/** A file of the Fiji folder, its stripped name, checksum and status against the site. */
	public record LocalFile(String path, String key, String checksum, Status status) {}

	private UpdaterPort() {}

	/** Every file of the Fiji folder (the updater's staging folder {@code update/} and hidden files aside). */
	public static List<LocalFile> scan(final File fiji, final SiteDb db) throws IOException {
		final List<LocalFile> out = new ArrayList<>();
		final Path root = fiji.toPath();
		try (Stream<Path> s = Files.walk(root)) {
			for (final Path p : (Iterable<Path>) s.sorted()::iterator) {
				if (!Files.isRegularFile(p)) continue;
				final String rel = root.relativize(p).toString().replace(File.separatorChar, '/');
				if (rel.startsWith("update/") || rel.startsWith(".") || rel.contains("/.")) continue;
				final String checksum = UpdaterChecksum.of(rel, p.toFile());
				final SiteDb.Record r = db.get(rel);
				final Status status;
				if (r == null) status = Status.LOCAL_ONLY;
				else if (r.current != null && r.current.checksum().equals(checksum)) status = Status.INSTALLED;
				else if (r.knows(checksum)) status = r.obsolete() ? Status.OBSOLETE : Status.UPDATEABLE;
				else status = r.obsolete() ? Status.OBSOLETE_MODIFIED : Status.MODIFIED;
				out.add(new LocalFile(rel, SiteDb.key(rel), checksum, status));
			}
		}
		return out;
	}

	/** Stripped names held by more than one file of the Fiji folder, with those files. */
	public static Map<String, List<String>> duplicates(final List<LocalFile> files) {
		final Map<String, List<String>> byKey = new TreeMap<>();
		for (final LocalFile f : files) byKey.computeIfAbsent(f.key(), k -> new ArrayList<>()).add(f.path());
		byKey.values().removeIf(l -> l.size() < 2);
		return byKey;
	}

	/**
	 * Applies the site's default actions to the Fiji folder for {@code platform} (one of the Fiji platform names):
	 * installs missing files, updates older versions, uninstalls obsolete files; locally modified files and other
	 * platforms' files are left alone. Returns the number of files written or removed.
	 */
	public static int apply(final File site, final SiteDb db, final File fiji, final String platform)
		throws IOException
	{
		final List<LocalFile> local = scan(fiji, db);
		int changes = 0;
		for (final SiteDb.Record r : db.records.values()) {
			final String key = SiteDb.key(r.filename);
			final List<LocalFile> mine = new ArrayList<>();
			for (final LocalFile f : local) if (f.key().equals(key)) mine.add(f);
			if (r.obsolete()) {
				for (final LocalFile f : mine) {
					if (f.status() == Status.OBSOLETE) {
						Files.delete(new File(fiji, f.path()).toPath());
						changes++;
					}
				}
				continue;
			}
			if (!r.forPlatform(platform)) continue;
			boolean modified = false, upToDate = false;
			for (final LocalFile f : mine) {
				modified |= f.status() == Status.MODIFIED;
				upToDate |= f.status() == Status.INSTALLED && f.path().equals(r.filename);
			}
			if (modified) continue; // kept as is by default
			if (!upToDate) {
				final File from = new File(site, r.filename + "-" + r.current.timestamp());
				final File to = new File(fiji, r.filename);
				Files.createDirectories(to.getParentFile().toPath());
				Files.copy(from.toPath(), to.toPath(), StandardCopyOption.REPLACE_EXISTING);
				// The updater verifies every download against the record.
				if (!UpdaterChecksum.of(r.filename, to).equals(r.current.checksum())) {
					throw new IOException("checksum mismatch after downloading " + from);
				}
				changes++;
			}
			for (final LocalFile f : mine) {
				if (!f.path().equals(r.filename)) {
					Files.delete(new File(fiji, f.path()).toPath()); // the older version under its old name
					changes++;
				}
			}
		}
		return changes;
	}
}
