package io.github.faig.nn.io;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import io.github.faig.nn.StateDict;
import io.github.faig.nn.Tensor;

/**
 * NumPy's {@code .npy} arrays and {@code .npz} archives of them (a state dict saved with {@code numpy.savez}):
 * little-endian float32/float64/float16, C order.
 */
public final class Npy {

	private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
	private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
	private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

	private Npy() {}

	/** Every array of an {@code .npz}, named as saved (without {@code .npy}), in archive order. */
	public static StateDict readNpz(final File file) throws IOException {
		return Parsing.guarded(file.toString(), "an .npz archive of .npy arrays", () -> readNpzGuarded(file));
	}

	private static StateDict readNpzGuarded(final File file) throws IOException {
		final StateDict sd = new StateDict();
		try (ZipFile zip = new ZipFile(file)) {
			final Enumeration<? extends ZipEntry> en = zip.entries();
			while (en.hasMoreElements()) {
				final ZipEntry e = en.nextElement();
				if (!e.getName().endsWith(".npy")) continue;
				final String name = e.getName().substring(0, e.getName().length() - 4);
				try (InputStream in = zip.getInputStream(e)) {
					sd.put(name, read(in, file.getName() + ":" + e.getName()));
				}
			}
		}
		catch (final ZipException e) {
			throw new IOException(file + " is not a valid .npz archive: " + e.getMessage());
		}
		if (sd.size() == 0) throw new IOException(file + " holds no .npy arrays");
		return sd;
	}

	/** One {@code .npy} array. */
	public static Tensor read(final InputStream in, final String what) throws IOException {
		return Parsing.guarded(what, "a .npy array", () -> readGuarded(in, what));
	}

	private static Tensor readGuarded(final InputStream in, final String what) throws IOException {
		final byte[] all = Parsing.readAll(in, what);
		if (all.length < 10 || all[0] != (byte) 0x93 || !new String(all, 1, 5, StandardCharsets.US_ASCII).equals(
			"NUMPY"))
		{
			throw new IOException(what + " is not a .npy array");
		}
		final int major = all[6];
		final ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
		final int headerLen;
		final int start;
		if (major == 1) {
			headerLen = b.getShort(8) & 0xffff;
			start = 10;
		}
		else {
			headerLen = b.getInt(8);
			start = 12;
		}
		final String header = new String(all, start, headerLen, StandardCharsets.ISO_8859_1);
		final String descr = group(DESCR, header, what);
		if ("True".equals(group(FORTRAN, header, what))) {
			throw new IOException(what + " is stored in Fortran order; save it with numpy.ascontiguousarray");
		}
		final String shapeText = group(SHAPE, header, what).trim();
		final String[] parts = shapeText.isEmpty() ? new String[0] : shapeText.split(",");
		int dims = 0;
		for (final String p : parts) if (!p.trim().isEmpty()) dims++;
		final long[] shape = new long[dims];
		int d = 0;
		for (final String p : parts) if (!p.trim().isEmpty()) shape[d++] = Long.parseLong(p.trim());
		final int n = (int) Tensor.numel(shape);
		final ByteBuffer data = ByteBuffer.wrap(all, start + headerLen, all.length - start - headerLen).order(
			ByteOrder.LITTLE_ENDIAN);
		final float[] v = new float[n];
		switch (descr) {
			case "<f4": for (int i = 0; i < n; i++) v[i] = data.getFloat(); break;
			case "<f8": for (int i = 0; i < n; i++) v[i] = (float) data.getDouble(); break;
			case "<f2": for (int i = 0; i < n; i++) v[i] = Half.toFloat(data.getShort()); break;
			default: throw new IOException(what + " has dtype " + descr + "; expected little-endian float16/32/64");
		}
		return new Tensor(shape, v);
	}

	private static String group(final Pattern p, final String header, final String what) throws IOException {
		final Matcher m = p.matcher(header);
		if (!m.find()) throw new IOException(what + " has an unreadable .npy header: " + header);
		return m.group(1);
	}

	/** Bytes of a float32 {@code .npy} (for tests and exports). */
	public static byte[] write(final Tensor t) {
		final StringBuilder shape = new StringBuilder();
		for (final long s : t.shape()) shape.append(s).append(", ");
		String h = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + (t.shape().length == 1 ? shape
			.toString().trim() : shape.toString().replaceAll(", $", "")) + "), }";
		final int pad = 64 - (10 + h.length() + 1) % 64;
		h = h + " ".repeat(pad % 64) + "\n";
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(0x93);
		out.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
		out.write(1);
		out.write(0);
		out.write(h.length() & 0xff);
		out.write(h.length() >> 8);
		out.writeBytes(h.getBytes(StandardCharsets.US_ASCII));
		final ByteBuffer b = ByteBuffer.allocate(4 * t.numel()).order(ByteOrder.LITTLE_ENDIAN);
		for (final float f : t.data()) b.putFloat(f);
		out.writeBytes(b.array());
		return out.toByteArray();
	}
}
