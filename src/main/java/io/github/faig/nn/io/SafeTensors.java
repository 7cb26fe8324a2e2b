package io.github.faig.nn.io;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.github.faig.nn.StateDict;
import io.github.faig.nn.Tensor;

/**
 * The safetensors format: an 8-byte little-endian header length, a JSON header mapping each name to
 * {@code {dtype, shape, data_offsets}} (plus an optional {@code __metadata__} of strings), then the raw
 * little-endian data. Reads F32, F16, BF16 and F64 (converted to float32); writes F32. Tensor order is kept as
 * the data offsets give it.
 */
public final class SafeTensors {

	private static final long MAX_HEADER = 100L << 20;

	private SafeTensors() {}

	/** Reads every tensor of a file. */
	public static StateDict read(final File file) throws IOException {
		Parsing.requireFits(file.toString(), file.length());
		try (InputStream in = Files.newInputStream(file.toPath())) {
			return read(in, file.toString());
		}
	}

	/** Reads every tensor from a stream ({@code what} names the source in errors). */
	public static StateDict read(final InputStream stream, final String what) throws IOException {
		return Parsing.guarded(what, "a safetensors file", () -> readGuarded(stream, what));
	}

	private static StateDict readGuarded(final InputStream stream, final String what) throws IOException {
		final DataInputStream in = new DataInputStream(stream);
		final byte[] lenBytes = new byte[8];
		readFully(in, lenBytes, what);
		final long headerLen = ByteBuffer.wrap(lenBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
		if (headerLen <= 1 || headerLen > MAX_HEADER) {
			throw new IOException(what + " is not a safetensors file (header length " + headerLen + ")");
		}
		final byte[] headerBytes = new byte[(int) headerLen];
		readFully(in, headerBytes, what);
		final JsonObject header;
		try {
			header = JsonParser.parseString(new String(headerBytes, StandardCharsets.UTF_8)).getAsJsonObject();
		}
		catch (final JsonParseException | IllegalStateException e) {
			throw new IOException(what + " has a corrupt safetensors header: " + e.getMessage());
		}
		final byte[] body = Parsing.readAll(in, what);
		final List<Map.Entry<String, JsonObject>> entries = new ArrayList<>();
		for (final Map.Entry<String, JsonElement> e : header.entrySet()) {
			if (e.getKey().equals("__metadata__")) continue;
			// every entry must be whole before any is read: a missing field would surface as a bare exception
			try {
				final JsonObject o = e.getValue().getAsJsonObject();
				o.get("dtype").getAsString();
				for (final JsonElement d : o.getAsJsonArray("shape")) d.getAsLong();
				offsets(o);
				entries.add(Map.entry(e.getKey(), o));
			}
			catch (final RuntimeException ex) {
				throw new IOException("tensor '" + e.getKey() + "' of " + what + " has a malformed header entry: " +
					"expected dtype, shape and data_offsets [begin, end]");
			}
		}
		entries.sort((a, b) -> Long.compare(offsets(a.getValue())[0], offsets(b.getValue())[0]));
		final StateDict sd = new StateDict();
		for (final Map.Entry<String, JsonObject> e : entries) {
			sd.put(e.getKey(), tensor(e.getKey(), e.getValue(), body, what));
		}
		return sd;
	}

	/** The {@code __metadata__} of a file (empty if none). */
	public static Map<String, String> metadata(final File file) throws IOException {
		return Parsing.guarded(file.toString(), "a safetensors file", () -> metadataGuarded(file));
	}

	private static Map<String, String> metadataGuarded(final File file) throws IOException {
		try (DataInputStream in = new DataInputStream(Files.newInputStream(file.toPath()))) {
			final byte[] lenBytes = new byte[8];
			readFully(in, lenBytes, file.getName());
			final long len = ByteBuffer.wrap(lenBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
			if (len <= 1 || len > MAX_HEADER) throw new IOException(file + " is not a safetensors file");
			final byte[] h = new byte[(int) len];
			readFully(in, h, file.getName());
			final JsonObject header;
			try {
				header = JsonParser.parseString(new String(h, StandardCharsets.UTF_8)).getAsJsonObject();
			}
			catch (final JsonParseException | IllegalStateException e) {
				throw new IOException(file + " has a corrupt safetensors header: " + e.getMessage());
			}
			final Map<String, String> out = new LinkedHashMap<>();
			if (header.has("__metadata__")) {
				if (!header.get("__metadata__").isJsonObject()) {
					throw new IOException(file + " has a __metadata__ that is not an object of strings");
				}
				for (final Map.Entry<String, JsonElement> e : header.getAsJsonObject("__metadata__").entrySet()) {
					if (!e.getValue().isJsonPrimitive()) {
						throw new IOException(file + " has __metadata__ \"" + e.getKey() + "\" that is not a string");
					}
					out.put(e.getKey(), e.getValue().getAsString());
				}
			}
			return out;
		}
	}

	private static long[] offsets(final JsonObject o) {
		final JsonArray a = o.getAsJsonArray("data_offsets");
		return new long[] { a.get(0).getAsLong(), a.get(1).getAsLong() };
	}

	private static Tensor tensor(final String name, final JsonObject o, final byte[] body, final String what)
		throws IOException
	{
		final String dtype = o.get("dtype").getAsString();
		final JsonArray shapeJson = o.getAsJsonArray("shape");
		final long[] shape = new long[shapeJson.size()];
		for (int i = 0; i < shape.length; i++) shape[i] = shapeJson.get(i).getAsLong();
		final long[] off = offsets(o);
		for (final long d : shape) {
			if (d < 0 || d > Integer.MAX_VALUE) {
				throw new IOException("tensor '" + name + "' of " + what + " has shape " + shapeJson + ": expected sizes " +
					"from 0 to " + Integer.MAX_VALUE);
			}
		}
		final long n = io.github.faig.io.MemoryBudget.product(shape);
		final int width;
		switch (dtype) {
			case "F32": width = 4; break;
			case "F16": case "BF16": width = 2; break;
			case "F64": width = 8; break;
			default:
				throw new IOException("tensor '" + name + "' of " + what + " has dtype " + dtype +
					"; expected F32, F16, BF16 or F64");
		}
		if (off[0] < 0 || off[1] > body.length || off[0] > off[1] || n > body.length || off[1] - off[0] != n * width) {
			throw new IOException("tensor '" + name + "' of " + what + " is truncated or corrupt (offsets " + off[0] +
				".." + off[1] + ", " + n + " values of " + width + " bytes, " + body.length + " bytes of data)");
		}
		final ByteBuffer b = ByteBuffer.wrap(body, (int) off[0], (int) (off[1] - off[0])).order(
			ByteOrder.LITTLE_ENDIAN);
		final float[] data = new float[(int) n];
		for (int i = 0; i < n; i++) {
			switch (dtype) {
				case "F32": data[i] = b.getFloat(); break;
				case "F64": data[i] = (float) b.getDouble(); break;
				case "BF16": data[i] = Float.intBitsToFloat((b.getShort() & 0xffff) << 16); break;
				default: data[i] = Half.toFloat(b.getShort());
			}
		}
		return new Tensor(shape, data);
	}

	/** Writes every tensor as F32, in the state dict's order, with optional string metadata. */
	public static void write(final StateDict sd, final Map<String, String> metadata, final OutputStream out)
		throws IOException
	{
		final JsonObject header = new JsonObject();
		long offset = 0;
		for (final Map.Entry<String, Tensor> e : sd.asMap().entrySet()) {
			final JsonObject o = new JsonObject();
			o.addProperty("dtype", "F32");
			final JsonArray shape = new JsonArray();
			for (final long s : e.getValue().shape()) shape.add(s);
			o.add("shape", shape);
			final JsonArray offs = new JsonArray();
			offs.add(offset);
			offset += 4L * e.getValue().numel();
			offs.add(offset);
			o.add("data_offsets", offs);
			header.add(e.getKey(), o);
		}
		if (metadata != null && !metadata.isEmpty()) {
			header.add("__metadata__", new Gson().toJsonTree(metadata));
		}
		final ByteArrayOutputStream hb = new ByteArrayOutputStream();
		hb.write(header.toString().getBytes(StandardCharsets.UTF_8));
		while (hb.size() % 8 != 0) hb.write(' ');
		final ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(hb.size());
		out.write(len.array());
		hb.writeTo(out);
		final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
		for (final Tensor t : sd.asMap().values()) {
			for (final float v : t.data()) {
				if (!buf.hasRemaining()) {
					out.write(buf.array(), 0, buf.position());
					buf.clear();
				}
				buf.putFloat(v);
			}
		}
		out.write(buf.array(), 0, buf.position());
	}

	/** Writes to a file. */
	public static void write(final StateDict sd, final Map<String, String> metadata, final File file)
		throws IOException
	{
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file.toPath()))) {
			write(sd, metadata, out);
		}
	}

	private static void readFully(final DataInputStream in, final byte[] b, final String what) throws IOException {
		try {
			in.readFully(b);
		}
		catch (final EOFException e) {
			throw new IOException(what + " is truncated: not a complete safetensors file");
		}
	}
}
