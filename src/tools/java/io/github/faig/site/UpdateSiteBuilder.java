package io.github.faig.site;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a Fiji update site, on top of the one already in the folder: each file as
 * {@code <fiji-path>-<yyyyMMddHHmmss>} and {@code db.xml.gz} listing them with timestamp, size, checksum
 * ({@link UpdaterChecksum}), platform and dependencies. Built again on an existing site, a file whose checksum (or
 * versioned name) changed gets a new timestamp and keeps its earlier versions as {@code <previous-version>}; an
 * unchanged file keeps its timestamp and site file; a file no longer shipped stays as an obsolete record (no
 * current version), so the updater offers to remove it instead of calling it "locally modified".
 *
 * <pre>
 * scripts/dev-tool.sh build-update-site &lt;site-dir&gt; &lt;project-jar&gt; &lt;runtime-jars-dir&gt; &lt;natives-dir&gt; &lt;models-dir&gt;
 *     --fiji-jars &lt;list-or-Fiji.app&gt; --scratch &lt;dir&gt; [--platforms linux64,...]
 *     [--add &lt;dir&gt;=&lt;fiji-folder&gt;]... [--release]
 * </pre>
 *
 * (driven by {@code scripts/build-update-site.sh}). Third-party jars are shipped as {@link ShippedJars} decides;
 * jars bound for Fiji's module path get valid module names ({@link ModuleNames}). {@link FijiInstall} installs the
 * same files into a Fiji.app by hand.
 */
public final class UpdateSiteBuilder {

	/** One file of the site. */
	public record Entry(String fijiPath, File source, String platform, String description, List<String> dependencies) {}

	/** What an incremental build did. */
	public record Result(String timestamp, int files, int added, int changed, int unchanged, int obsoleted,
		SiteDb db) {}

	/** DJL native classifiers and Fiji's platform names. */
	public static final String[][] PLATFORMS = { { "linux-x86_64", "linux64" }, { "linux-aarch64", "linux-arm64" },
		{ "osx-aarch64", "macos-arm64" }, { "win-x86_64", "win64" } };

	private UpdateSiteBuilder() {}

	public static String timestamp(final long millis) {
		final SimpleDateFormat f = new SimpleDateFormat("yyyyMMddHHmmss", Locale.ROOT);
		f.setTimeZone(TimeZone.getTimeZone("UTC"));
		return f.format(new Date(millis));
	}

	private static long millis(final String timestamp) throws IOException {
		final SimpleDateFormat f = new SimpleDateFormat("yyyyMMddHHmmss", Locale.ROOT);
		f.setTimeZone(TimeZone.getTimeZone("UTC"));
		try {
			return f.parse(timestamp).getTime();
		}
		catch (final ParseException e) {
			throw new IOException("not a yyyyMMddHHmmss timestamp: " + timestamp, e);
		}
	}

