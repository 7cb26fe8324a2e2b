package io.github.faig.spark;

import io.github.faig.workflow.Sharding;

/** Makes {@code ./faig --spark MASTER} find the Spark runner (registered in META-INF/services). */
public final class SparkShardingProvider implements Sharding.Provider {

	@Override
	public Sharding open(final String master, final String appName) {
		return new SparkSharding(master, appName);
	}
}
