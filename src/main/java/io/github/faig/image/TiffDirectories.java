package io.github.faig.image;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * The pages of a TIFF, found by walking its chain of image directories (IFDs) with every offset checked: a chain
 * that loops back, points outside the file or holds more pages than {@link #MAX_PAGES} is refused in one line naming
 * the file, where the image readers would loop for ever or read garbage.
 */
final class TiffDirectories {

	/** More pages than any real stack a command reads (ImageJ's largest virtual stacks aside). */
	static final int MAX_PAGES = 1 << 20;

	private TiffDirectories() {}

	/** The header of a classic TIFF; {@code null} for a BigTIFF or anything else (left to the readers). */
	static ImageHeader read(final File file) throws IOException {
		try (RandomAccessFile f = new RandomAccessFile(file, "r")) {
			final long length = f.length();
			if (length < 8) return null;
			final byte[] head = new byte[8];
			f.readFully(head);
			final ByteOrder order = head[0] == 'I' && head[1] == 'I' ? ByteOrder.LITTLE_ENDIAN : head[0] == 'M' &&
				head[1] == 'M' ? ByteOrder.BIG_ENDIAN : null;
			if (order == null) return null;
			final ByteBuffer h = ByteBuffer.wrap(head).order(order);
			if (h.getShort(2) != 42) return null; // BigTIFF (43) and others: the readers' business
			long offset = h.getInt(4) & 0xffffffffL;
			final Map<Long, Integer> seen = new HashMap<>();
			int pages = 0;
			int w = 0;
			int hgt = 0;
			int samples = 1;
			int bits = 1;
			boolean uniform = true;
			while (offset != 0) {
				final Integer again = seen.putIfAbsent(offset, pages + 1);
				if (again != null) {
					throw new IllegalArgumentException("'" + file + "' is a damaged TIFF: after page " + pages + " its chain " +
						"of pages loops back to page " + again + "; save it again");
				}
				if (offset < 8 || offset + 2 > length) {
					throw new IllegalArgumentException("'" + file + "' is a damaged TIFF: page " + (pages + 1) +
						" lies outside the file");
				}
				if (++pages > MAX_PAGES) {
					throw new IllegalArgumentException("'" + file + "' has more than " + MAX_PAGES + " pages: not a stack " +
						"a command reads");
				}
				f.seek(offset);
				final byte[] nb = new byte[2];
				f.readFully(nb);
				final int n = ByteBuffer.wrap(nb).order(order).getShort() & 0xffff;
				if (offset + 2 + 12L * n + 4 > length) {
					throw new IllegalArgumentException("'" + file + "' is a damaged TIFF: page " + pages +
						"'s directory runs past the end of the file");
				}
				final byte[] e = new byte[12 * n + 4];
				f.readFully(e);
				final ByteBuffer b = ByteBuffer.wrap(e).order(order);
				int pw = 0;
				int ph = 0;
				int ps = 1;
				int pb = 1;
				int subfile = 0;
				for (int i = 0; i < n; i++) {
					final int tag = b.getShort(12 * i) & 0xffff;
					final int type = b.getShort(12 * i + 2) & 0xffff;
					// SHORT or LONG values, stored in the entry itself (the first of several for BitsPerSample)
					final int v = type == 3 ? b.getShort(12 * i + 8) & 0xffff : (int) Math.min(Integer.MAX_VALUE, b.getInt(
						12 * i + 8) & 0xffffffffL);
					final long count = b.getInt(12 * i + 4) & 0xffffffffL;
					switch (tag) {
						case 256: pw = v; break;
						case 257: ph = v; break;
						// several samples' bits lie elsewhere in the file: unknown here (0)
						case 258: pb = count <= (type == 3 ? 2 : 1) ? v : 0; break;
						case 277: ps = v; break;
						case 254: subfile = v; break;
						default: break;
					}
				}
				offset = b.getInt(12 * n) & 0xffffffffL;
				if ((subfile & 1) != 0 && pages > 1) {
					// a reduced-resolution copy of a page (a thumbnail, a pyramid level): not a page of its own
					pages--;
					continue;
				}
				if (pages == 1) {
					w = pw;
					hgt = ph;
					samples = ps;
					bits = pb;
				}
				else if (pw != w || ph != hgt || ps != samples || pb != bits) uniform = false;
			}
			if (pages == 0 || w <= 0 || hgt <= 0) return null;
			// an ImageJ stack's later directories may say less (their samples are the first page's)
			return new ImageHeader("tif", w, hgt, pages, samples, bits > 64 ? 0 : bits, uniform);
		}
	}
}
