package io.github.faig.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.scijava.plugin.Parameter;

import io.github.faig.command.TrainModelCommand;
import io.github.faig.nn.io.CheckpointConverter;

/** The architecture registry: discovery, names, and what goes through it. */
class ArchitecturesTest {

	@Test
	void theBuiltInArchitecturesAreDiscoveredInOrder() throws Exception {
		assertEquals(List.of("MSRResNet", "SRCNNStyle", "EDSR"), Architectures.names());
		// the service file lists exactly the providers found (nothing else on the test class path adds one)
		final List<String> listed = new ArrayList<>();
		try (InputStream in = Architectures.class.getResourceAsStream("/META-INF/services/" + ArchitectureProvider.class
			.getName()))
		{
			for (final String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				if (!l.isBlank() && !l.startsWith("#")) listed.add(l.trim());
			}
		}
		final List<String> found = new ArrayList<>();
		for (final ArchitectureProvider p : Architectures.all()) found.add(p.getClass().getName());
		assertEquals(listed, found);
	}

	/**
	 * Train Model's architecture input has no fixed choices: its widget lists the registry's architectures
	 * (TinyArchitectureTest adds one without touching the command).
	 */
	@Test
	void trainModelOffersEveryArchitecture() throws Exception {
		final Parameter p = TrainModelCommand.class.getDeclaredField("architecture").getAnnotation(
			Parameter.class);
		assertEquals(0, p.choices().length);
		assertEquals(io.github.faig.command.FaigCommand.ARCHITECTURE_STYLE, p.style());
		assertEquals(Architectures.names(), io.github.faig.ij.ArchitectureChoiceWidget.choices(null));
		assertEquals(List.of("VGG", "MSRResNet", "SRCNNStyle", "EDSR"), io.github.faig.ij.ArchitectureChoiceWidget
			.choices("VGG"));
	}

