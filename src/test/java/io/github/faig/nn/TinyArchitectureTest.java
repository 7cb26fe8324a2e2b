package io.github.faig.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;

import ai.djl.ndarray.NDArray;
import io.github.faig.attribution.CompletenessCheck;
import io.github.faig.attribution.Quadrature;
import io.github.faig.command.FaigCommand;
import io.github.faig.command.TrainModelCommand;
import io.github.faig.ij.ArchitectureChoiceWidget;
import io.github.faig.image.FloatImage;
import io.github.faig.nn.io.CheckpointConverter;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.sr.SrModel;
import io.github.faig.train.TrainModelTest;
import io.github.faig.workflow.Monitor;

/**
 * Issue #31's recipe, done: a new architecture is this one class ({@link Tiny}) plus its services line
 * ({@code src/test/resources/architecture-plugin/META-INF/services/io.github.faig.nn.ArchitectureProvider}, as a
 * plugin jar would ship it), with no main file touched. Loaded through a class loader that sees that folder, as
 * Fiji's sees a plugin jar, it is listed, named, built, run, imported, trained through Train Model, and advised on
 * quadrature; without that loader the registry is as before.
 */
class TinyArchitectureTest {

	/**
	 * The trivial architecture: {@code tiny_first} (in → f), LeakyReLU, {@code tiny_last} (f → out·s²), pixel
	 * shuffle, plus the bilinear upsampled input. Any scale from 2 to 4, grey or RGB.
	 */
	public static final class Tiny implements ArchitectureProvider {

		@Override
		public String name() {
			return "Tiny";
		}

		@Override
		public List<String> aliases() {
			return List.of("tiny-net");
		}

		@Override
		public void check(final NetworkSpec spec) {
			if (spec.scale() < 2 || spec.scale() > 4) {
				throw new IllegalArgumentException("Tiny supports scale 2 to 4, got " + spec.scale());
			}
		}

		@Override
		public Architecture build(final NetworkSpec spec) {
			final ConvLayer first = new ConvLayer("tiny_first", spec.numInCh(), spec.numFeat(), 3);
			final ConvLayer last = new ConvLayer("tiny_last", spec.numFeat(), spec.numOutCh() * spec.scale() * spec
				.scale(), 3);
			return new Architecture() {

				@Override
				public NetworkSpec spec() {
					return spec;
				}

				@Override
				public List<ConvLayer> layers() {
					return List.of(first, last);
				}

				@Override
				public List<String> tapNames() {
					return List.of("tiny_first");
				}

				@Override
				public String defaultTap() {
					return "tiny_first";
				}

				@Override
				public NDArray forward(final Function<String, NDArray> p, final NDArray x,
					final BiConsumer<String, NDArray> taps)
				{
					final NDArray f = Architecture.lrelu(Architecture.conv(x, p, first));
					if (taps != null) taps.accept("tiny_first", f);
					return Architecture.pixelShuffle(Architecture.conv(f, p, last), spec.scale()).add(Architecture
						.bilinearUpsample(x, spec.scale()));
				}

				@Override
				public int receptiveRadius() {
					return 2;
				}
			};
		}

		@Override
		public StateDict initialWeights(final NetworkSpec spec, final long seed) {
			return SrNetwork.kaimingNormal(spec, seed, 1, 0.1);
		}

		@Override
		public List<String> signature() {
			return List.of("tiny_first.weight", "tiny_last.weight");
		}

		@Override
		public NetworkSpec infer(final StateDict sd) {
			final int f = SrNetwork.outChannels(sd, "tiny_first");
			final int in = SrNetwork.inChannels(sd, "tiny_first");
			final int scale = (int) Math.round(Math.sqrt(SrNetwork.outChannels(sd, "tiny_last") / (double) in));
			return new NetworkSpec(name(), scale, f, 0, null, in, in);
		}

		@Override
		public QuadratureAdvice quadratureAdvice() {
			return new QuadratureAdvice("trapezoid", 12, "TinyArchitectureTest");
		}
	}

	/** Runs {@code body} with the plugin folder on the thread's context class loader, as a plugin jar in Fiji. */
	private static <T> T withPlugin(final Callable<T> body) throws Exception {
		final URL folder = TinyArchitectureTest.class.getResource("/architecture-plugin/");
		final Thread t = Thread.currentThread();
		final ClassLoader before = t.getContextClassLoader();
		try (URLClassLoader plugin = new URLClassLoader(new URL[] { folder }, TinyArchitectureTest.class
			.getClassLoader()))
		{
			t.setContextClassLoader(plugin);
			return body.call();
		}
		finally {
			t.setContextClassLoader(before);
		}
	}

	@Test
	void oneClassAndItsServicesLineMakeAnArchitecture(@TempDir final Path dir) throws Exception {
		assertFalse(Architectures.known("Tiny"), "not without the plugin");
		withPlugin(() -> {
			// listed after the built-in ones, under its names; Train Model's dialog lists it
			assertEquals(List.of("MSRResNet", "SRCNNStyle", "EDSR", "Tiny"), Architectures.names());
			assertEquals("Tiny", Architectures.canonical("TINY_NET"));
			assertTrue(ArchitectureChoiceWidget.choices(null).contains("Tiny"));
			// built and run, RGB and grey
			for (final int c : new int[] { 3, 1 }) {
				final NetworkSpec spec = new NetworkSpec("tiny-net", 3, 5, 0, null, c, c);
				assertEquals(c * 5 + 5 * c * 9, spec.filterCount());
				final StateDict w = SrNetwork.initialWeights(spec, 1);
				try (SrModel m = SrModel.of(spec, w, "tiny")) {
					final FloatImage sr = m.superResolve(EdsrTest.random(c, 7, 9, 2), 4, -1, Monitor.NONE);
					assertEquals(List.of(c, 21, 27), List.of(sr.channels(), sr.height(), sr.width()));
				}
				// recognised by Import Model from its tensor names and shapes
				assertEquals(spec, CheckpointConverter.inferSpec(w));
				final ModelPackage p = new ModelPackage(spec, "tiny", "other", "", null, null, w);
				final File f = dir.resolve("tiny" + c).toFile();
				p.write(f);
				assertEquals(spec, ModelPackage.read(f).spec());
			}
			// the completeness warning's advice is the provider's
			final CompletenessCheck.Recommendation r = CompletenessCheck.recommendation("Tiny");
			assertEquals(Quadrature.TRAPEZOID, r.rule());
			assertEquals(12, r.steps());
			assertTrue(r.studied());
			// Train Model takes its name (FaigCommand's check of the input accepts the registry's names)
			final File out = dir.resolve("trained").toFile();
			final Context context = new Context();
			try {
				final TrainModelCommand cmd = FaigCommand.run(context, TrainModelCommand.class, "input_dir",
					TrainModelTest.photos(dir, true), "output_model", out, "architecture", "tiny-net", "num_feat", 4,
					"num_block", 0, "iterations", 2, "batch_size", 1, "patch_size", 8, "validation_crop", 16);
				assertFalse(cmd.isCanceled(), cmd.getCancelReason());
			}
			finally {
				context.dispose();
			}
			assertEquals("Tiny", ModelPackage.read(out).spec().architecture());
			return null;
		});
		assertEquals(List.of("MSRResNet", "SRCNNStyle", "EDSR"), Architectures.names(), "as before without it");
	}
}
