package io.github.faig.nn.io;

import java.io.IOException;
import java.io.Serializable;


/**
 * A model pair as bytes (each package as the zip {@link ModelPackage#write} makes), so that a sharded run sends the
 * driver's models to every JVM once ({@link io.github.faig.workflow.Sharding#share}) instead of each JVM reading paths it may not see.
 */
public final class PackedPair implements Serializable {

	private static final long serialVersionUID = 2L;

	private final PackedModel baseline;
	private final PackedModel target;

	private PackedPair(final PackedModel baseline, final PackedModel target) {
		this.baseline = baseline;
		this.target = target;
	}

	/** The pair's packages as bytes. */
	public static PackedPair of(final ModelPair pair) throws IOException {
		return new PackedPair(PackedModel.of(pair.baseline()), PackedModel.of(pair.target()));
	}

	/** The pair again, as {@link ModelPackage#read} reads it. */
	public ModelPair unpack() {
		return new ModelPair(baseline.unpack(), target.unpack());
	}

	/** Bytes in all (what every JVM receives once). */
	public long size() {
		return baseline.size() + target.size();
	}
}
