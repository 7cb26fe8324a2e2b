package io.github.faig.ij;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.util.VersionUtils;

/** {@code Plugins>FAIG>About}: the version, the paper to cite and the licences. */
@Plugin(type = Command.class, headless = true, label = "FAIG About", menu = { @Menu(label = "Plugins"),
	@Menu(label = "FAIG"), @Menu(label = "About FAIG for Fiji", weight = AboutCommand.WEIGHT) })
public class AboutCommand extends ContextCommand {

	/**
	 * The version of the installed plugin: read from the jar that holds this class (its manifest's
	 * {@code Implementation-Version}, else its Maven {@code pom.properties}), so an upgrade shows the new one; from a
	 * build folder, the project's {@code pom.xml}.
	 */
	public static String version() {
		return versionOf(AboutCommand.class);
	}

	/** The version of the jar (or build folder) that holds {@code c}, or "(version unknown)". */
	static String versionOf(final Class<?> c) {
		final String v = VersionUtils.getVersion(c);
		return v == null || v.isBlank() ? "(version unknown)" : v;
	}

	/** Last in the FAIG menu, after the workflow's commands. */
	static final double WEIGHT = 200;

	@Parameter(required = false)
	private LogService log;

	@Parameter(type = ItemIO.OUTPUT, label = "About FAIG for Fiji")
	private String about;

	@Override
	public void run() {
		about = text();
		if (log != null) log.info(about);
	}

	/** The text shown. */
	public static String text() {
		return "FAIG for Fiji " + version() + "\n\n" +
			"Filter Attribution based on Integrated Gradients, for blind super-resolution networks.\n\n" +
			"Please cite:\n" +
			"Liangbin Xie, Xintao Wang, Chao Dong, Zhongang Qi, Ying Shan. Finding Discriminative Filters for " +
			"Specific Degradations in Blind Super-Resolution. Advances in Neural Information Processing Systems " +
			"(NeurIPS) 34, 2021.\n\n" +
			"Licences:\n" +
			"- FAIG for Fiji: Apache-2.0\n" +
			"- sample models and filter sets: Apache-2.0 (trained by this project; training images listed in the " +
			"data manifest)\n" +
			"- demo photographs: Apache-2.0 / BSD-3-Clause (src/demo/images/NOTICE.md)\n" +
			"- Deep Java Library: Apache-2.0; PyTorch (libtorch): BSD-3-Clause\n";
	}
}
