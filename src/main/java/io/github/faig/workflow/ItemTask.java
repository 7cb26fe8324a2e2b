package io.github.faig.workflow;

import java.io.Serializable;

/**
 * The work a workflow does on one item of a set (an image, a file, a labelled input), written so that any JVM can
 * do it: a {@link Sharding} runs it in this JVM or ships it to others. The result of an item depends only on the
 * item's index in the set, the item, the task's own (serializable) options and the state {@link #open()} builds.
 *
 * @param <S> the state every item of one JVM shares (typically the workflow holding the loaded models); if it is
 *            {@link AutoCloseable} the sharding closes it when the JVM is done with it
 * @param <I> an item
 * @param <R> an item's result
 */
public interface ItemTask<S, I, R> extends Serializable {

	/** Builds the state this JVM's items share: called at most once per JVM and run (models load here). */
	S open() throws Exception;

	/**
	 * The state already open in the calling JVM, used there instead of {@link #open()} and left open (its owner
	 * closes it); {@code null} when there is none. Keep it in a {@code transient} field: other JVMs open their own.
	 */
	default S opened() {
		return null;
	}

	/**
	 * The result of item {@code index} (its position in the set, which seeds and crop positions derive from).
	 *
	 * @param monitor reports steps inside the item and tells when to stop
	 */
	R apply(S state, int index, I item, Monitor monitor) throws Exception;
}
