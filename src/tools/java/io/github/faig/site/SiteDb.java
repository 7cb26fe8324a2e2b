package io.github.faig.site;

import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.scijava.util.FileUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The records of an update site's {@code db.xml.gz}, read and written in the updater's format: per file a
 * {@code <plugin filename>} with {@code <platform>}s, at most one current {@code <version>} (none: the file is
 * obsolete) and any number of {@code <previous-version checksum timestamp [filename] [timestamp-obsolete]/>}.
 * Records are keyed by the file name after SciJava's version stripping ({@link #key}), as the updater keys them: a
 * file whose stripped name matches a record is that record's file, whatever version its name carries.
 */
public final class SiteDb {

	/** One version of a file: its checksum and timestamp; {@code filename} is set when it differs from the record's. */
	public record Version(String checksum, long timestamp, long filesize, String filename, long timestampObsolete) {}

	/** One file of the site. {@code current} is null for an obsolete file. */
	public static final class Record {

		public final String filename;
		public final List<String> platforms = new ArrayList<>();
		public String description;
		public final List<String[]> dependencies = new ArrayList<>(); // {filename, timestamp}
		public Version current;
		public final List<Version> previous = new ArrayList<>();

		public Record(final String filename) {
			this.filename = filename;
		}

		public boolean obsolete() {
			return current == null;
		}

		/** Whether {@code checksum} is the current or an earlier version of this file. */
		public boolean knows(final String checksum) {
			if (current != null && current.checksum().equals(checksum)) return true;
			for (final Version v : previous) if (v.checksum().equals(checksum)) return true;
			return false;
		}

		/** Whether the file is meant for {@code platform} (no platform: every platform). */
		public boolean forPlatform(final String platform) {
			return platforms.isEmpty() || platforms.contains(platform);
		}
	}

	/** Records in file order, by stripped name. */
	public final Map<String, Record> records = new LinkedHashMap<>();

	/** The name the updater identifies a file by: SciJava's {@code FileUtils.stripFilenameVersion}. */
	public static String key(final String fijiPath) {
		return FileUtils.stripFilenameVersion(fijiPath);
	}

	public Record get(final String fijiPath) {
		return records.get(key(fijiPath));
	}

	public void add(final Record r) {
		if (records.putIfAbsent(key(r.filename), r) != null) {
			// Two files of one site that strip to one name would overwrite each other in Fiji.
			throw new IllegalArgumentException("two files of the site strip to the name " + key(r.filename) + ": " +
				records.get(key(r.filename)).filename + " and " + r.filename);
		}
	}

	/** Reads {@code db.xml.gz}; an absent file is an empty site. */
	public static SiteDb read(final File dbXmlGz) throws IOException {
		final SiteDb db = new SiteDb();
		if (!dbXmlGz.isFile()) return db;
		final String expected = ": expected the gzip-compressed XML database of an update site";
		if (dbXmlGz.length() == 0) throw new IOException(dbXmlGz + " is empty" + expected);
		final Document doc;
		try (InputStream in = new GZIPInputStream(Files.newInputStream(dbXmlGz.toPath()))) {
			final DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
			f.setValidating(false);
			f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
			doc = f.newDocumentBuilder().parse(in);
		}
		catch (final ZipException e) {
			throw new IOException(dbXmlGz + " is not gzip-compressed" + expected, e);
		}
		catch (final EOFException e) {
			throw new IOException(dbXmlGz + " is cut short" + expected, e);
		}
		catch (final SAXException | ParserConfigurationException e) {
			throw new IOException(dbXmlGz + " is not valid XML (" + e.getMessage() + ")" + expected, e);
		}
		if (!doc.getDocumentElement().getTagName().equals("pluginRecords")) {
			throw new IOException(dbXmlGz + " holds <" + doc.getDocumentElement().getTagName() + ">, not " +
				"<pluginRecords>" + expected);
		}
		final NodeList plugins = doc.getElementsByTagName("plugin");
		try {
			readPlugins(db, plugins, dbXmlGz);
		}
		catch (final NumberFormatException e) {
			throw new IOException(dbXmlGz + " holds a timestamp or size that is not a number (" + e.getMessage() + ")" +
				expected, e);
		}
		return db;
	}

