package io.github.faig.workflow;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.faig.nn.io.ModelPackage;
import io.github.faig.nn.io.ModelPair;

/**
 * A model pair as bytes (each package as the zip {@link ModelPackage#write} makes), so that a sharded run sends the
 * driver's models to every JVM once ({@link Sharding#share}) instead of each JVM reading paths it may not see.
 */
public final class PackedPair implements Serializable {

	private static final long serialVersionUID = 1L;

	private final byte[] baseline;
	private final byte[] target;

	private PackedPair(final byte[] baseline, final byte[] target) {
		this.baseline = baseline;
		this.target = target;
	}

	/** The pair's packages as bytes. */
	public static PackedPair of(final ModelPair pair) throws IOException {
		return new PackedPair(bytes(pair.baseline()), bytes(pair.target()));
	}

	/** The pair again, as {@link ModelPackage#read} reads it. */
	public ModelPair unpack() {
		try {
			return new ModelPair(read(baseline), read(target));
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Bytes in all (what every JVM receives once). */
	public long size() {
		return (long) baseline.length + target.length;
	}

	private static byte[] bytes(final ModelPackage p) throws IOException {
		final Path dir = Files.createTempDirectory("faig-pack");
		final Path zip = dir.resolve("model.zip");
		try {
			p.write(zip.toFile());
			return Files.readAllBytes(zip);
		}
		finally {
			Files.deleteIfExists(zip);
			Files.deleteIfExists(dir);
		}
	}

	private static ModelPackage read(final byte[] b) throws IOException {
		final Path dir = Files.createTempDirectory("faig-pack");
		final Path zip = dir.resolve("model.zip");
		try {
			Files.write(zip, b);
			return ModelPackage.read(zip.toFile());
		}
		finally {
			Files.deleteIfExists(zip);
			Files.deleteIfExists(dir);
		}
	}
}