	/**
	 * Builds the site into {@code dir} (created if needed) on top of its existing {@code db.xml.gz}. New and changed
	 * files get {@code timestamp}, or one second after the newest timestamp already on the site if that is not
	 * later: the updater orders versions by timestamp.
	 */
	public static Result write(final File dir, final List<Entry> entries, final String timestamp) throws IOException {
		checkModulePath(entries);
		final File dbFile = new File(dir, "db.xml.gz");
		final SiteDb old = SiteDb.read(dbFile);
		try {
			checkTimestamps(old, timestamp);
			checkOwnRecords(old, entries);
			checkNoDowngrade(old, entries);
		}
		catch (final IOException e) {
			throw new IOException(dbFile + ": " + e.getMessage(), e);
		}
		long newest = 0;
		for (final SiteDb.Record r : old.records.values()) {
			if (r.current != null) newest = Math.max(newest, r.current.timestamp());
			for (final SiteDb.Version v : r.previous) newest = Math.max(newest, v.timestamp());
		}
		// Only a build in the same second as the last one moves on (by one second): none in the db is later.
		String ts = timestamp;
		if (Long.parseLong(ts) <= newest) ts = timestamp(millis(Long.toString(newest)) + 1000);
		final long now = Long.parseLong(ts);
		if (dir.exists() && !dir.isDirectory()) throw new IOException(dir + " is a file, not a folder for the site");
		Files.createDirectories(dir.toPath());

		final SiteDb next = new SiteDb();
		int added = 0, changed = 0, unchanged = 0, obsoleted = 0;
		for (final Entry e : entries) {
			final String checksum = UpdaterChecksum.of(e.fijiPath(), e.source());
			final SiteDb.Record before = old.records.remove(SiteDb.key(e.fijiPath()));
			final SiteDb.Record r = new SiteDb.Record(e.fijiPath());
			if (e.platform() != null) r.platforms.add(e.platform());
			r.description = e.description();
			if (before != null) r.previous.addAll(before.previous);
			if (before != null && before.current != null && before.current.checksum().equals(checksum) &&
				before.filename.equals(e.fijiPath()))
			{
				// Unchanged for the updater: same timestamp, same site file name. The updater's checksum leaves out the
				// manifest, so a jar whose manifest changed (a native given a module name) is the same version: its
				// site file is replaced in place, so that every download gets the new bytes.
				final File siteFile = new File(dir, e.fijiPath() + "-" + before.current.timestamp());
				copyUnlessSame(e.source(), siteFile);
				r.current = before.current.filesize() == e.source().length() ? before.current : new SiteDb.Version(
					before.current.checksum(), before.current.timestamp(), e.source().length(), null, 0);
				unchanged++;
			}
			else {
				r.current = new SiteDb.Version(checksum, now, e.source().length(), null, 0);
				copy(e.source(), new File(dir, e.fijiPath() + "-" + ts));
				if (before != null && before.current != null) {
					// The version users may have installed stays known, so their copy reads as "update available".
					r.previous.add(new SiteDb.Version(before.current.checksum(), before.current.timestamp(), 0, before.filename
						.equals(e.fijiPath()) ? null : before.filename, now));
					changed++;
				}
				else added++;
			}
			next.add(r);
		}
		for (final SiteDb.Record gone : old.records.values()) {
			if (gone.current != null) {
				gone.previous.add(new SiteDb.Version(gone.current.checksum(), gone.current.timestamp(), 0, null, now));
				gone.current = null;
				obsoleted++;
			}
			gone.description = null;
			gone.dependencies.clear();
			next.add(gone);
		}
		// Dependencies name the current timestamp of the file depended on.
		final Map<String, Long> stamps = new HashMap<>();
		for (final SiteDb.Record r : next.records.values()) if (r.current != null) stamps.put(r.filename, r.current
			.timestamp());
		for (final Entry e : entries) {
			final SiteDb.Record r = next.get(e.fijiPath());
			for (final String dep : e.dependencies()) {
				final Long t = stamps.get(dep);
				if (t == null) throw new IOException(e.fijiPath() + " depends on " + dep + ", which is not on the site");
				r.dependencies.add(new String[] { dep, Long.toString(t) });
			}
		}
		next.write(dbFile);
		return new Result(ts, entries.size(), added, changed, unchanged, obsoleted, next);
	}

	/**
	 * Throws unless every timestamp of the site lies at or before {@code timestamp} (the build's time): a record
	 * from the future would push every new version after it, and the updater orders versions by timestamp.
	 */
	static void checkTimestamps(final SiteDb db, final String timestamp) throws IOException {
		final long now = Long.parseLong(timestamp);
		for (final SiteDb.Record r : db.records.values()) {
			final List<Long> stamps = new ArrayList<>();
			if (r.current != null) stamps.add(r.current.timestamp());
			for (final SiteDb.Version v : r.previous) {
				stamps.add(v.timestamp());
				stamps.add(v.timestampObsolete());
			}
			for (final long t : stamps) {
				if (t > now) throw new IOException(r.filename + " has the timestamp " + t + ", after " +
					"this build's time " + timestamp + " (UTC): a site with timestamps in the future is refused " +
					"(check the clock of the machine that built it)");
			}
		}
	}

