package io.github.faig.nn.io;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;


/**
 * A model package as bytes (the zip {@link ModelPackage#write} makes), so that a sharded run sends the driver's model
 * to every JVM once ({@link io.github.faig.workflow.Sharding#share}) instead of each JVM reading a path it may not see.
 */
public final class PackedModel implements Serializable {

	private static final long serialVersionUID = 1L;

	private final byte[] zip;

	private PackedModel(final byte[] zip) {
		this.zip = zip;
	}

	/** The package as bytes. */
	public static PackedModel of(final ModelPackage p) throws IOException {
		final Path dir = Files.createTempDirectory("faig-pack");
		final Path zip = dir.resolve("model.zip");
		try {
			p.write(zip.toFile());
			return new PackedModel(Files.readAllBytes(zip));
		}
		finally {
			Files.deleteIfExists(zip);
			Files.deleteIfExists(dir);
		}
	}

	/** The package again, as {@link ModelPackage#read} reads it. */
	public ModelPackage unpack() {
		try {
			final Path dir = Files.createTempDirectory("faig-pack");
			final Path f = dir.resolve("model.zip");
			try {
				Files.write(f, zip);
				return ModelPackage.read(f.toFile());
			}
			finally {
				Files.deleteIfExists(f);
				Files.deleteIfExists(dir);
			}
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Bytes in all (what every JVM receives once). */
	public long size() {
		return zip.length;
	}
}
