package io.github.faig.nn.io;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import io.github.faig.nn.Tensor;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Reads PyTorch checkpoints saved with {@code torch.save} in the zip format (PyTorch ≥ 1.6): the pickled object
 * ({@code <archive>/data.pkl}) is unpickled with Razorvine's maintained unpickler; tensors are rebuilt from their
 * storages ({@code <archive>/data/<key>}) with offset, size and stride. Nested dicts come back as Java maps and
 * tensors as {@link Tensor} (float32; float16, bfloat16 and float64 storages are converted).
 */
public final class PthReader {

	/**
	 * A storage class such as {@code torch.FloatStorage}: the unpickler pushes the registered constructor itself
	 * for a GLOBAL, so the constructor carries the element type.
	 */
	private record StorageType(String dtype) implements IObjectConstructor {

		@Override
		public Object construct(final Object[] args) {
			return this;
		}
	}

	/** A storage read from the archive. */
	private record Storage(String dtype, ByteBuffer bytes) {}

	static {
		for (final String[] t : new String[][] { { "FloatStorage", "float32" }, { "HalfStorage", "float16" },
			{ "BFloat16Storage", "bfloat16" }, { "DoubleStorage", "float64" }, { "LongStorage", "int64" },
			{ "IntStorage", "int32" }, { "ByteStorage", "uint8" }, { "BoolStorage", "bool" } })
		{
			Unpickler.registerConstructor("torch", t[0], new StorageType(t[1]));
		}
		Unpickler.registerConstructor("collections", "OrderedDict", args -> new LinkedHashMap<>());
		Unpickler.registerConstructor("torch._utils", "_rebuild_tensor_v2", PthReader::rebuildTensor);
		Unpickler.registerConstructor("torch._utils", "_rebuild_parameter", args -> args[0]);
	}

	private PthReader() {}

	/** Loads the pickled object of a zip-format {@code .pth}. */
	public static Object load(final File file) throws IOException {
		final ZipFile zip;
		try {
			zip = new ZipFile(file);
		}
		catch (final java.util.zip.ZipException e) {
			throw new IOException(file + " is not a PyTorch zip checkpoint (saved by PyTorch >= 1.6 with torch.save); " +
				"re-save it with a current PyTorch, or export the state dict as .safetensors or .npz");
		}
		try (zip) {
			String prefix = null;
			for (final ZipEntry e : java.util.Collections.list(zip.entries())) {
				if (e.getName().endsWith("data.pkl")) {
					prefix = e.getName().substring(0, e.getName().length() - "data.pkl".length());
					break;
				}
			}
			if (prefix == null) throw new IOException(file + " holds no data.pkl: not a PyTorch checkpoint");
			final String base = prefix;
			final Map<String, Storage> storages = new HashMap<>();
			final Unpickler unpickler = new Unpickler() {

				@Override
				protected Object persistentLoad(final Object pid) {
					final Object[] t = (Object[]) pid;
					if (t.length < 5 || !"storage".equals(t[0]) || !(t[1] instanceof StorageType)) {
						throw new PickleException("unsupported persistent id in " + file.getName());
					}
					final String key = String.valueOf(t[2]);
					return storages.computeIfAbsent(key, k -> readStorage(zip, base + "data/" + k,
						((StorageType) t[1]).dtype()));
				}
			};
			try (InputStream in = zip.getInputStream(zip.getEntry(prefix + "data.pkl"))) {
				return unpickler.load(in);
			}
			catch (final PickleException | ClassCastException e) {
				throw new IOException(file + " could not be unpickled: " + e.getMessage());
			}
		}
	}

	private static Storage readStorage(final ZipFile zip, final String entry, final String dtype) {
		final ZipEntry e = zip.getEntry(entry);
		if (e == null) throw new PickleException("storage " + entry + " is missing from the checkpoint");
		try (InputStream in = zip.getInputStream(e)) {
			return new Storage(dtype, ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN));
		}
		catch (final IOException ex) {
			throw new PickleException("storage " + entry + " could not be read: " + ex.getMessage());
		}
	}

	/** {@code _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata])}. */
	private static Object rebuildTensor(final Object[] args) {
		final Storage s = (Storage) args[0];
		final long offset = ((Number) args[1]).longValue();
		final long[] size = longs(args[2]);
		final long[] stride = longs(args[3]);
		final long n = Tensor.numel(size);
		final float[] v = new float[(int) n];
		final int[] idx = new int[size.length];
		for (int i = 0; i < n; i++) {
			long pos = offset;
			for (int d = 0; d < size.length; d++) pos += idx[d] * stride[d];
			v[i] = element(s, pos);
			for (int d = size.length - 1; d >= 0; d--) {
				if (++idx[d] < size[d]) break;
				idx[d] = 0;
			}
		}
		return new Tensor(size, v);
	}

	private static float element(final Storage s, final long pos) {
		final int p = (int) pos;
		switch (s.dtype()) {
			case "float32": return s.bytes().getFloat(4 * p);
			case "float64": return (float) s.bytes().getDouble(8 * p);
			case "float16": return Half.toFloat(s.bytes().getShort(2 * p));
			case "bfloat16": return Float.intBitsToFloat((s.bytes().getShort(2 * p) & 0xffff) << 16);
			case "int64": return s.bytes().getLong(8 * p);
			case "int32": return s.bytes().getInt(4 * p);
			case "uint8": case "bool": return s.bytes().get(p) & 0xff;
			default: throw new PickleException("unsupported storage type " + s.dtype());
		}
	}

	private static long[] longs(final Object o) {
		final Object[] a = o instanceof Object[] ? (Object[]) o : ((List<?>) o).toArray();
		final long[] out = new long[a.length];
		for (int i = 0; i < a.length; i++) out[i] = ((Number) a[i]).longValue();
		return out;
	}

}
