package io.github.faig.spark;

import java.util.Arrays;

import io.github.faig.cli.FaigMain;

/**
 * The job jar's entry point for {@code spark-submit}: the {@code ./faig} command line, with the items sent to the
 * cluster spark-submit names.
 *
 * <pre>
 * spark-submit --master spark://host:7077 --class io.github.faig.spark.FaigSubmit faig-spark-job.jar \
 *   --run "FAIG Compute Filters" "input_dir='/shared/gt',output_dir='/shared/filters'"
 * </pre>
 */
public final class FaigSubmit {

	private FaigSubmit() {}

	public static void main(final String... args) {
		final String[] all = new String[args.length + 2];
		all[0] = "--spark";
		all[1] = ""; // the master spark-submit configured
		System.arraycopy(args, 0, all, 2, args.length);
		FaigMain.main(Arrays.copyOf(all, all.length));
	}
}
