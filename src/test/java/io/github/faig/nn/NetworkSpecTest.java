package io.github.faig.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.faig.attribution.FilterIndex;

/** The paper's network sizes and names (docs/method.md §2). */
class NetworkSpecTest {

	@Test
	void paperSizes() {
		final NetworkSpec msr = NetworkSpec.msrResNet();
		assertEquals(151_936, FilterIndex.of(msr).filterCount());
		assertEquals(151_936, msr.filterCount());
		assertEquals(1_369_859, SrNetwork.initialWeights(msr, 0).parameterCount());
		final NetworkSpec srcnn = NetworkSpec.srcnnStyle();
		assertEquals(156_224, FilterIndex.of(srcnn).filterCount());
		assertEquals(156_224, srcnn.filterCount());
		assertEquals(1_407_363, SrNetwork.initialWeights(srcnn, 0).parameterCount());
	}

	@Test
	void basicSrNamesInOrder() {
		final List<ConvLayer> l = NetworkSpec.msrResNet().layers();
		assertEquals("conv_first", l.get(0).name());
		assertEquals("body.0.conv1", l.get(1).name());
		assertEquals("body.15.conv2", l.get(32).name());
		assertEquals("upconv1", l.get(33).name());
		assertEquals("conv_hr", l.get(34).name());
		assertEquals("conv_last", l.get(35).name());
		final StringBuilder s = new StringBuilder();
		for (final ConvLayer c : NetworkSpec.srcnnStyle().layers()) s.append(c.name().substring(9)).append(',');
		assertEquals("0,2,4,6,8,10,12,15,17,", s.toString());
		assertEquals(List.of("upconv1", "upconv2"), List.of(new NetworkSpec("MSRResNet", 4, 8, 1).layers().get(3)
			.name(), new NetworkSpec("MSRResNet", 4, 8, 1).layers().get(4).name()));
	}

	@Test
	void filterNumbering() {
		final FilterIndex fi = FilterIndex.of(NetworkSpec.msrResNet());
		// conv_first has 64 x 3 filters: R, G, B of output 0 are 0, 1, 2.
		assertEquals(2, fi.index(0, 0, 2));
		assertEquals(3, fi.index(0, 1, 0));
		assertEquals(192, fi.index(1, 0, 0));
		final FilterIndex.Filter f = fi.filter(192 + 64 * 5 + 7);
		assertEquals("body.0.conv1", f.layerName());
		assertEquals(5, f.out());
		assertEquals(7, f.in());
		final FilterIndex.Filter last = fi.filter(fi.filterCount() - 1);
		assertEquals("conv_last", last.layerName());
		assertEquals(2, last.out());
		assertEquals(63, last.in());
	}

	@Test
	void badSpecsAreRejected() {
		assertThrows(IllegalArgumentException.class, () -> new NetworkSpec("VGG", 2, 64, 16));
		assertThrows(IllegalArgumentException.class, () -> new NetworkSpec("MSRResNet", 5, 64, 16));
		assertThrows(IllegalArgumentException.class, () -> new NetworkSpec("MSRResNet", 2, 0, 16));
	}
}
