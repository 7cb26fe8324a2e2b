package io.github.faig.bench;

import java.io.File;
import java.util.Locale;
import java.util.Random;

import ij.ImagePlus;
import io.github.faig.ij.ImagePlusBridge;
import io.github.faig.image.FloatImage;
import io.github.faig.nn.NetworkSpec;
import io.github.faig.nn.SrNetwork;
import io.github.faig.nn.io.ModelLocator;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.sr.SuperResolve;
import io.github.faig.workflow.Monitor;

/**
 * Benchmark (not a test): tiled super-resolution of a large RGB image through the {@link SuperResolve} workflow, reporting time, peak Java heap and peak
 * resident memory. Run with {@code scripts/benchmark.sh SrBenchmark [model|paper] [size] [tile]} under
 * {@code -Xmx1g}.
 */
public final class SrBenchmark {

	public static void main(final String... args) throws Exception {
		final String model = args.length > 0 ? args[0] : "msrresnet-x2-target";
		final int size = args.length > 1 ? Integer.parseInt(args[1]) : 2048;
		final int tile = args.length > 2 ? Integer.parseInt(args[2]) : 256;
		final ModelPackage pkg = model.equals("paper") ? new ModelPackage(NetworkSpec.msrResNet(), "paper-size random",
			"other", "", "", null, SrNetwork.initialWeights(NetworkSpec.msrResNet(), 1)) : ModelLocator.load(model,
				"model");
		final Random r = new Random(1);
		final FloatImage lr = new FloatImage(3, size, size);
		for (int i = 0; i < lr.data().length; i++) lr.data()[i] = r.nextFloat();
		final long t0 = System.nanoTime();
		final FloatImage sr;
		final int[] tiles = new int[1];
		try (SuperResolve m = new SuperResolve(pkg, new SuperResolve.Options(tile, -1))) {
			sr = m.apply(lr, new Monitor() {

				@Override
				public void progress(final String message, final long done, final long total) {
					tiles[0] = (int) total;
				}

				@Override
				public boolean isCancelled() {
					return false;
				}
			});
		}
		final ImagePlus imp = ImagePlusBridge.toImagePlus("sr", java.util.List.of(sr), null,
			ImagePlusBridge.OutputType.BYTE, null);
		final double s = (System.nanoTime() - t0) / 1e9;
		long peakHeap = 0;
		for (final java.lang.management.MemoryPoolMXBean p : java.lang.management.ManagementFactory
			.getMemoryPoolMXBeans())
		{
			if (p.getType() == java.lang.management.MemoryType.HEAP) peakHeap += p.getPeakUsage().getUsed();
		}
		System.out.println(String.format(Locale.ROOT, "SrBenchmark: %s, %dx%d -> %dx%d, tile %d (%d tiles): %.1f s, " +
			"max heap %d MiB, peak heap pools %d MiB, peak RSS %s", pkg, size, size, imp.getWidth(), imp.getHeight(),
			tile, tiles[0], s, Runtime.getRuntime().maxMemory() >> 20, peakHeap >> 20, vmHwm()));
	}

	/** Peak resident set size of this process (Linux), or "n/a". */
	static String vmHwm() {
		try {
			for (final String l : java.nio.file.Files.readAllLines(new File("/proc/self/status").toPath())) {
				if (l.startsWith("VmHWM:")) return l.substring(6).trim();
			}
		}
		catch (final java.io.IOException e) {
			// not Linux
		}
		return "n/a";
	}
}
