package io.github.faig.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts the images out of a Qt resource bundle ({@code .rcc}): each stored blob is preceded by its 4-byte
 * big-endian length, so every JPEG ({@code FF D8 FF}), PNG or WebP ({@code RIFF????WEBP}) signature whose
 * preceding length fits inside the file marks one image.
 */
final class RccCarver {

	record Blob(long offset, String type, byte[] bytes) {}

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a };

	private RccCarver() {}

	static List<Blob> carve(final byte[] b) {
		final List<Blob> out = new ArrayList<>();
		int i = 4;
		while (i < b.length - 12) {
			final String type = signature(b, i);
			if (type != null) {
				final long len = ((b[i - 4] & 0xffL) << 24) | ((b[i - 3] & 0xff) << 16) | ((b[i - 2] & 0xff) << 8) |
					(b[i - 1] & 0xff);
				if (len > 12 && i + len <= b.length) {
					out.add(new Blob(i, type, Arrays.copyOfRange(b, i, (int) (i + len))));
					i += (int) len;
					continue;
				}
			}
			i++;
		}
		return out;
	}

	private static String signature(final byte[] b, final int i) {
		if ((b[i] & 0xff) == 0xff && (b[i + 1] & 0xff) == 0xd8 && (b[i + 2] & 0xff) == 0xff) return "jpeg";
		if (b[i] == 'R' && b[i + 1] == 'I' && b[i + 2] == 'F' && b[i + 3] == 'F' && b[i + 8] == 'W' && b[i + 9] == 'E' &&
			b[i + 10] == 'B' && b[i + 11] == 'P') return "webp";
		boolean png = true;
		for (int k = 0; k < PNG.length && png; k++) png = b[i + k] == PNG[k];
		return png ? "png" : null;
	}
}
