package io.github.faig.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashesTest {

	/** FIPS 180-2, appendix B.1: SHA-256("abc"). */
	private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

	@Test
	void sha256OfAKnownTextAndOfTheSameFile(@TempDir final Path dir) throws Exception {
		assertEquals(ABC, Hashes.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
		final Path f = Files.writeString(dir.resolve("abc.txt"), "abc", StandardCharsets.US_ASCII);
		assertEquals(ABC, Hashes.sha256(f));
	}
}
