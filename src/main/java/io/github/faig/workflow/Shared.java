package io.github.faig.workflow;

import java.io.Serializable;

/**
 * A value every item of a run reads, sent once to each JVM rather than with every item (model weights, filter
 * sets). Made by {@link Sharding#share}.
 */
@FunctionalInterface
public interface Shared<T> extends Serializable {

	T get();
}
