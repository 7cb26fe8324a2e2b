package io.github.faig.cli;

import org.scijava.plugin.Plugin;
import org.scijava.service.AbstractService;
import org.scijava.service.SciJavaService;
import org.scijava.service.Service;

import io.github.faig.workflow.Sharding;

/**
 * The run mode of the FAIG commands of one SciJava context, passed in by whoever starts them instead of held in
 * JVM-wide globals: the {@link Sharding} their items go through (this JVM, or a cluster's executors for
 * {@code ./faig --spark MASTER --run …}), and whether they run under the {@code ./faig} launcher (which reports a
 * failure itself, once, and shows no GUI).
 */
@Plugin(type = Service.class)
public class FaigRunService extends AbstractService implements SciJavaService {

	private volatile Sharding sharding = Sharding.LOCAL;
	private volatile boolean launcher;

	/** The sharding of the commands run now: {@link Sharding#LOCAL} unless a launcher {@link #use uses} another. */
	public Sharding sharding() {
		return sharding;
	}

	/** Makes {@code s} the commands' sharding until the returned scope closes (then the previous one is back). */
	public Scope use(final Sharding s) {
		final Sharding before = sharding;
		sharding = s;
		return () -> sharding = before;
	}

	/** Whether the commands run under the {@code ./faig} launcher. */
	public boolean launcher() {
		return launcher;
	}

	/** Marks this context's commands as run by the {@code ./faig} launcher. */
	public void setLauncher(final boolean launcher) {
		this.launcher = launcher;
	}

	/** The span during which a sharding is used. */
	public interface Scope extends AutoCloseable {

		@Override
		void close();
	}
}
