package io.github.faig.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.faig.nn.NetworkSpec;

/** The estimate of a training step's memory, against counts worked out by hand from the architectures. */
class TrainingMemoryTest {

	@Test
	void activationsFollowThePixelShuffles() {
		// SRCNN-style x2, width 4 (2w = 8), one middle conv: 3->4, 4->8, 8->8, 8->32 at the LR size; after the
		// shuffle 8->8 and 8->3 at twice the side
		assertEquals((4 + 8 + 8 + 32) * 100 + (8 + 3) * 400, TrainingMemory.activations(new NetworkSpec("SRCNNStyle", 2,
			4, 1), 10));
		// MSRResNet x4, 8 features, one block: conv_first, two body convs, upconv1 (8->32) at the LR size; upconv2 at
		// twice the side; conv_hr and conv_last at four times
		assertEquals((8 + 8 + 8 + 32) * 100 + 32 * 400 + (8 + 3) * 1600, TrainingMemory.activations(new NetworkSpec(
			"MSRResNet", 4, 8, 1), 10));
	}

	@Test
	void aBatchBeyondAnyMachineIsRefusedNamingIt() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingMemory.check(
			new NetworkSpec("SRCNNStyle", 2, 4, 4), 2_000_000_000, 16));
		assertTrue(e.getMessage().startsWith("batch_size=2000000000 with patch_size=16 for SRCNNStyle"), e.getMessage());
		assertTrue(e.getMessage().contains("native memory") && e.getMessage().contains("lower batch_size"), e
			.getMessage());
		TrainingMemory.check(NetworkSpec.msrResNet(), 16, 32); // the defaults fit
	}
}
