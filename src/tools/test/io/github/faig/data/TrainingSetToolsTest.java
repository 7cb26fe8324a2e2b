package io.github.faig.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.faig.image.FloatImage;

/** The training-set builder's own image tools, on inputs small enough to work out by hand. */
class TrainingSetToolsTest {

	@Test
	void areaResizeAveragesEachFootprint() {
		// 3 → 2 pixels: each output covers 1.5 inputs, (0·1 + 3·0.5) / 1.5 = 1 and (3·0.5 + 6·1) / 1.5 = 5
		final FloatImage row = new FloatImage(1, 1, 3);
		row.data()[1] = 3;
		row.data()[2] = 6;
		assertArrayEquals(new float[] { 1, 5 }, AreaResize.resize(row, 1, 2).data(), 1e-6f);
		// an integer factor is the block mean
		final FloatImage block = new FloatImage(1, 2, 2);
		block.data()[0] = 1;
		block.data()[1] = 2;
		block.data()[2] = 3;
		block.data()[3] = 6;
		assertArrayEquals(new float[] { 3 }, AreaResize.resize(block, 1, 1).data(), 1e-6f);
	}

	@Test
	void rccCarverCutsTheBlobItsLengthPrefixBounds() {
		// 4 bytes of padding, a big-endian length of 16, a 16-byte PNG blob, 8 trailing bytes
		final byte[] b = new byte[4 + 4 + 16 + 8];
		b[7] = 16;
		final byte[] png = { (byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a };
		System.arraycopy(png, 0, b, 8, png.length);
		b[8 + 15] = 42;
		final List<RccCarver.Blob> blobs = RccCarver.carve(b);
		assertEquals(1, blobs.size());
		assertEquals("png", blobs.get(0).type());
		assertEquals(8, blobs.get(0).offset());
		assertEquals(16, blobs.get(0).bytes().length);
		assertEquals(42, blobs.get(0).bytes()[15]);
	}
}