	/** Jars that sites built before Fiji's own jar list was checked shipped, and Fiji ships (artifact names). */
	static final List<String> FORMERLY_SHIPPED = List.of("ejml-core", "ejml-ddense");

	/** Folders of the site that hold only this project's files. */
	private static final String[] OWN_FOLDERS = { "models/faig/", "scripts/Plugins/FAIG/", "images/faig-samples/" };

	/**
	 * Whether a site path is one this project ships or shipped: a FAIG-named file or folder, a native under
	 * {@code jars/<platform>/pytorch-native-cpu}, or a third-party jar of {@link ShippedJars#SHIPPED}.
	 */
	static boolean ownPath(final String path) {
		for (final String f : OWN_FOLDERS) if (path.startsWith(f)) return true;
		final String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
		if (name.startsWith("faig-") || name.startsWith("faig_")) return true;
		for (final String[] p : PLATFORMS) {
			if (path.startsWith("jars/" + p[1] + "/pytorch-native-cpu-")) return true;
		}
		if (path.startsWith("jars/") && path.indexOf('/', 5) < 0) {
			final String key = SiteDb.key(path);
			for (final String ga : ShippedJars.SHIPPED.keySet()) {
				if (key.equals("jars/" + ga.substring(ga.indexOf(':') + 1) + ".jar")) return true;
			}
		}
		return false;
	}

	/**
	 * Throws when the site holds records of files this project never shipped: it is another site's, and building
	 * on it would mark that site's files obsolete.
	 */
	static void checkOwnRecords(final SiteDb db, final List<Entry> entries) throws IOException {
		final Set<String> shipped = new HashSet<>();
		for (final Entry e : entries) shipped.add(SiteDb.key(e.fijiPath()));
		final List<String> foreign = new ArrayList<>();
		for (final SiteDb.Record r : db.records.values()) {
			if (shipped.contains(SiteDb.key(r.filename))) continue;
			for (final String gone : FORMERLY_SHIPPED) {
				if (r.current != null && SiteDb.key(r.filename).equals("jars/" + gone + ".jar")) {
					throw new IOException("ships " + r.filename + ", which this project no longer ships because Fiji " +
						"itself does (update-site/fiji-jars.txt): built on, the site would make it obsolete and the " +
						"updater would remove Fiji's own copy. Build into a new folder (no release shipped it)");
				}
			}
			if (!ownPath(r.filename)) foreign.add(r.filename);
		}
		if (!foreign.isEmpty()) {
			throw new IOException("holds " + foreign.size() + " record(s) of files this project never " +
				"shipped (" + String.join(", ", foreign.subList(0, Math.min(3, foreign.size()))) + (foreign.size() > 3
					? ", ..." : "") + "): another site's folder, refused so that its files are not made obsolete");
		}
	}

	/** Throws when a file whose name carries a release version would go back to a lower version. */
	static void checkNoDowngrade(final SiteDb db, final List<Entry> entries) throws IOException {
		for (final Entry e : entries) {
			final SiteDb.Record before = db.get(e.fijiPath());
			if (before == null || before.current == null) continue;
			final String was = version(before.filename), now = version(e.fijiPath());
			if (was != null && now != null && compareVersions(now, was) < 0) {
				throw new IOException("the site's current " + before.filename + " is version " + was + ", this build's " +
					e.fijiPath() + " is " + now + ": Fiji would downgrade its users; build a version above " + was);
			}
		}
	}

	/** The version a site path carries ({@code 1.2.3} or {@code 1.2.3-SNAPSHOT}), or null. */
	static String version(final String path) {
		final Matcher m = Pattern.compile("-(\\d+(?:\\.\\d+)*(?:-SNAPSHOT)?)\\.jar$")
			.matcher(path);
		return m.find() ? m.group(1) : null;
	}

