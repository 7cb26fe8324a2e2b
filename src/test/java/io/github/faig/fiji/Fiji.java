package io.github.faig.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Fiji for the integration suite: the folder the user names ({@code FAIG_FIJI} or {@code -Dfaig.fiji}) and
 * its launcher ({@code FAIG_FIJI_LAUNCHER} or {@code -Dfaig.fiji.launcher}). That folder is never written: every
 * test class works in a fresh temporary copy ({@link #copy}), with the empty folders a Fiji.app has, and installs
 * the plugin there as a user would. Fiji runs as its launcher starts it, module path included.
 */
final class Fiji {

	/** The empty folders of a Fiji.app that a bare {@code jars/} folder lacks. */
	static final List<String> APP_FOLDERS = List.of("plugins", "macros", "scripts", "images", "models",
		"config/jaunch", "jars/linux64", "lib/linux64");

	/** Launchers looked for inside the given folder when none is named (Fiji's current and older ones). */
	private static final List<String> LAUNCHERS = List.of("fiji-linux-x64", "ImageJ-linux64", "fiji", "fiji.sh");

	private static String snapshot;

	private Fiji() {}

	/** The given Fiji folder, or null when none is given. */
	static Path given() {
		final String p = setting("faig.fiji", "FAIG_FIJI");
		return p == null ? null : Paths.get(p).toAbsolutePath().normalize();
	}

	/** A setting: the system property, else the environment variable; null when neither is set or both empty. */
	static String setting(final String property, final String variable) {
		String v = System.getProperty(property);
		if (v == null || v.isBlank()) v = System.getenv(variable);
		return v == null || v.isBlank() ? null : v.trim();
	}

	/** The launcher as given (may lie inside the given folder, then its copy's is used), or one found there. */
	static Path launcherGiven() {
		final String l = setting("faig.fiji.launcher", "FAIG_FIJI_LAUNCHER");
		if (l != null) return Paths.get(l).toAbsolutePath().normalize();
		for (final String name : LAUNCHERS) {
			final Path p = given().resolve(name);
			if (Files.isExecutable(p)) return p;
		}
		return null;
	}

	/** The repository (where ./faig, macros/ and scripts/ are). */
	static Path repo() {
		return Paths.get(System.getProperty("faig.home", ".")).toAbsolutePath().normalize();
	}

	/** The plugin jar this build made. */
	static Path pluginJar() {
		final String jar = System.getProperty("faig.jar");
		if (jar != null) return Paths.get(jar);
		try (Stream<Path> s = Files.list(repo().resolve("target"))) {
			return s.filter(p -> p.getFileName().toString().matches("faig-fiji-[^-]+(-SNAPSHOT)?\\.jar")).findFirst()
				.orElseThrow(() -> new IllegalStateException("no target/faig-fiji-*.jar: run mvn package first"));
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Where the suite keeps what a reader wants after a run: logs and screenshots. */
	static Path artifacts(final String name) {
		final Path p = repo().resolve("target").resolve(name);
		try {
			Files.createDirectories(p);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		return p;
	}

	/** A listing of the given folder (paths, sizes, modification times), to prove the suite never wrote there. */
	static synchronized String listing() {
		try (Stream<Path> s = Files.walk(given())) {
			return s.sorted().map(p -> {
				try {
					final BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class,
						LinkOption.NOFOLLOW_LINKS);
					return given().relativize(p) + " " + a.size() + " " + a.lastModifiedTime();
				}
				catch (final IOException e) {
					throw new UncheckedIOException(e);
				}
			}).collect(Collectors.joining("\n"));
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Records the given folder's listing once per JVM, and checks that it has not changed since. */
	static synchronized void checkGivenUnchanged() {
		final String now = listing();
		if (snapshot == null) snapshot = now;
		else assertEquals(snapshot, now, "the given Fiji folder " + given() + " changed during the suite");
	}

	/**
	 * A fresh temporary copy of the given Fiji folder (files readable and writable by the user whatever the source's
	 * modes, executables kept executable), with the empty folders of a Fiji.app created.
	 */
	static App copy(final String name) throws IOException {
		checkGivenUnchanged();
		final Path root = Files.createTempDirectory("faig-fiji-it-" + name + "-");
		final Path app = root.resolve("Fiji.app");
		final Path from = given();
		Files.walkFileTree(from, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult preVisitDirectory(final Path dir, final BasicFileAttributes attrs)
				throws IOException
			{
				Files.createDirectories(app.resolve(from.relativize(dir).toString()));
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException {
				final Path to = app.resolve(from.relativize(file).toString());
				Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING); // no attributes: a read-only source stays ours
				if (Files.isExecutable(file)) to.toFile().setExecutable(true);
				return FileVisitResult.CONTINUE;
			}
		});
		for (final String f : APP_FOLDERS)
			Files.createDirectories(app.resolve(f));
		// made here: Java logs two lines on standard error when it has to create its user preferences folder
		Files.createDirectories(root.resolve("prefs/.java/.userPrefs"));
		return new App(root, app, name); // one copy per test class: its logs are target/fiji-it-logs/NAME/
	}

	/** Deletes a folder tree the suite made (a temporary copy); never anything else. */
	static void deleteTree(final Path root) throws IOException {
		if (root == null || !Files.exists(root)) return;
		assertTrue(root.getFileName().toString().startsWith("faig-fiji-it-"), "not a suite folder: " + root);
		Files.walkFileTree(root, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException {
				Files.delete(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(final Path dir, final IOException e) throws IOException {
				Files.delete(dir);
				return FileVisitResult.CONTINUE;
			}
		});
	}

	/** Keeps the temporary copies (for a look after a failure) when {@code -Dfaig.fiji.keep=true}. */
	static boolean keep() {
		return Boolean.getBoolean("faig.fiji.keep");
	}

	/** A process's end: exit status, standard output and error, and how long it took. */
	record Result(int exit, String out, String err, Duration took, String command) {

		/** The lines of standard error. */
		List<String> errLines() {
			return err.isEmpty() ? List.of() : Arrays.asList(err.split("\r?\n"));
		}

		/** Fails with the command and both streams unless the exit status is 0. */
		Result ok() {
			if (exit != 0) fail("exit " + exit + " from " + command + "\n--- stdout\n" + tail(out) +
				"\n--- stderr\n" + tail(err));
			return this;
		}

		private static String tail(final String s) {
			return s.length() > 6000 ? "…" + s.substring(s.length() - 6000) : s;
		}
	}

	/** A temporary copy of the given Fiji, and how to run it. */
	static final class App {

		final Path root;
		final Path dir;
		final String name;
		private final Path logs;
		private int runs;

		App(final Path root, final Path dir, final String name) {
			this.root = root;
			this.dir = dir;
			this.name = name;
			this.logs = artifacts("fiji-it-logs").resolve(name);
			try { // this run's logs only
				if (Files.isDirectory(logs)) try (Stream<Path> s = Files.list(logs)) {
					for (final Path p : (Iterable<Path>) s::iterator)
						Files.delete(p);
				}
			}
			catch (final IOException e) {
				throw new UncheckedIOException(e);
			}
		}

		/**
		 * The launcher for this copy: a launcher inside the given folder is run from the copy (it finds its Fiji.app
		 * by its own place); another (the project's CI launcher) is run with {@code FIJI_APP} naming the copy.
		 */
		Path launcher() {
			final Path l = launcherGiven();
			if (l == null) throw new IllegalStateException("no Fiji launcher found in " + given() +
				"; name it with FAIG_FIJI_LAUNCHER");
			return l.startsWith(given()) ? dir.resolve(given().relativize(l).toString()) : l;
		}

		/** A process builder for the launcher with these arguments, in the given working folder. */
		ProcessBuilder builder(final Path workDir, final boolean gui, final List<String> args) {
			final List<String> cmd = new ArrayList<>();
			cmd.add(launcher().toString());
			// the copy's own Java preferences (dialogs remember values there), so the user's stay untouched
			if (!args.isEmpty() && !args.get(0).equals("--update"))
				cmd.add("-Djava.util.prefs.userRoot=" + root.resolve("prefs"));
			cmd.addAll(args);
			final ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
			final Map<String, String> env = pb.environment();
			env.put("FIJI_APP", dir.toString());
			// Fiji as it starts for users: module path on (a development switch may leave it out, see README)
			env.remove("FIJI_NO_MODULE_PATH");
			if (Boolean.getBoolean("faig.fiji.noModulePath")) env.put("FIJI_NO_MODULE_PATH", "1");
			env.remove("FIJI_BATCH");
			if (!gui) env.remove("DISPLAY");
			return pb;
		}

		/** Runs the launcher to its end (headless unless the arguments say otherwise), within the timeout. */
		Result run(final Path workDir, final Duration timeout, final String... args) throws IOException,
			InterruptedException
		{
			return run(workDir, timeout, null, List.of(args));
		}

		/** Runs the launcher with the given display (null: none) to its end, within the timeout. */
		Result run(final Path workDir, final Duration timeout, final String display, final List<String> args)
			throws IOException, InterruptedException
		{
			final ProcessBuilder pb = builder(workDir, display != null, args);
			if (display != null) pb.environment().put("DISPLAY", display);
			return Fiji.run(pb, timeout, logs, String.format("%03d", ++runs));
		}
	}

	/** Runs a process to its end within the timeout, its streams kept in LOGS/NAME.out and .err. */
	static Result run(final ProcessBuilder pb, final Duration timeout, final Path logs, final String name)
		throws IOException, InterruptedException
	{
		Files.createDirectories(logs);
		final File out = logs.resolve(name + ".out").toFile();
		final File err = logs.resolve(name + ".err").toFile();
		pb.redirectOutput(out).redirectError(err).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		final String command = pb.command().stream().map(Fiji::quote).collect(Collectors.joining(" "));
		Files.writeString(logs.resolve(name + ".cmd"), command + "\n", StandardCharsets.UTF_8);
		final long t0 = System.nanoTime();
		final Process p = pb.start();
		if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
			kill(p);
			fail("no end within " + timeout.toSeconds() + " s: " + command + "\n--- stdout\n" +
				Files.readString(out.toPath()) + "\n--- stderr\n" + Files.readString(err.toPath()));
		}
		return new Result(p.exitValue(), withoutStartupRace(Files.readString(out.toPath()), name),
			withoutStartupRace(Files.readString(err.toPath()), name), Duration.ofNanos(System.nanoTime() - t0),
			command);
	}

	/**
	 * The text less the report of a service that SciJava failed to create while Fiji's context was being built, before
	 * any command runs: scijava-common's cache of annotated fields is not thread-safe (scijava/scijava-common#347), so
	 * a start-up now and then logs "Invalid service: …" with a NullContextException or ConcurrentModificationException
	 * through Context.&lt;init&gt;, then "No match: …" (seen once in CI, for SCIFIO's DefaultFilePatternService). It is
	 * not this plugin's output, so the checks for stack traces ignore it; the logs under target/fiji-it-logs keep it,
	 * and the test output says it was removed.
	 */
	static String withoutStartupRace(final String text, final String run) {
		final String[] lines = text.split("\n", -1);
		final StringBuilder kept = new StringBuilder();
		for (int i = 0; i < lines.length; i++) {
			final Matcher m = INVALID_SERVICE.matcher(lines[i]);
			if (m.find()) {
				int j = i + 1;
				boolean race = false, inContext = false;
				while (j < lines.length && TRACE_LINE.matcher(lines[j]).find()) {
					race |= lines[j].contains("NullContextException") || lines[j].contains(
						"ConcurrentModificationException");
					inContext |= lines[j].contains("at org.scijava.Context.<init>(");
					j++;
				}
				if (race && inContext) {
					if (j < lines.length && lines[j].contains("No match: " + m.group(1))) j++;
					System.err.println("[fiji-it] run " + run + ": removed SciJava's start-up report 'Invalid service: " +
						m.group(1) + "' (scijava/scijava-common#347), lines " + (i + 1) + "-" + j);
					i = j - 1;
					continue;
				}
			}
			kept.append(lines[i]);
			if (i < lines.length - 1) kept.append('\n');
		}
		return kept.toString();
	}

	private static final Pattern INVALID_SERVICE = Pattern.compile(
		"^\\[ERROR\\] Invalid service: (\\S+)\\s*$");

	/** An exception's header, a frame, "... N more" or "Caused by:". */
	private static final Pattern TRACE_LINE = Pattern.compile(
		"^(\\s+at |\\s+\\.\\.\\. \\d+ more|Caused by: |[\\w.$]+(Exception|Error)\\b)");

	/** Ends a process this suite started, and its children. */
	static void kill(final Process p) throws InterruptedException {
		p.descendants().forEach(ProcessHandle::destroyForcibly);
		p.destroyForcibly();
		p.waitFor(20, TimeUnit.SECONDS);
	}

	static String quote(final String s) {
		return s.matches("[\\w./=:,+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
	}

	/** Every regular file under a folder, by path relative to it. */
	static Map<String, Path> files(final Path dir) throws IOException {
		final Map<String, Path> m = new TreeMap<>();
		if (!Files.isDirectory(dir)) return m;
		try (Stream<Path> s = Files.walk(dir)) {
			// FAIG's own bookkeeping in an output folder (.faig-outputs, the record of what it wrote; .faig-lock) is not
			// an output: each run's record names its own files, which other tests check
			s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".faig-")).forEach(
				p -> m.put(dir.relativize(p).toString(), p));
		}
		return m;
	}
}
