package io.github.faig.io;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Reads a filesystem that URIs name ({@code hdfs://}, {@code s3a://}, ...) for the image inputs given as a
 * {@link UriFile}. Implementations are found at run time with {@link ServiceLoader}: the Spark runner provides
 * Hadoop's FileSystem, so the plugin itself references no Hadoop library.
 */
public interface UriFileSystem {

	/** What a URI names. */
	enum Kind {
		FILE, FOLDER
	}

	/** Whether this reads {@code uri}'s scheme. */
	boolean reads(URI uri);

	/** What {@code uri} names, or {@code null} when nothing is there. */
	Kind kind(URI uri) throws IOException;

	/** The regular files directly inside folder {@code folder} (any order). */
	List<URI> files(URI folder) throws IOException;

	/** Copies file {@code file} to the new local file {@code to}. */
	void copy(URI file, Path to) throws IOException;

	/** Whether any filesystem of this kind is on the class path (the Spark runner's is). */
	static boolean installed() {
		return ServiceLoader.load(UriFileSystem.class, UriFileSystem.class.getClassLoader()).iterator().hasNext();
	}

	/** The filesystem that reads {@code uri}, or {@code null} when none on the class path does. */
	static UriFileSystem of(final URI uri) {
		for (final UriFileSystem fs : ServiceLoader.load(UriFileSystem.class, UriFileSystem.class.getClassLoader())) {
			if (fs.reads(uri)) return fs;
		}
		return null;
	}
}
