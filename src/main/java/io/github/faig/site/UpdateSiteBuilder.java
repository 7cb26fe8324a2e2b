package io.github.faig.site;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a Fiji update site: each file as {@code <fiji-path>-<yyyyMMddHHmmss>} and {@code db.xml.gz} listing them
 * with timestamp, size, checksum ({@link UpdaterChecksum}), platform and dependencies.
 *
 * <pre>
 * ./faig build-update-site &lt;site-dir&gt; &lt;project-jar&gt; &lt;runtime-jars-dir&gt; &lt;natives-dir&gt; &lt;models-dir&gt;
 * </pre>
 *
 * (driven by {@code scripts/build-update-site.sh}). Libraries that Fiji ships itself (gson, jna, commons-compress,
 * slf4j, ImageJ, SciJava, ImgLib2) are never put on the site.
 */
public final class UpdateSiteBuilder {

	/** One file of the site. */
	public record Entry(String fijiPath, File source, String platform, String description, List<String> dependencies) {}

	/** DJL native classifiers and Fiji's platform names. */
	public static final String[][] PLATFORMS = { { "linux-x86_64", "linux64" }, { "linux-aarch64", "linux-arm64" },
		{ "osx-aarch64", "macos-arm64" }, { "win-x86_64", "win64" } };

	/** Jars Fiji already ships: never on this site. */
	static final String[] FIJI_SHIPS = { "gson-", "jna-", "jna-platform-", "commons-compress-", "slf4j-", "ij-",
		"scijava-", "imglib2-", "parsington-", "commons-", "log4j" };

	private UpdateSiteBuilder() {}

	public static String timestamp(final long millis) {
		final SimpleDateFormat f = new SimpleDateFormat("yyyyMMddHHmmss", Locale.ROOT);
		f.setTimeZone(TimeZone.getTimeZone("UTC"));
		return f.format(new Date(millis));
	}

	/** Writes the site into {@code dir} (created if needed) with one timestamp for every file. */
	public static void write(final File dir, final List<Entry> entries, final String timestamp) throws IOException {
		Files.createDirectories(dir.toPath());
		final StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<pluginRecords>\n");
		for (final Entry e : entries) {
			final File target = new File(dir, e.fijiPath() + "-" + timestamp);
			Files.createDirectories(target.getParentFile().toPath());
			Files.copy(e.source().toPath(), target.toPath(), StandardCopyOption.REPLACE_EXISTING);
			xml.append("  <plugin filename=\"").append(esc(e.fijiPath())).append("\"");
			xml.append(">\n");
			if (e.platform() != null) xml.append("    <platform>").append(esc(e.platform())).append("</platform>\n");
			xml.append("    <version checksum=\"").append(UpdaterChecksum.of(e.fijiPath(), e.source())).append(
				"\" timestamp=\"").append(timestamp).append("\" filesize=\"").append(e.source().length()).append("\">\n");
			if (e.description() != null) {
				xml.append("      <description>").append(esc(e.description())).append("</description>\n");
			}
			for (final String dep : e.dependencies()) {
				xml.append("      <dependency filename=\"").append(esc(dep)).append("\" timestamp=\"").append(timestamp)
					.append("\"/>\n");
			}
			xml.append("    </version>\n  </plugin>\n");
		}
		xml.append("</pluginRecords>\n");
		final File db = new File(dir, "db.xml.gz");
		final File tmp = new File(dir, ".part-db.xml.gz");
		try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(tmp.toPath())); Writer w =
			new java.io.OutputStreamWriter(o, StandardCharsets.UTF_8))
		{
			w.write(xml.toString());
		}
		Files.move(tmp.toPath(), db.toPath(), StandardCopyOption.REPLACE_EXISTING);
	}

	private static String esc(final String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	static boolean fijiShips(final String jarName) {
		for (final String p : FIJI_SHIPS) if (jarName.startsWith(p)) return true;
		return false;
	}

	/** The entries of the FAIG site from a build: project jar, its runtime jars, natives, models. */
	public static List<Entry> entries(final File projectJar, final File runtimeJars, final File natives,
		final File models) throws IOException
	{
		final List<Entry> out = new ArrayList<>();
		final List<String> deps = new ArrayList<>();
		final File[] jars = runtimeJars.listFiles((d, n) -> n.endsWith(".jar"));
		if (jars == null) throw new IOException("no runtime jars in " + runtimeJars);
		java.util.Arrays.sort(jars);
		for (final File j : jars) {
			if (fijiShips(j.getName()) || j.getName().startsWith("pytorch-native-")) continue;
			out.add(new Entry("jars/" + j.getName(), j, null, null, List.of()));
			deps.add("jars/" + j.getName());
		}
		for (final String[] p : PLATFORMS) {
			final File[] nat = natives.listFiles((d, n) -> n.endsWith("-" + p[0] + ".jar"));
			if (nat == null || nat.length != 1) {
				throw new IOException("expected one native jar for " + p[0] + " in " + natives);
			}
			out.add(new Entry("jars/" + p[1] + "/" + nat[0].getName(), nat[0], p[1], "PyTorch " + p[0] +
				" natives for Deep Java Library", List.of()));
		}
		out.add(0, new Entry("jars/" + projectJar.getName(), projectJar, null,
			"FAIG for Fiji: discriminative filters for specific degradations in blind super-resolution", deps));
		if (models != null && models.isDirectory()) addModels(out, models, "models/faig");
		return out;
	}

	private static void addModels(final List<Entry> out, final File dir, final String prefix) {
		final File[] files = dir.listFiles();
		if (files == null) return;
		java.util.Arrays.sort(files);
		for (final File f : files) {
			if (f.getName().startsWith(".") || f.getName().endsWith(".checkpoint.safetensors")) continue;
			if (f.isDirectory()) addModels(out, f, prefix + "/" + f.getName());
			else out.add(new Entry(prefix + "/" + f.getName(), f, null, null, List.of()));
		}
	}

	public static int run(final PrintStream out, final PrintStream err, final String... args) {
		if (args.length != 5) {
			err.println("usage: build-update-site <site-dir> <project-jar> <runtime-jars-dir> <natives-dir> <models-dir>");
			return 2;
		}
		try {
			final List<Entry> entries = entries(new File(args[1]), new File(args[2]), new File(args[3]), new File(
				args[4]));
			final String ts = timestamp(System.currentTimeMillis());
			write(new File(args[0]), entries, ts);
			long bytes = 0;
			for (final Entry e : entries) bytes += e.source().length();
			out.println("build-update-site: " + entries.size() + " files, " + (bytes >> 20) + " MiB, timestamp " + ts +
				", in " + args[0]);
			return 0;
		}
		catch (final IOException e) {
			err.println("build-update-site failed: " + e.getMessage());
			return 1;
		}
	}
}
