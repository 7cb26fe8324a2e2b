package io.github.faig.site;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The checksum Fiji's updater records for a file (see fiji-conventions): for a {@code .jar}, SHA-1 over its entries
 * sorted by name, each contributing its name (ASCII) and then its bytes — except {@code .properties} entries, whose
 * lines starting with {@code #} are dropped (their newline kept), and {@code META-INF/MANIFEST.MF}, whose bytes
 * contribute nothing; for any other file, SHA-1 of its Fiji-relative path (ASCII) and then its bytes.
 */
public final class UpdaterChecksum {

	private UpdaterChecksum() {}

	public static String of(final String fijiPath, final File file) throws IOException {
		final MessageDigest d = sha1();
		if (fijiPath.endsWith(".jar")) {
			try (JarFile jar = new JarFile(file)) {
				final List<JarEntry> entries = new ArrayList<>(Collections.list(jar.entries()));
				entries.sort((a, b) -> a.getName().compareTo(b.getName()));
				for (final JarEntry e : entries) {
					d.update(e.getName().getBytes(StandardCharsets.US_ASCII));
					if (e.getName().equals("META-INF/MANIFEST.MF")) continue;
					try (InputStream in = jar.getInputStream(e)) {
						final byte[] bytes = in.readAllBytes();
						d.update(e.getName().endsWith(".properties") ? skipHashedLines(bytes) : bytes);
					}
				}
			}
		}
		else {
			d.update(fijiPath.getBytes(StandardCharsets.US_ASCII));
			d.update(Files.readAllBytes(file.toPath()));
		}
		return HexFormat.of().formatHex(d.digest());
	}

	/** The bytes without the content of lines starting with {@code #}; every newline stays. */
	static byte[] skipHashedLines(final byte[] in) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
		boolean lineStart = true;
		boolean skipping = false;
		for (final byte b : in) {
			if (lineStart) skipping = b == '#';
			if (b == '\n') {
				out.write(b);
				lineStart = true;
				skipping = false;
				continue;
			}
			lineStart = false;
			if (!skipping) out.write(b);
		}
		return out.toByteArray();
	}

	private static MessageDigest sha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