	/** Numeric comparison of versions like {@code 0.10.0}; a -SNAPSHOT is below its release. */
	static int compareVersions(final String a, final String b) {
		final String[] x = a.replace("-SNAPSHOT", "").split("\\."), y = b.replace("-SNAPSHOT", "").split("\\.");
		for (int i = 0; i < Math.max(x.length, y.length); i++) {
			final int c = new BigInteger(i < x.length ? x[i] : "0").compareTo(new BigInteger(i <
				y.length ? y[i] : "0"));
			if (c != 0) return c;
		}
		return Boolean.compare(!a.endsWith("-SNAPSHOT"), !b.endsWith("-SNAPSHOT"));
	}

	/**
	 * Throws unless {@code dir} may receive a site: absent, empty, or holding a {@code db.xml.gz} (a site built by
	 * this tool; {@link #write} then checks its records). Anything else is someone's folder.
	 */
	public static void checkSiteDir(final File dir) throws IOException {
		if (!dir.exists()) return;
		if (!dir.isDirectory()) throw new IOException(dir + " is a file, not a folder for the site");
		if (new File(dir, "db.xml.gz").isFile()) return;
		final String[] content = dir.list();
		if (content != null && content.length > 0) {
			throw new IOException(dir + " is neither empty nor an update site (no db.xml.gz) but holds " +
				content.length + " entries (" + content[0] + (content.length > 1 ? ", ..." : "") + "): give a new or " +
				"empty folder, or the folder of the published site");
		}
	}

	private static void copy(final File from, final File to) throws IOException {
		// A file where the site needs a folder (say a plain file named jars) would give a bare path as the error.
		for (File p = to.getParentFile(); p != null; p = p.getParentFile()) {
			if (p.exists() && !p.isDirectory()) throw new IOException("cannot write " + to + ": " + p + " is a file " +
				"where the site needs a folder");
			if (p.isDirectory()) break;
		}
		Files.createDirectories(to.getParentFile().toPath());
		final File tmp = new File(to.getParentFile(), ".part-" + to.getName());
		Files.copy(from.toPath(), tmp.toPath(), StandardCopyOption.REPLACE_EXISTING);
		Files.move(tmp.toPath(), to.toPath(), StandardCopyOption.REPLACE_EXISTING);
	}

	private static void copyUnlessSame(final File from, final File to) throws IOException {
		if (!to.isFile() || to.length() != from.length() || Files.mismatch(from.toPath(), to.toPath()) >= 0) copy(from,
			to);
	}

	/**
	 * Throws, naming the file, when a jar bound for a folder on Fiji's module path ({@code jars/<platform>/}) is not
	 * a valid module for the JDK: Fiji's launcher would stop at start-up, its updater too.
	 */
	public static void checkModulePath(final List<Entry> entries) throws IOException {
		for (final Entry e : entries) {
			if (!ModuleNames.onModulePath(e.fijiPath())) continue;
			final String problem = ModuleNames.problem(e.source().toPath());
			if (problem != null) {
				throw new IOException(e.fijiPath() + " (" + e.source() + ") is not a valid Java module (" + problem +
					"): Fiji puts " + e.fijiPath().substring(0, e.fijiPath().lastIndexOf('/') + 1) + " on the module " +
					"path, so this jar would stop Fiji and its updater at start-up; give it a valid " +
					ModuleNames.ATTRIBUTE + " (ModuleNames.rewrite)");
			}
		}
	}

	/**
	 * The site name of a DJL native jar: {@code jars/<platform>/pytorch-native-cpu-<version>.jar}. Maven's name
	 * ends with the classifier, which version stripping handles differently per platform (the Windows name is not
	 * stripped at all), so an upgrade would add a second native jar beside the first; without the classifier every
	 * platform's name strips to {@code jars/<platform>/pytorch-native-cpu.jar}.
	 */
	public static String nativeSiteName(final String fijiPlatform, final String mavenName, final String classifier) {
		final String suffix = "-" + classifier + ".jar";
		if (!mavenName.endsWith(suffix)) throw new IllegalArgumentException(mavenName + " does not end with " + suffix);
		return "jars/" + fijiPlatform + "/" + mavenName.substring(0, mavenName.length() - suffix.length()) + ".jar";
	}

