package io.github.faig.tools;

import java.io.PrintStream;
import java.util.Arrays;

import io.github.faig.data.TrainingSetBuilder;
import io.github.faig.site.FijiInstall;
import io.github.faig.site.UpdateSiteBuilder;

/**
 * The developer tools that make what the plugin ships (training photographs, sample-model card, update site). They
 * are compiled and tested with the test sources and are not part of the plugin jar; {@code scripts/dev-tool.sh}
 * runs them.
 *
 * <pre>
 * scripts/dev-tool.sh model-card &lt;models-dir&gt;[:&lt;more&gt;…] &lt;photos-dir&gt; [max-side]
 * scripts/dev-tool.sh grey-network &lt;rgb-model&gt; &lt;output-model&gt;
 * scripts/dev-tool.sh grey-images &lt;photos-dir&gt; &lt;new-output-dir&gt;
 * scripts/dev-tool.sh build-training-set &lt;unpacked-dir&gt; &lt;out-dir&gt;
 * scripts/dev-tool.sh build-update-site &lt;site-dir&gt; &lt;jar&gt; … (see scripts/build-update-site.sh)
 * scripts/dev-tool.sh install-in-fiji &lt;Fiji.app&gt; &lt;jar&gt; … (see scripts/install-in-fiji.sh)
 * </pre>
 *
 * Exit status: 0 on success, 1 when the tool failed, 2 for a bad command line.
 */
public final class DevTools {

	private DevTools() {}

	public static void main(final String... args) {
		System.setProperty("java.awt.headless", "true");
		System.exit(run(System.out, System.err, args));
	}

	/** Runs the tool named by {@code args[0]} and returns its exit status (does not exit the JVM). */
	public static int run(final PrintStream out, final PrintStream err, final String... args) {
		final String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
		switch (args.length == 0 ? "" : args[0]) {
			case "model-card":
				return ModelCard.run(out, err, rest);
			case "grey-network":
				return GreyNetwork.run(out, err, rest);
			case "grey-images":
				return GreyImages.run(out, err, rest);
			case "build-training-set":
				return TrainingSetBuilder.run(out, err, rest);
			case "build-update-site":
				return UpdateSiteBuilder.run(out, err, rest);
			case "install-in-fiji":
				return FijiInstall.run(out, err, rest);
			default:
				err.println("usage: scripts/dev-tool.sh model-card|grey-network|grey-images|build-training-set|build-update-site|install-in-fiji <arguments>" +
					(args.length == 0 ? "" : "; no tool named '" + args[0] + "'"));
				return 2;
		}
	}
}