	@Test
	void namesAreCanonicalised() {
		assertEquals("MSRResNet", Architectures.canonical("msr_resnet"));
		assertEquals("MSRResNet", Architectures.canonical(" SRResNet "));
		assertEquals("SRCNNStyle", Architectures.canonical("srcnn-style"));
		assertEquals("SRCNNStyle", Architectures.canonical("SRCNN"));
		assertEquals("EDSR", Architectures.canonical("edsr"));
		assertEquals("EDSR", Architectures.canonical("EDSR_baseline"));
		assertEquals("EDSR", new NetworkSpec("edsr", 2, 4, 1).architecture());
		assertSame(Architectures.get("edsr"), new NetworkSpec("EDSR", 2, 4, 1).provider());
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NetworkSpec("VGG",
			2, 64, 16));
		// the aliases are named too: they are as accepted as the canonical names
		assertEquals("unknown architecture 'VGG'; expected MSRResNet (or SRResNet), SRCNNStyle (or SRCNN) or EDSR " +
			"(or EDSR-baseline)", e.getMessage());
		assertEquals("architecture was not given", assertThrows(IllegalArgumentException.class, () -> Architectures
			.get(null)).getMessage());
	}

	@Test
	void optionsAreCheckedAndDefaulted() {
		// architectures without options take none
		assertTrue(NetworkSpec.msrResNet().options().isEmpty());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NetworkSpec("MSRResNet", 2,
			4, 1, Map.of("res_scale", List.of(0.1))));
		assertEquals("MSRResNet has no option 'res_scale': it takes none", e.getMessage());
		// EDSR's: every one present, defaults filled in
		final NetworkSpec s = new NetworkSpec("EDSR", 2, 4, 1);
		assertEquals(List.of("res_scale", "img_range", "rgb_mean"), new ArrayList<>(s.options().keySet()));
		assertEquals(1.0, s.option("res_scale"));
		assertEquals(255.0, s.option("img_range"));
		assertEquals(List.of(0.4488, 0.4371, 0.4040), s.options().get("rgb_mean"));
		assertEquals(s, new NetworkSpec("EDSR", 2, 4, 1, Map.of("img_range", List.of(255.0))));
		assertFalse(s.equals(s.withOption("res_scale", 0.1)));
		assertEquals("EDSR(x2, num_feat=4, num_block=1)", s.toString());
		assertEquals("EDSR(x2, num_feat=4, num_block=1, res_scale=0.1)", s.withOption("res_scale", 0.1).toString());
		e = assertThrows(IllegalArgumentException.class, () -> s.withOption("mean", 1));
		assertEquals("EDSR has no option 'mean'; its options are res_scale, img_range, rgb_mean", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> s.withOption("rgb_mean", 0.5));
		assertTrue(e.getMessage().contains("rgb_mean takes 3 numbers"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> s.withOption("res_scale", Double.NaN));
		assertTrue(e.getMessage().contains("finite"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> s.withOption("res_scale", 0));
		assertEquals("EDSR res_scale must be > 0, got 0.0", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> s.withOption("img_range", -1));
		assertEquals("EDSR img_range must be > 0, got -1.0", e.getMessage());
	}

	@Test
	void perArchitectureScales() {
		for (final String a : new String[] { "MSRResNet", "EDSR" }) {
			for (final int scale : new int[] { 2, 3, 4 }) assertEquals(scale, new NetworkSpec(a, scale, 4, 1).scale());
			assertEquals(a + " supports scale 2, 3 or 4, got 5", assertThrows(IllegalArgumentException.class,
				() -> new NetworkSpec(a, 5, 4, 1)).getMessage());
		}
		assertEquals("SRCNNStyle supports scale 2 or 3, got 4", assertThrows(IllegalArgumentException.class,
			() -> new NetworkSpec("SRCNNStyle", 4, 4, 1)).getMessage());
	}

	private static StateDict names(final String... names) {
		final StateDict sd = new StateDict();
		for (final String n : names) sd.put(n, new Tensor(new long[] { 1 }, new float[1]));
		return sd;
	}

	@Test
	void inferenceNamesWhatIsMissing() {
		// conv_first is common to MSRResNet and EDSR: the message says what each lacks
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CheckpointConverter.inferSpec(names(
			"conv_first.weight", "conv_first.bias")));
		assertEquals("weights are incomplete: MSRResNet weights lack upconv1.weight; EDSR weights lack " +
			"conv_after_body.weight (first tensor is 'conv_first.weight')", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> CheckpointConverter.inferSpec(names("head.0.weight")));
		assertEquals("weights are none of MSRResNet (conv_first.weight, upconv1.weight), SRCNNStyle " +
			"(features.0.weight) or EDSR (conv_first.weight, conv_after_body.weight): first tensor is 'head.0.weight'", e
				.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> CheckpointConverter.inferSpec(names("conv_first.weight",
			"upconv1.weight", "conv_after_body.weight")));
		assertTrue(e.getMessage().startsWith("weights hold the tensors of more than one architecture: MSRResNet"), e
			.getMessage());
	}

	/** Every architecture's initial weights fit it, are the same for a seed, and have the layers' names in order. */
	@Test
	void initialWeightsFitEveryArchitecture() {
		for (final ArchitectureProvider p : Architectures.all()) {
			final NetworkSpec s = new NetworkSpec(p.name(), 2, 4, 2);
			final StateDict a = SrNetwork.initialWeights(s, 5);
			SrNetwork.checkCompatible(s, a);
			final List<String> order = new ArrayList<>();
			for (final ConvLayer l : s.layers()) {
				order.add(l.weightName());
				order.add(l.biasName());
			}
			assertEquals(order, new ArrayList<>(a.names()), p.name());
			final StateDict b = SrNetwork.initialWeights(s, 5);
			for (final String n : a.names()) assertArrayEquals(a.get(n).data(), b.get(n).data(), 0f, n);
			// and a spec inferred from them is the spec (options are not in weights: defaults)
			assertEquals(s, CheckpointConverter.inferSpec(a), p.name());
		}
	}
}