	/** Every platform's Fiji name, in {@link #PLATFORMS} order. */
	public static List<String> allPlatforms() {
		final List<String> out = new ArrayList<>();
		for (final String[] p : PLATFORMS) out.add(p[1]);
		return out;
	}

	/**
	 * The Fiji platforms of a comma-separated list ({@code linux64,win64}); throws, naming the unknown one and the
	 * known ones, on anything else.
	 */
	public static List<String> platforms(final String list) {
		final List<String> out = new ArrayList<>();
		for (final String s : list.split(",", -1)) {
			final String p = s.trim();
			if (!allPlatforms().contains(p)) {
				throw new IllegalArgumentException("unknown platform '" + p + "' in '" + list + "': expected a " +
					"comma-separated list of " + String.join(", ", allPlatforms()));
			}
			if (!out.contains(p)) out.add(p);
		}
		final List<String> ordered = new ArrayList<>(allPlatforms());
		ordered.retainAll(out);
		return ordered;
	}

	/**
	 * The entries of the FAIG site from a build: project jar, its shipped runtime jars, the natives of
	 * {@code platforms}, models. A native whose module name the JDK refuses gets a valid one in a copy written to
	 * {@code scratch} ({@link ModuleNames#rewrite}); that copy is what the site ships.
	 */
	public static List<Entry> entries(final File projectJar, final List<ShippedJars.Decision> runtime,
		final File natives, final File models, final List<String> platforms, final File scratch) throws IOException
	{
		final List<Entry> out = new ArrayList<>();
		final List<String> deps = new ArrayList<>();
		for (final ShippedJars.Decision d : runtime) {
			if (!d.ship() || d.jar().getName().startsWith("pytorch-native-")) continue;
			out.add(new Entry("jars/" + d.jar().getName(), d.jar(), null, null, List.of()));
			deps.add("jars/" + d.jar().getName());
		}
		String nativeKey = null;
		for (final String[] p : PLATFORMS) {
			if (!platforms.contains(p[1])) continue;
			final File[] nat = natives.listFiles((d, n) -> n.endsWith("-" + p[0] + ".jar"));
			if (nat == null || nat.length != 1) {
				throw new IOException("expected one native jar for " + p[0] + " in " + natives);
			}
			final String path = nativeSiteName(p[1], nat[0].getName(), p[0]);
			// Every platform's native must strip to the same name in its folder, or upgrades add files.
			final String key = SiteDb.key(path).substring(("jars/" + p[1] + "/").length());
			if (nativeKey != null && !nativeKey.equals(key) || key.matches(".*\\d+\\.\\d+.*")) {
				throw new IOException("native jar " + path + " strips to " + key + ", not one versionless name");
			}
			nativeKey = key;
			out.add(new Entry(path, moduleNamed(nat[0], p[1], scratch), p[1], "PyTorch " + p[0] +
				" natives for Deep Java Library", List.of()));
		}
		out.add(0, new Entry("jars/" + projectJar.getName(), projectJar, null,
			"FAIG for Fiji: discriminative filters for specific degradations in blind super-resolution", deps));
		if (models != null && models.isDirectory()) addFolder(out, models, "models/faig");
		return out;
	}

	/** Milliseconds each rewritten native took, by its path in the scratch folder (printed by the build). */
	static final Map<File, Long> REWRITE_MILLIS = new java.util.concurrent.ConcurrentHashMap<>();

	/** {@code jar} itself when the JDK takes it as a module, else a copy with a valid module name in {@code scratch}. */
	static File moduleNamed(final File jar, final String platform, final File scratch) throws IOException {
		if (ModuleNames.problem(jar.toPath()) == null) return jar;
		final File dir = new File(scratch, platform);
		Files.createDirectories(dir.toPath());
		final File out = new File(dir, jar.getName());
		final long t0 = System.nanoTime();
		ModuleNames.rewrite(jar.toPath(), out.toPath(), ModuleNames.proposedName(jar.toPath()));
		REWRITE_MILLIS.put(out, (System.nanoTime() - t0) / 1_000_000);
		return out;
	}

