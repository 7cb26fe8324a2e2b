package io.github.faig.ij;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** {@code Plugins>FAIG>About}: the version, the paper to cite and the licences. */
@Plugin(type = Command.class, headless = true, label = "FAIG About", menu = { @Menu(label = "Plugins"),
	@Menu(label = "FAIG"), @Menu(label = "About FAIG for Fiji", weight = AboutCommand.WEIGHT) })
public class AboutCommand extends ContextCommand {

	/** This release; a test keeps it equal to the pom's version. */
	public static final String VERSION = "0.1.0-SNAPSHOT";

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
		return "FAIG for Fiji " + VERSION + "\n\n" +
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
