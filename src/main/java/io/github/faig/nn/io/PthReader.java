package io.github.faig.nn.io;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import io.github.faig.nn.Tensor;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Reads PyTorch checkpoints written by {@code torch.save}: the zip format (PyTorch ≥ 1.6) and the legacy format
 * before it ({@code _use_new_zipfile_serialization=False}). Nested dicts come back as Java maps (in Python's order)
 * and tensors as {@link Tensor} (float32; float16, bfloat16, float64 and integer storages are converted; any offset
 * and strides are honoured). {@code nn.Module.state_dict()}'s version {@code _metadata} is read and ignored.
 * <p>
 * Nothing in a checkpoint is run. The pickle may name only the Python globals a tensor checkpoint needs — torch's
 * storage classes, {@code torch._utils._rebuild_tensor_v2}, {@code torch._utils._rebuild_parameter} and
 * {@code collections.OrderedDict} — each of which this class rebuilds itself; a pickle naming any other global (as a
 * malicious one must, e.g. {@code os.system}) is refused with an {@link IOException} naming the file and the global.
 */
public final class PthReader {

	/** The first pickle of a legacy checkpoint: torch's serialization magic number. */
	private static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
	private static final int LEGACY_PROTOCOL = 1001;

	/** A pickle asked for something this reader does not build; the message says what. */
	private static final class Refused extends PickleException {

		private static final long serialVersionUID = 1L;

		Refused(final String message) {
			super(message);
		}
	}

	/**
	 * A storage class such as {@code torch.FloatStorage}: pushed for the GLOBAL itself, so it carries the element
	 * type into the persistent ids that name it.
	 */
	private record StorageType(String dtype, int elementSize) implements IObjectConstructor {

		@Override
		public Object construct(final Object[] args) {
			throw new Refused("a " + dtype + " storage is built from the file, not called");
		}
	}

	/** A storage of the checkpoint; a legacy view points into its root at an element offset. */
	private static final class Storage {

		final StorageType type;
		final long numel;
		final Storage root;
		final long viewOffset;
		ByteBuffer bytes;

		Storage(final StorageType type, final long numel, final Storage root, final long viewOffset) {
			this.type = type;
			this.numel = numel;
			this.root = root;
			this.viewOffset = viewOffset;
		}
	}

	/** A tensor whose storage may not be read yet (legacy files put the data after the pickle). */
	private record PendingTensor(Storage storage, long offset, long[] size, long[] stride) {}

	/** {@code collections.OrderedDict}; the state a BUILD gives it ({@code _metadata}) is dropped. */
	private static final class OrderedDict extends LinkedHashMap<Object, Object> {

		private static final long serialVersionUID = 1L;
	}

	/** The allow-list: every global a checkpoint may name, with what this reader builds for it. */
	private static final Map<String, IObjectConstructor> GLOBALS = new HashMap<>();

	static {
		for (final Object[] t : new Object[][] { { "FloatStorage", "float32", 4 }, { "HalfStorage", "float16", 2 },
			{ "BFloat16Storage", "bfloat16", 2 }, { "DoubleStorage", "float64", 8 }, { "LongStorage", "int64", 8 },
			{ "IntStorage", "int32", 4 }, { "ShortStorage", "int16", 2 }, { "CharStorage", "int8", 1 },
			{ "ByteStorage", "uint8", 1 }, { "BoolStorage", "bool", 1 } })
		{
			GLOBALS.put("torch." + t[0], new StorageType((String) t[1], (Integer) t[2]));
		}
		GLOBALS.put("collections.OrderedDict", args -> new OrderedDict());
		GLOBALS.put("torch._utils._rebuild_tensor_v2", PthReader::rebuildTensor);
		// A Parameter's tensor is its data; requires_grad and hooks do not matter for inference.
		GLOBALS.put("torch._utils._rebuild_parameter", args -> args[0]);
	}

	private PthReader() {}

	/**
	 * Loads the object a {@code .pth} holds (typically a dict of state dicts, or a state dict).
	 *
	 * @throws IOException naming the file: not a PyTorch checkpoint, truncated, or refused because its pickle names
	 *           a global outside the allow-list
	 */
	public static Object load(final File file) throws IOException {
		if (file == null || !file.isFile()) throw new IOException("checkpoint '" + file + "' does not exist");
		return Parsing.guarded(file.toString(), "a torch.save checkpoint", () -> loadGuarded(file));
	}

	private static Object loadGuarded(final File file) throws IOException {
		final byte[] head = new byte[512];
		final int n;
		try (InputStream in = Files.newInputStream(file.toPath())) {
			n = in.readNBytes(head, 0, head.length);
		}
		try {
			if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) return resolve(loadZip(file));
			if (n >= 2 && (head[0] & 0xff) == Opcodes.PROTO) return resolve(loadLegacy(file));
		}
		catch (final Refused e) {
			throw new IOException(file + " was refused: " + e.getMessage() + " (nothing in it was run)");
		}
		catch (final PickleException | ClassCastException | IndexOutOfBoundsException | NullPointerException e) {
			throw new IOException(file + " could not be unpickled as a PyTorch checkpoint: " + oneLine(e));
		}
		catch (final IOException e) {
			if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) throw e;
			throw new IOException(file + " is truncated or damaged: " + oneLine(e) + "; expected a torch.save checkpoint");
		}
		if (n > 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
			throw new IOException(file + " is a tar checkpoint of PyTorch < 0.4, which is not read; re-save it with " +
				"torch.save in a current PyTorch, or export the state dict as .safetensors or .npz");
		}
		throw new IOException(file + " is not a PyTorch checkpoint: expected a torch.save file (zip, or the " +
			"legacy pickle format); export the state dict as .safetensors or .npz otherwise");
	}

	private static Object loadZip(final File file) throws IOException {
		try (ZipFile zip = new ZipFile(file)) {
			String prefix = null;
			for (final ZipEntry e : Collections.list(zip.entries())) {
				if (e.getName().endsWith("data.pkl")) {
					prefix = e.getName().substring(0, e.getName().length() - "data.pkl".length());
					break;
				}
			}
			if (prefix == null) throw new IOException(file + " is a zip without data.pkl: not a PyTorch checkpoint");
			final String base = prefix;
			final Map<String, Storage> storages = new HashMap<>();
			final Unpickler unpickler = new SafeUnpickler() {

				@Override
				protected Object persistentLoad(final Object pid) {
					final Object[] t = storageId(pid, 5);
					final String key = String.valueOf(t[2]);
					return storages.computeIfAbsent(key, k -> {
						final Storage s = new Storage((StorageType) t[1], ((Number) t[4]).longValue(), null, 0);
						s.bytes = readEntry(zip, base + "data/" + k, s);
						return s;
					});
				}
			};
			try (InputStream in = zip.getInputStream(zip.getEntry(prefix + "data.pkl"))) {
				return unpickler.load(in);
			}
		}
		catch (final ZipException e) {
			throw new IOException(file + " is a damaged zip (" + oneLine(e) + "): expected a torch.save checkpoint");
		}
	}

	/**
	 * The legacy format: pickles of the magic number, the protocol version and sys_info, the object (storages as
	 * persistent ids), the list of storage keys; then each storage's element count (int64) and raw data.
	 */
	private static Object loadLegacy(final File file) throws IOException {
		Parsing.requireFits(file.toString(), file.length());
		final byte[] all = Files.readAllBytes(file.toPath());
		final ByteArrayInputStream in = new ByteArrayInputStream(all);
		final Object magic = new SafeUnpickler().load(in);
		if (!(magic instanceof Number) || !LEGACY_MAGIC.equals(new BigInteger(magic.toString()))) {
			throw new IOException(file + " is a pickle but not a torch.save checkpoint (no PyTorch magic number); " +
				"expected a file written by torch.save");
		}
		final Object protocol = new SafeUnpickler().load(in);
		if (!(protocol instanceof Number) || ((Number) protocol).intValue() != LEGACY_PROTOCOL) {
			throw new IOException(file + " has legacy protocol " + protocol + ", expected " + LEGACY_PROTOCOL);
		}
		final Object sysInfo = new SafeUnpickler().load(in);
		if (sysInfo instanceof Map && Boolean.FALSE.equals(((Map<?, ?>) sysInfo).get("little_endian"))) {
			throw new IOException(file + " was saved on a big-endian machine, which is not read; expected little-endian");
		}
		final Map<String, Storage> storages = new HashMap<>();
		final Object obj = new SafeUnpickler() {

			@Override
			protected Object persistentLoad(final Object pid) {
				final Object[] t = storageId(pid, 6);
				final String key = String.valueOf(t[2]);
				final Storage root = storages.computeIfAbsent(key, k -> new Storage((StorageType) t[1], ((Number) t[4])
					.longValue(), null, 0));
				if (t[5] == null) return root;
				// Old files (PyTorch < 1.0) could save a storage view: (view_key, offset, view_size).
				final Object[] view = (Object[]) t[5];
				return new Storage(root.type, ((Number) view[2]).longValue(), root, ((Number) view[1]).longValue());
			}
		}.load(in);
		final Object keys = new SafeUnpickler().load(in);
		if (!(keys instanceof List)) throw new IOException(file + " lacks the legacy list of storage keys");
		for (final Object k : (List<?>) keys) {
			final Storage s = storages.get(String.valueOf(k));
			if (s == null) throw new IOException(file + " lists storage " + k + " that its pickle does not use");
			final byte[] count = in.readNBytes(8);
			if (count.length < 8) throw new IOException(file + " is truncated: storage " + k + " is missing");
			final long numel = ByteBuffer.wrap(count).order(ByteOrder.LITTLE_ENDIAN).getLong();
			final long bytes = numel * s.type.elementSize();
			if (numel < 0 || bytes > in.available()) {
				throw new IOException(file + " is truncated: storage " + k + " needs " + bytes + " bytes");
			}
			s.bytes = ByteBuffer.wrap(in.readNBytes((int) bytes)).order(ByteOrder.LITTLE_ENDIAN);
		}
		return obj;
	}

	/** Checks a persistent id is a storage, {@code ('storage', storage_type, key, location, numel, …)}. */
	private static Object[] storageId(final Object pid, final int length) {
		if (!(pid instanceof Object[]) || ((Object[]) pid).length < length || !"storage".equals(((Object[]) pid)[0])) {
			final String what = pid instanceof Object[] && ((Object[]) pid).length > 0 ? String.valueOf(((Object[]) pid)[0])
				: String.valueOf(pid);
			throw new Refused("it holds a persistent object of kind '" + what + "' where tensor storages were expected" +
				("module".equals(what) ? " (a whole pickled nn.Module: save its state_dict() instead)" : ""));
		}
		final Object[] t = (Object[]) pid;
		if (!(t[1] instanceof StorageType)) throw new Refused("a storage of unknown type " + t[1]);
		return t;
	}

	private static ByteBuffer readEntry(final ZipFile zip, final String entry, final Storage s) {
		final ZipEntry e = zip.getEntry(entry);
		if (e == null) throw new PickleException("storage " + entry + " is missing from the archive");
		try (InputStream in = zip.getInputStream(e)) {
			final byte[] b = Parsing.readAll(in, entry);
			if (b.length < s.numel * s.type.elementSize()) {
				throw new PickleException("storage " + entry + " is truncated (" + b.length + " bytes)");
			}
			return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
		}
		catch (final IOException ex) {
			throw new PickleException("storage " + entry + " could not be read: " + oneLine(ex));
		}
	}

	/** {@code _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata])}. */
	private static Object rebuildTensor(final Object[] args) {
		if (args.length < 4 || !(args[0] instanceof Storage)) throw new Refused("_rebuild_tensor_v2 without a storage");
		final Storage s = (Storage) args[0];
		final long[] size = longs(args[2]);
		final long[] stride = longs(args[3]);
		final long offset = ((Number) args[1]).longValue() + s.viewOffset;
		final Storage root = s.root != null ? s.root : s;
		long last = offset;
		for (int d = 0; d < size.length; d++) {
			if (size[d] == 0) last = -1;
			else if (last >= 0) last += (size[d] - 1) * stride[d];
		}
		if (Tensor.numel(size) > Integer.MAX_VALUE || offset < 0 || last >= root.numel) {
			throw new PickleException("a tensor of shape " + Arrays.toString(size) + " lies outside its " +
				"storage of " + root.numel + " elements");
		}
		return new PendingTensor(root, offset, size, stride);
	}

	/** Replaces every pending tensor in the loaded object by its values, once all storages are read. */
	/** How deep lists and dicts may nest: a state dict needs two or three levels; a crafted file could need more
	 * stack than the JVM has. */
	private static final int MAX_DEPTH = 64;

	private static Object resolve(final Object obj) {
		return resolve(obj, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
	}

	@SuppressWarnings("unchecked")
	private static Object resolve(final Object o, final Set<Object> seen, final int depth) {
		if (o instanceof PendingTensor) return materialise((PendingTensor) o);
		if (!(o instanceof Map || o instanceof List || o instanceof Object[]) || !seen.add(o)) return o;
		if (depth > MAX_DEPTH) throw new Refused("its lists and dicts nest more than " + MAX_DEPTH + " levels deep");
		if (o instanceof Map) ((Map<Object, Object>) o).replaceAll((k, v) -> resolve(v, seen, depth + 1));
		else if (o instanceof List) ((List<Object>) o).replaceAll(v -> resolve(v, seen, depth + 1));
		else {
			final Object[] a = (Object[]) o;
			for (int i = 0; i < a.length; i++) a[i] = resolve(a[i], seen, depth + 1);
		}
		return o;
	}

	private static Tensor materialise(final PendingTensor t) {
		if (t.storage().bytes == null) throw new PickleException("a tensor's storage has no data in the file");
		final long n = Tensor.numel(t.size());
		final float[] v = new float[(int) n];
		final int[] idx = new int[t.size().length];
		for (int i = 0; i < n; i++) {
			long pos = t.offset();
			for (int d = 0; d < idx.length; d++) pos += idx[d] * t.stride()[d];
			v[i] = element(t.storage(), (int) pos);
			for (int d = idx.length - 1; d >= 0; d--) {
				if (++idx[d] < t.size()[d]) break;
				idx[d] = 0;
			}
		}
		return new Tensor(t.size(), v);
	}

	private static float element(final Storage s, final int p) {
		final ByteBuffer b = s.bytes;
		switch (s.type.dtype()) {
			case "float32": return b.getFloat(4 * p);
			case "float64": return (float) b.getDouble(8 * p);
			case "float16": return Half.toFloat(b.getShort(2 * p));
			case "bfloat16": return Float.intBitsToFloat((b.getShort(2 * p) & 0xffff) << 16);
			case "int64": return b.getLong(8 * p);
			case "int32": return b.getInt(4 * p);
			case "int16": return b.getShort(2 * p);
			case "int8": return b.get(p);
			case "uint8": case "bool": return b.get(p) & 0xff;
			default: throw new PickleException("unsupported storage type " + s.type.dtype());
		}
	}

	private static long[] longs(final Object o) {
		final Object[] a = o instanceof Object[] ? (Object[]) o : ((List<?>) o).toArray();
		final long[] out = new long[a.length];
		for (int i = 0; i < a.length; i++) out[i] = ((Number) a[i]).longValue();
		return out;
	}

	private static String oneLine(final Throwable e) {
		final String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
		return m.replaceAll("\\s*\\R\\s*", " ");
	}

	/**
	 * Razorvine's unpickler with an explicit policy for every opcode that names or builds a Python object: by
	 * default it turns any unknown global into a dict-like stand-in and calls {@code __setstate__} reflectively;
	 * here globals resolve only through {@link #GLOBALS} (anything else is refused before it reaches the stack),
	 * and BUILD is accepted only on an OrderedDict, whose state is dropped.
	 */
	private static class SafeUnpickler extends Unpickler {

		@Override
		protected Object dispatch(final short op) throws PickleException, IOException {
			switch (op) {
				case Opcodes.GLOBAL: {
					final String module = PickleUtils.readline(input);
					stack.add(allowed(module, PickleUtils.readline(input)));
					return NO_RETURN_VALUE;
				}
				case Opcodes.STACK_GLOBAL: {
					final Object name = stack.pop();
					stack.add(allowed(String.valueOf(stack.pop()), String.valueOf(name)));
					return NO_RETURN_VALUE;
				}
				case Opcodes.INST: {
					final String module = PickleUtils.readline(input);
					throw new Refused("its pickle instantiates the Python class '" + module + "." + PickleUtils
						.readline(input) + "' (INST), which a tensor checkpoint does not need");
				}
				case Opcodes.EXT1: case Opcodes.EXT2: case Opcodes.EXT4:
					throw new Refused("its pickle names a global through the copyreg extension registry");
				case Opcodes.BUILD: {
					final Object state = stack.pop();
					final Object target = stack.peek();
					if (!(target instanceof OrderedDict) || !(state instanceof Map || state == null)) {
						throw new Refused("its pickle sets the state of a " + typeName(target) + " (BUILD), which " +
							"only an OrderedDict's version _metadata may have here");
					}
					return NO_RETURN_VALUE;
				}
				case Opcodes.EMPTY_DICT:
					// Python dicts keep insertion order; Razorvine's HashMap would not.
					stack.add(new LinkedHashMap<>());
					return NO_RETURN_VALUE;
				default:
					return super.dispatch(op);
			}
		}

		private static IObjectConstructor allowed(final String module, final String name) {
			final IObjectConstructor c = GLOBALS.get(module + "." + name);
			if (c == null) {
				throw new Refused("its pickle names the Python global '" + module + "." + name + "', which a tensor " +
					"checkpoint does not need (allowed: torch storages, _rebuild_tensor_v2, _rebuild_parameter, " +
					"OrderedDict)");
			}
			return c;
		}

		private static String typeName(final Object o) {
			return o == null ? "None" : o instanceof IObjectConstructor ? "Python global" : o.getClass().getSimpleName();
		}
	}
}
