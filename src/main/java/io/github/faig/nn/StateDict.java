package io.github.faig.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Named weights in a fixed order, as a PyTorch {@code state_dict}: BasicSR names such as
 * {@code conv_first.weight} or {@code features.0.bias} (docs/method.md §2). Plain Java, no native memory.
 */
public final class StateDict {

	private final LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();

	public StateDict put(final String name, final Tensor t) {
		tensors.put(name, t);
		return this;
	}

	public Tensor get(final String name) {
		return tensors.get(name);
	}

	public boolean contains(final String name) {
		return tensors.containsKey(name);
	}

	public Set<String> names() {
		return Collections.unmodifiableSet(tensors.keySet());
	}

	public Map<String, Tensor> asMap() {
		return Collections.unmodifiableMap(tensors);
	}

	public int size() {
		return tensors.size();
	}

	/** Total number of values. */
	public long parameterCount() {
		long n = 0;
		for (final Tensor t : tensors.values()) n += t.numel();
		return n;
	}
}
