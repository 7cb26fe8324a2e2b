package io.github.faig.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content hashes as the project records them (manifests, provenance): lower-case hexadecimal SHA-256. */
public final class Hashes {

	private Hashes() {}

	/** The SHA-256 of {@code bytes}, 64 lower-case hexadecimal digits. */
	public static String sha256(final byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException(e); // every Java platform has SHA-256
		}
	}

	/** The SHA-256 of a file's content. */
	public static String sha256(final Path file) throws IOException {
		return sha256(Files.readAllBytes(file));
	}
}