	/** Adds every file under {@code dir} (not hidden, not a training checkpoint) as {@code prefix/<relative path>}. */
	public static void addFolder(final List<Entry> out, final File dir, final String prefix) {
		final File[] files = dir.listFiles();
		if (files == null) return;
		Arrays.sort(files);
		for (final File f : files) {
			if (f.getName().startsWith(".") || f.getName().endsWith(".checkpoint.safetensors")) continue;
			if (f.isDirectory()) addFolder(out, f, prefix + "/" + f.getName());
			else out.add(new Entry(prefix + "/" + f.getName(), f, null, null, List.of()));
		}
	}

	/** Throws unless every shipped name is free of {@code SNAPSHOT}: a release ships release versions only. */
	public static void checkRelease(final List<Entry> entries) throws IOException {
		for (final Entry e : entries) {
			if (e.fijiPath().toUpperCase(Locale.ROOT).contains("SNAPSHOT")) {
				throw new IOException("release build ships " + e.fijiPath() + ": set a release version first " +
					"(scripts/release.sh <version>)");
			}
		}
	}

	/** The options both the site build and the by-hand install take. */
	static final class Options {

		final List<String> positional = new ArrayList<>();
		final List<String[]> adds = new ArrayList<>();
		File fijiJars, scratch;
		List<String> platforms = allPlatforms();
		boolean release;

		/** Null when the arguments parse, else the one-line complaint. */
		String parse(final String... args) {
			for (int i = 0; i < args.length; i++) {
				final String value = i + 1 < args.length ? args[i + 1] : null;
				switch (args[i]) {
					case "--fiji-jars", "--scratch", "--platforms", "--add" -> {
						if (value == null) return args[i] + " needs a value";
						i++;
						switch (args[i - 1]) {
							case "--fiji-jars" -> fijiJars = new File(value);
							case "--scratch" -> scratch = new File(value);
							case "--platforms" -> {
								try {
									platforms = platforms(value);
								}
								catch (final IllegalArgumentException e) {
									return e.getMessage();
								}
							}
							default -> {
								final int eq = value.lastIndexOf('=');
								if (eq <= 0) return "--add takes <dir>=<fiji-folder>, not '" + value + "'";
								adds.add(new String[] { value.substring(0, eq), value.substring(eq + 1) });
							}
						}
					}
					case "--release" -> release = true;
					default -> {
						if (args[i].startsWith("--")) return "unknown option " + args[i];
						positional.add(args[i]);
					}
				}
			}
			return null;
		}

		/** The entries the site (or the by-hand install) is made of, with the third-party decisions printed. */
		List<Entry> entries(final PrintStream out, final String tool) throws IOException {
			final ShippedJars policy = ShippedJars.fromFijiJars(fijiJars);
			final List<ShippedJars.Decision> decisions = policy.decideAll(new File(positional.get(2)));
			final List<Entry> entries = UpdateSiteBuilder.entries(new File(positional.get(1)), decisions, new File(
				positional.get(3)), new File(positional.get(4)), platforms, scratch);
			for (final String[] a : adds) {
				final File d = new File(a[0]);
				if (!d.isDirectory()) throw new IOException("--add: no folder " + d);
				addFolder(entries, d, a[1]);
			}
			out.println(tool + ": third-party jars, checked against the " + policy.fijiCount() + " jars Fiji ships (" +
				policy.source() + "):");
			for (final ShippedJars.Decision d : decisions) {
				out.println("  " + (d.ship() ? "SHIP " : "skip ") + d.jar().getName() + " (" + d.coordinates() + "): " +
					d.reason());
			}
			checkModulePath(entries); // before the names are printed: a refused jar has none
			for (final Entry e : entries) {
				if (!ModuleNames.onModulePath(e.fijiPath())) continue;
				final Long ms = REWRITE_MILLIS.get(e.source());
				out.println(tool + ": " + e.fijiPath() + ": module " + ModuleNames.name(e.source().toPath()) + (ms ==
					null ? "" : String.format(java.util.Locale.ROOT, " (Automatic-Module-Name rewritten in %.1f s, %d MiB: " +
						"the JDK refuses the original's)", ms / 1000.0, e.source().length() >> 20)));
			}
			return entries;
		}
	}

