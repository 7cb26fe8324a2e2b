package io.github.faig.command;

import java.io.IOException;
import java.util.concurrent.CancellationException;

import org.scijava.app.StatusService;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;

/**
 * What every FAIG command shares: bad input and I/O failures end the command with a clear message (through
 * {@link #cancel(String)}, so callers see {@code isCanceled()} and the reason), progress goes to the
 * {@link StatusService}, and a cancel request stops the work at the next checkpoint.
 * <p>
 * Inputs are declared {@code persist = false}: every run starts from the documented defaults, so a macro or
 * headless line means the same thing on every machine, whatever was run before.
 * </p>
 * <p>
 * Subclasses are thin: they check their inputs, call the plain-Java core, and turn results into ImageJ images,
 * tables and files.
 * </p>
 */
public abstract class FaigCommand extends ContextCommand {

	@Parameter
	protected LogService log;

	@Parameter
	protected StatusService status;

	/** The command's work; throw {@link IllegalArgumentException} for bad input. */
	protected abstract void execute() throws Exception;

	@Override
	public final void run() {
		try {
			execute();
		}
		catch (final CancellationException e) {
			// The request's reason stands. The core's stops carry no message (the caller asked, so it knows why);
			// one that says more (a training run: where it can resume) is added to the reason.
			final String asked = isCanceled() ? getCancelReason() : null;
			final String said = e.getMessage();
			if (asked == null || asked.isEmpty()) cancel(said != null ? said : "Cancelled");
			else if (said != null && !said.equals(asked)) cancel(asked + "; " + said);
		}
		catch (final IllegalArgumentException | IllegalStateException e) {
			fail(e.getMessage());
		}
		catch (final IOException e) {
			fail("could not read or write a file: " + e.getMessage());
		}
		catch (final Exception e) {
			log.error(e);
			fail(e.getClass().getSimpleName() + ": " + e.getMessage());
		}
		finally {
			if (status != null) status.clearStatus();
		}
	}

	/**
	 * The image a command works on: the given one (in Fiji, the active image), else the file of the headless input
	 * {@code input_file}; a clear message when neither is there.
	 */
	protected static ij.ImagePlus sourceImage(final ij.ImagePlus image, final java.io.File inputFile) {
		if (image != null) return image;
		if (inputFile == null) throw new IllegalArgumentException("no image: open an image or give input_file");
		return io.github.faig.ij.ImageFiles.open(inputFile, "input_file");
	}

	/** Ends the command with {@code message} (shown to the user, logged, and returned by getCancelReason). */
	protected void fail(final String message) {
		final String m = getClass().getSimpleName().replace("Command", "") + ": " + message;
		if (log != null) log.error(m);
		cancel(m);
	}

	/** Reports progress {@code i} of {@code n} with a message, and stops if the user cancelled. */
	protected void progress(final String message, final int i, final int n) {
		checkCancelled();
		if (status != null) {
			status.showStatus(i, n, message);
		}
	}

	/** Throws {@link CancellationException} if the command was cancelled. */
	protected void checkCancelled() {
		if (isCanceled()) throw new CancellationException(getCancelReason());
		if (Thread.currentThread().isInterrupted()) {
			cancel("Cancelled");
			throw new CancellationException("Cancelled");
		}
	}
}
