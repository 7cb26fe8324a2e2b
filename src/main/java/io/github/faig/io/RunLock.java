package io.github.faig.io;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Says that one run is writing an output (a model package and its checkpoint) while it does: a second run aimed at
 * the same output is refused in one line instead of colliding with the first. The lock is the operating system's,
 * on a hidden file beside the output ({@code .<name>.faig-lock}), or inside an output folder ({@value #IN_FOLDER}),
 * so a killed run holds it no longer (the file it leaves blocks nothing); the file is removed when the run ends.
 */
public final class RunLock implements AutoCloseable {

	private final Path file;
	private final FileChannel channel;
	private final FileLock lock;

	private RunLock(final Path file, final FileChannel channel, final FileLock lock) {
		this.file = file;
		this.channel = channel;
		this.lock = lock;
	}

	/** The lock file inside an output folder: nothing is written outside the folder a command was given. */
	public static final String IN_FOLDER = ".faig-lock";

	/**
	 * Takes the lock of the output folder {@code dir} (which exists), given as {@code parameter}: every command that
	 * writes into a folder holds it while it does.
	 */
	public static RunLock inFolder(final File dir, final String parameter) throws IOException {
		return acquire(dir.toPath().toAbsolutePath().normalize().resolve(IN_FOLDER), dir, parameter);
	}

	/** The lock file of {@code target}. */
	public static Path lockFile(final File target) {
		final Path t = target.toPath().toAbsolutePath().normalize();
		return t.resolveSibling("." + t.getFileName() + ".faig-lock");
	}

	/**
	 * Takes the lock of {@code target}, given as {@code parameter}; an IllegalStateException in one line when another
	 * run holds it.
	 */
	public static RunLock acquire(final File target, final String parameter) throws IOException {
		return acquire(lockFile(target), target, parameter);
	}

	private static RunLock acquire(final Path f, final File target, final String parameter) throws IOException {
		if (Files.isSymbolicLink(f) || Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
			throw new IllegalStateException(parameter + " '" + target + "' holds " + f.getFileName() + ", FAIG's lock, as " +
				"a link or folder: move it");
		}
		for (int attempt = 0; attempt < 10; attempt++) {
			final FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			FileLock l = null;
			try {
				l = ch.tryLock();
			}
			catch (final OverlappingFileLockException e) {
				// held by this JVM
			}
			if (l == null) {
				ch.close();
				throw new IllegalStateException(parameter + " '" + target + "' is being written by another run, which " +
					"holds its lock " + f.getFileName() + ": wait until it ends, or choose another " + parameter);
			}
			// the run that held it may have removed the file between our open and our lock: then lock a new one
			if (Files.exists(f, LinkOption.NOFOLLOW_LINKS)) return new RunLock(f, ch, l);
			l.release();
			ch.close();
		}
		throw new IllegalStateException(parameter + " '" + target + "': its lock " + f.getFileName() + " keeps changing; " +
			"is another run starting there?");
	}

	/** Removes the lock file and releases the lock. */
	@Override
	public void close() throws IOException {
		try {
			Files.deleteIfExists(file);
		}
		finally {
			lock.release();
			channel.close();
		}
	}
}