	static final String SITE_USAGE = "usage: build-update-site <site-dir> <project-jar> <runtime-jars-dir> " +
		"<natives-dir> <models-dir> --fiji-jars <list-or-Fiji.app> --scratch <dir> [--platforms linux64,...] " +
		"[--add <dir>=<fiji-folder>]... [--release]";

	public static int run(final PrintStream out, final PrintStream err, final String... args) {
		final Options o = new Options();
		final String bad = o.parse(args);
		if (bad != null) {
			err.println("build-update-site: " + bad);
			err.println(SITE_USAGE);
			return 2;
		}
		if (o.positional.size() != 5 || o.fijiJars == null || o.scratch == null) {
			err.println(SITE_USAGE);
			return 2;
		}
		try {
			final File site = new File(o.positional.get(0));
			checkSiteDir(site);
			if (o.release && !o.platforms.equals(allPlatforms())) {
				throw new IOException("a release ships every platform's natives, not only " + String.join(",",
					o.platforms));
			}
			checkPlatformsKept(SiteDb.read(new File(site, "db.xml.gz")), o.platforms);
			final List<Entry> entries = o.entries(out, "build-update-site");
			if (o.release) checkRelease(entries);
			else {
				for (final Entry e : entries) if (e.fijiPath().contains("SNAPSHOT")) {
					err.println("build-update-site: WARNING: " + e.fijiPath() + " is a SNAPSHOT, not for release " +
						"(release with scripts/release.sh <version>)");
				}
			}
			final Result r = write(site, entries, timestamp(System.currentTimeMillis()));
			// A build in the same second as the previous one is stamped a second on: let that second pass.
			while (Long.parseLong(timestamp(System.currentTimeMillis())) < Long.parseLong(r.timestamp())) {
				Thread.sleep(100);
			}
			long bytes = 0;
			for (final Entry e : entries) bytes += e.source().length();
			final int[] c = r.db().counts();
			out.println("build-update-site: " + r.files() + " files, " + (bytes >> 20) + " MiB, timestamp " + r
				.timestamp() + ", in " + site + ": " + r.added() + " new, " + r.changed() + " changed, " + r
					.unchanged() + " unchanged, " + r.obsoleted() + " newly obsolete; db.xml.gz: " + (c[0] + c[1]) +
				" records (" + c[0] + " current, " + c[1] + " obsolete), " + c[2] + " previous versions");
			return 0;
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			err.println("build-update-site: interrupted");
			return 1;
		}
		catch (final IOException | IllegalArgumentException e) {
			err.println("build-update-site failed: " + describe(e));
			return 1;
		}
	}

	/**
	 * Throws when a build of some platforms only would make another platform's native obsolete on a site that
	 * ships it: the updater would then remove it from every Fiji of that platform.
	 */
	static void checkPlatformsKept(final SiteDb db, final List<String> platforms) throws IOException {
		for (final SiteDb.Record r : db.records.values()) {
			for (final String p : allPlatforms()) {
				if (!platforms.contains(p) && r.current != null && r.filename.startsWith("jars/" + p + "/")) {
					throw new IOException("the site ships " + r.filename + ", but this build has the natives of " + String
						.join(",", platforms) + " only: it would make that file obsolete; build every platform (leave " +
						"FAIG_SITE_PLATFORMS unset) or into a new folder");
				}
			}
		}
	}

	/** One line for a failure: the JDK's file-system errors carry only a path as their message. */
	static String describe(final Exception e) {
		if (e instanceof FileSystemException f && (f.getReason() == null || f.getMessage().equals(f
			.getFile())))
		{
			final String what = e instanceof NoSuchFileException ? "no such file or folder"
				: e instanceof FileAlreadyExistsException ? "already exists (a file where a folder is " +
					"needed?)" : e instanceof AccessDeniedException ? "permission denied" : e.getClass()
						.getSimpleName();
			return f.getFile() + ": " + what;
		}
		return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
	}
}
