package io.github.faig.site;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Installs the update site's files for one platform straight into a Fiji.app, without the updater: the same
 * entries {@link UpdateSiteBuilder} puts on the site (same names, same bytes, natives with valid module names), so
 * a later install from the site sees every file as up to date.
 * <p>
 * It never deletes or overwrites a file it cannot prove it installed: {@code <Fiji.app>/.faig-installed} records
 * the SHA-256 of every file it wrote (a hidden file at the top, which Fiji's updater does not look at). A file with
 * the same bytes as the new one is left as it is; a recorded, unmodified file is replaced, and removed when a later
 * install no longer has it (an earlier version under another name: {@code jars/faig-fiji-0.1.0.jar}); anything
 * else in the way (a file the updater installed, or one the user changed) stops the install before it writes
 * anything, with the file named.
 *
 * <pre>
 * scripts/dev-tool.sh install-in-fiji &lt;Fiji.app&gt; &lt;project-jar&gt; &lt;runtime-jars-dir&gt; &lt;natives-dir&gt;
 *     &lt;models-dir&gt; --fiji-jars &lt;list&gt; --scratch &lt;dir&gt; --platforms &lt;platform&gt; [--add &lt;dir&gt;=&lt;folder&gt;]...
 * </pre>
 * (driven by {@code scripts/install-in-fiji.sh}).
 */
public final class FijiInstall {

	/** The record of installed files, relative to the Fiji.app. */
	public static final String RECORD = ".faig-installed";

	private FijiInstall() {}

	/** What an install did. */
	public record Result(int written, int same, int removed) {}

	/**
	 * Installs {@code entries} (those of {@code platform} and those of every platform) into {@code fiji}. Checks
	 * everything first, so a refused install writes nothing.
	 */
	public static Result install(final File fiji, final List<UpdateSiteBuilder.Entry> entries, final String platform)
		throws IOException
	{
		if (!new File(fiji, "jars").isDirectory()) {
			throw new IOException(fiji + " is not a Fiji.app folder (it has no jars/ folder)");
		}
		UpdateSiteBuilder.checkModulePath(entries);
		final Map<String, String> recorded = readRecord(fiji);
		final List<UpdateSiteBuilder.Entry> mine = new ArrayList<>();
		for (final UpdateSiteBuilder.Entry e : entries) {
			if (e.platform() == null || e.platform().equals(platform)) mine.add(e);
		}
		final List<UpdateSiteBuilder.Entry> toWrite = new ArrayList<>();
		final List<String> toRemove = new ArrayList<>();
		final Map<String, String> next = new TreeMap<>();
		int same = 0;
		final List<String> keys = new ArrayList<>();
		for (final UpdateSiteBuilder.Entry e : mine) {
			keys.add(SiteDb.key(e.fijiPath()));
			final File target = new File(fiji, e.fijiPath());
			final String hash = sha256(e.source());
			next.put(e.fijiPath(), hash);
			if (target.isFile() && hash.equals(sha256(target))) {
				same++;
				if (!recorded.containsKey(e.fijiPath())) next.remove(e.fijiPath()); // not ours: never removed later
				continue;
			}
			if (target.exists()) ours(fiji, e.fijiPath(), recorded, "would be replaced by this install's");
			toWrite.add(e);
			// An earlier version under another name (jars/faig-fiji-0.1.0.jar for 0.1.1): the updater's identity.
			final File[] siblings = target.getParentFile().listFiles();
			if (siblings == null) continue;
			for (final File s : siblings) {
				final String rel = e.fijiPath().substring(0, e.fijiPath().lastIndexOf('/') + 1) + s.getName();
				if (!rel.equals(e.fijiPath()) && s.isFile() && SiteDb.key(rel).equals(keys.get(keys.size() - 1))) {
					ours(fiji, rel, recorded, "is another version of " + e.fijiPath() + ", which would leave that file twice;");
					toRemove.add(rel);
				}
			}
		}
		// Files an earlier install wrote that this one no longer has (a dropped filter set, say), as the updater
		// removes obsolete files; changed by the user, they stay.
		for (final Map.Entry<String, String> r : recorded.entrySet()) {
			if (next.containsKey(r.getKey()) || toRemove.contains(r.getKey())) continue;
			final File f = new File(fiji, r.getKey());
			if (f.isFile() && r.getValue().equals(sha256(f))) toRemove.add(r.getKey());
		}
		for (final UpdateSiteBuilder.Entry e : toWrite) {
			final Path target = fiji.toPath().resolve(e.fijiPath());
			Files.createDirectories(target.getParent());
			final Path tmp = target.resolveSibling(".part-" + target.getFileName());
			Files.copy(e.source().toPath(), tmp, StandardCopyOption.REPLACE_EXISTING);
			Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		for (final String rel : toRemove) Files.deleteIfExists(fiji.toPath().resolve(rel));
		writeRecord(fiji, next);
		return new Result(toWrite.size(), same, toRemove.size());
	}

	/** Throws unless {@code rel} is a file this tool wrote and nobody changed since. */
	private static void ours(final File fiji, final String rel, final Map<String, String> recorded, final String why)
		throws IOException
	{
		final File f = new File(fiji, rel);
		final String was = recorded.get(rel);
		if (was != null && f.isFile() && was.equals(sha256(f))) return;
		throw new IOException(f + " " + why + " but " + (was == null ? "this script did not install it (the " +
			"updater's, or your own?)" : "it was changed since this script installed it") + ": nothing was " +
			"installed. Remove FAIG with Fiji's updater, or move that file away yourself");
	}

	static Map<String, String> readRecord(final File fiji) throws IOException {
		final Map<String, String> out = new TreeMap<>();
		final File f = new File(fiji, RECORD);
		if (!f.isFile()) return out;
		for (final String line : Files.readAllLines(f.toPath())) {
			final int sp = line.indexOf(' ');
			if (sp == 64) out.put(line.substring(sp + 1), line.substring(0, sp));
		}
		return out;
	}

	private static void writeRecord(final File fiji, final Map<String, String> record) throws IOException {
		final StringBuilder sb = new StringBuilder();
		for (final Map.Entry<String, String> e : record.entrySet()) sb.append(e.getValue()).append(' ').append(e
			.getKey()).append('\n');
		final Path f = fiji.toPath().resolve(RECORD), tmp = fiji.toPath().resolve(RECORD + ".part");
		Files.writeString(tmp, sb);
		Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	static String sha256(final File f) throws IOException {
		final MessageDigest d;
		try {
			d = MessageDigest.getInstance("SHA-256");
		}
		catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
		try (InputStream in = Files.newInputStream(f.toPath())) {
			final byte[] buf = new byte[1 << 16];
			for (int n; (n = in.read(buf)) > 0;) d.update(buf, 0, n);
		}
		return HexFormat.of().formatHex(d.digest());
	}

	static final String USAGE = "usage: install-in-fiji <Fiji.app> <project-jar> <runtime-jars-dir> <natives-dir> " +
		"<models-dir> --fiji-jars <list> --scratch <dir> --platforms <platform> [--add <dir>=<fiji-folder>]...";

	public static int run(final PrintStream out, final PrintStream err, final String... args) {
		final UpdateSiteBuilder.Options o = new UpdateSiteBuilder.Options();
		final String bad = o.parse(args);
		if (bad != null || o.positional.size() != 5 || o.fijiJars == null || o.scratch == null || o.platforms
			.size() != 1 || o.release)
		{
			err.println("install-in-fiji: " + (bad != null ? bad : o.platforms.size() != 1 ? "one platform, not " +
				String.join(",", o.platforms) : "wrong arguments"));
			err.println(USAGE);
			return 2;
		}
		try {
			final File fiji = new File(o.positional.get(0));
			if (!new File(fiji, "jars").isDirectory()) {
				throw new IOException(fiji + " is not a Fiji.app folder (it has no jars/ folder)");
			}
			final List<UpdateSiteBuilder.Entry> entries = o.entries(out, "install-in-fiji");
			// The jars the policy leaves to Fiji must be there; an old or stripped-down Fiji may lack some.
			final ShippedJars here = ShippedJars.fromFijiJars(fiji);
			for (final ShippedJars.Decision d : ShippedJars.fromFijiJars(o.fijiJars).decideAll(new File(o.positional
				.get(2))))
			{
				if (!d.ship() && !ShippedJars.NEVER_SHIPPED.containsKey(d.groupId() + ":" + d.artifactId()) && here
					.inFiji(d.jar().getName()) == null)
				{
					err.println("install-in-fiji: WARNING: " + fiji + "/jars has no " + d.jar().getName() + ", which FAIG " +
						"needs and Fiji normally ships: update Fiji (Help > Update...)");
				}
			}
			final Result r = install(fiji, entries, o.platforms.get(0));
			out.println("install-in-fiji: " + r.written() + " files written, " + r.same() + " already there, " + r
				.removed() + " earlier files removed, in " + fiji + " (" + o.platforms.get(0) + "); restart Fiji: " +
				"Plugins > FAIG");
			return 0;
		}
		catch (final IOException | IllegalArgumentException e) {
			err.println("install-in-fiji failed: " + UpdateSiteBuilder.describe(e));
			return 1;
		}
	}
}