	private static void readPlugins(final SiteDb db, final NodeList plugins, final File dbXmlGz)
		throws IOException
	{
		for (int i = 0; i < plugins.getLength(); i++) {
			final Element p = (Element) plugins.item(i);
			final Record r = new Record(p.getAttribute("filename"));
			for (Node n = p.getFirstChild(); n != null; n = n.getNextSibling()) {
				if (!(n instanceof Element e)) continue;
				switch (e.getTagName()) {
					case "platform" -> r.platforms.add(e.getTextContent().trim());
					case "version" -> {
						r.current = new Version(e.getAttribute("checksum"), num(e, "timestamp"), num(e, "filesize"), null,
							0);
						for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
							if (!(c instanceof Element ce)) continue;
							if (ce.getTagName().equals("description")) r.description = ce.getTextContent();
							if (ce.getTagName().equals("dependency")) r.dependencies.add(new String[] { ce.getAttribute(
								"filename"), ce.getAttribute("timestamp") });
						}
					}
					case "previous-version" -> r.previous.add(new Version(e.getAttribute("checksum"), num(e, "timestamp"),
						0, e.hasAttribute("filename") ? e.getAttribute("filename") : null, num(e, "timestamp-obsolete")));
					default -> {}
				}
			}
			try {
				db.add(r);
			}
			catch (final IllegalArgumentException e) {
				throw new IOException(dbXmlGz + ": " + e.getMessage(), e);
			}
		}
	}

	private static long num(final Element e, final String attribute) {
		final String s = e.getAttribute(attribute);
		return s.isEmpty() ? 0 : Long.parseLong(s);
	}

	/** Writes {@code db.xml.gz} through a temporary sibling, so a failed write leaves the previous one. */
	public void write(final File dbXmlGz) throws IOException {
		final StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<pluginRecords>\n");
		for (final Record r : records.values()) {
			xml.append("  <plugin filename=\"").append(esc(r.filename)).append("\">\n");
			for (final String p : r.platforms) xml.append("    <platform>").append(esc(p)).append("</platform>\n");
			if (r.current != null) {
				xml.append("    <version checksum=\"").append(r.current.checksum()).append("\" timestamp=\"").append(
					r.current.timestamp()).append("\" filesize=\"").append(r.current.filesize()).append("\">\n");
				if (r.description != null) {
					xml.append("      <description>").append(esc(r.description)).append("</description>\n");
				}
				for (final String[] d : r.dependencies) {
					xml.append("      <dependency filename=\"").append(esc(d[0])).append("\" timestamp=\"").append(esc(
						d[1])).append("\"/>\n");
				}
				xml.append("    </version>\n");
			}
			for (final Version v : r.previous) {
				xml.append("    <previous-version timestamp=\"").append(v.timestamp()).append("\"");
				if (v.timestampObsolete() != 0) xml.append(" timestamp-obsolete=\"").append(v.timestampObsolete()).append(
					"\"");
				xml.append(" checksum=\"").append(v.checksum()).append("\"");
				if (v.filename() != null) xml.append(" filename=\"").append(esc(v.filename())).append("\"");
				xml.append("/>\n");
			}
			xml.append("  </plugin>\n");
		}
		xml.append("</pluginRecords>\n");
		final File tmp = new File(dbXmlGz.getParentFile(), ".part-" + dbXmlGz.getName());
		try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(tmp.toPath())); Writer w =
			new OutputStreamWriter(o, StandardCharsets.UTF_8))
		{
			w.write(xml.toString());
		}
		Files.move(tmp.toPath(), dbXmlGz.toPath(), StandardCopyOption.REPLACE_EXISTING);
	}

	private static String esc(final String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	/** Number of records with a current version, obsolete records, and previous-version entries. */
	public int[] counts() {
		int current = 0, obsolete = 0, previous = 0;
		for (final Record r : records.values()) {
			if (r.obsolete()) obsolete++;
			else current++;
			previous += r.previous.size();
		}
		return new int[] { current, obsolete, previous };
	}
}
