package io.github.faig.demo;

import java.io.File;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.scijava.Context;
import org.scijava.command.CommandService;

import ij.ImagePlus;
import io.github.faig.command.SynthesizeDegradationsCommand;
import io.github.faig.ij.ImageFiles;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.image.FloatImage;
import io.github.faig.image.ImageMetrics;

/**
 * The demo: runs the project's commands, headless, on the bundled sample photographs
 * ({@code src/demo/images}, see the NOTICE there) and prints a summary. Each step writes into its own sub-folder of
 * the output folder (default {@code demo-output}).
 */
public final class Demo {

	private Demo() {}

	/** {@code ./faig demo [folder]}, found by the launcher through its service file. */
	public static final class Launch implements io.github.faig.cli.Subcommand {

		@Override
		public String name() {
			return "demo";
		}

		@Override
		public int run(final PrintStream out, final PrintStream err, final String... args) {
			return Demo.run(out, err, args);
		}
	}

	/** Runs the demo; {@code args[0]} is the output folder. Returns the exit status. */
	public static int run(final PrintStream out, final PrintStream err, final String... args) {
		final File home = new File(System.getProperty("faig.home", "."));
		final File images = new File(home, "src/demo/images");
		final File output = new File(args.length > 0 ? args[0] : "demo-output");
		final File[] photos = images.listFiles((d, n) -> n.toLowerCase(Locale.ROOT).endsWith(".png"));
		if (photos == null || photos.length == 0) {
			err.println("demo: no sample photographs in " + images.getAbsolutePath());
			return 1;
		}
		Arrays.sort(photos);
		// the output folder is checked before anything is made in it: a refusal later would leave step folders behind
		try {
			io.github.faig.io.OutputPaths.checkOutsideModels(output, "demo output folder", io.github.faig.nn.io
				.ModelLocator.roots());
			io.github.faig.io.OutputPaths.checkNotInModelPackage(output, "demo output folder");
			if (output.exists() && !output.isDirectory()) {
				throw new IllegalArgumentException("demo output folder '" + output + "' is a file: expected a folder");
			}
		}
		catch (final IllegalArgumentException e) {
			err.println("demo: " + e.getMessage().replace("output_dir", "demo output folder"));
			return 1;
		}
		final long t0 = System.nanoTime();
		try (Context context = new Context()) {
			final CommandService commands = context.service(CommandService.class);
			out.println("FAIG for Fiji demo: " + photos.length + " photographs from " + images.getPath() +
				", results in " + output.getPath());

			// Step 1: degradations (docs/method.md §1).
			final File degradedDir = mkdirs(new File(output, "1-degradations"));
			out.println();
			out.println("1. Synthesize degradations (blur sigma 2, x2 block mean, noise sigma 0.1, 8-bit)");
			out.println(String.format(Locale.ROOT, "   %-16s %9s %9s  %s", "image", "HR", "LR",
				"PSNR vs clean LR (dB): blur / noise / blur+noise"));
			for (final File photo : photos) {
				final ImagePlus deg = (ImagePlus) DemoSteps.run(commands, SynthesizeDegradationsCommand.class,
					"input_file", photo, "seed", 1L, "output_dir", degradedDir).getOutput("degraded");
				final List<FloatImage> v = ImagePlusBridge.toFloatImages(deg);
				final ImagePlus hr = ImageFiles.open(photo, "photo");
				final List<String> psnr = new ArrayList<>();
				for (int i = 1; i < v.size(); i++) {
					psnr.add(String.format(Locale.ROOT, "%.2f", ImageMetrics.psnr(v.get(0), v.get(i))));
				}
				out.println(String.format(Locale.ROOT, "   %-16s %4dx%-4d %4dx%-4d  %s", photo.getName(),
					hr.getWidth(), hr.getHeight(), deg.getWidth(), deg.getHeight(), String.join(" / ", psnr)));
			}
			out.println("   wrote " + degradedDir.getPath() + "/<name>_degraded.tif, _<variant>.png, " +
				"_parameters.csv");

			if (!sampleModelsPresent()) {
				out.println();
				out.println("The sample models (sample-models/) are missing: the SR, FAIG, masking and prediction " +
					"steps are skipped.");
			}
			else {
				DemoSteps.superResolve(commands, photos, degradedDir, mkdirs(new File(output, "2-super-resolution")), out);
				final File sets = mkdirs(new File(output, "3-filters"));
				DemoSteps.computeFilters(commands, images, sets, out);
				DemoSteps.mask(commands, photos, degradedDir, sets, mkdirs(new File(output, "4-masking")), out);
				DemoSteps.predict(commands, photos, degradedDir, mkdirs(new File(output, "5-prediction")), out);
				DemoSteps.map(commands, new File(images, "building.png"), degradedDir, mkdirs(new File(output,
					"6-degradation-map")), out);
				DemoSteps.representations(commands, images, mkdirs(new File(output, "7-representations")), out);
				if (new File(new File(System.getProperty("faig.home", "."), "sample-models"), DemoSteps.SRCNN_FILTER_SETS)
					.isDirectory())
				{
					DemoSteps.srcnnPair(commands, new File(images, "home.png"), degradedDir, mkdirs(new File(output,
						"8-srcnn-pair")), out);
				}
			}

			out.println();
			out.println(String.format(Locale.ROOT, "Demo finished in %.1f s.", (System.nanoTime() - t0) / 1e9));
			return 0;
		}
		catch (final Exception e) {
			// one line; the stack trace only when asked for (FAIG_DEBUG=1)
			err.println(("demo failed: " + e.getMessage()).replace("\n", "\\n"));
			if (io.github.faig.command.FaigCommand.debug()) e.printStackTrace(err);
			return 1;
		}
	}

	static boolean sampleModelsPresent() {
		final File root = new File(System.getProperty("faig.home", "."), "sample-models");
		for (final String n : new String[] { "msrresnet-x2-baseline", "msrresnet-x2-target",
			DemoSteps.FILTER_SETS })
		{
			if (!new File(root, n).isDirectory()) return false;
		}
		return true;
	}

	static File mkdirs(final File dir) {
		if (!dir.isDirectory() && !dir.mkdirs()) {
			throw new IllegalStateException("cannot create " + dir);
		}
		return dir;
	}
}
