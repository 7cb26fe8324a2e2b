package io.github.faig.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Module names of jars bound for Fiji's module path: the JDK's own check refuses DJL's native names, the rewrite
 * changes only the manifest (every other entry's stored bytes stay as they were: copied, not recompressed), and the
 * same input gives the same bytes at any later time.
 */
class ModuleNamesTest {

	/**
	 * A jar like DJL's natives: a manifest with {@code name} (none when null), a stored entry, and an entry
	 * deflated at level 1 (recompressing it at the default level would change its stored bytes).
	 */
	static File nativeLike(final Path dir, final String fileName, final String name) throws Exception {
		final File f = dir.resolve(fileName).toFile();
		final byte[] lib = new byte[300_000];
		new Random(7).nextBytes(lib);
		for (int i = 0; i < lib.length; i += 3) lib[i] = 0; // compressible, but not trivially
		try (OutputStream o = Files.newOutputStream(f.toPath()); ZipOutputStream z = new ZipOutputStream(o)) {
			if (name != null) {
				put(z, "META-INF/MANIFEST.MF", ("Manifest-Version: 1.0\r\nAutomatic-Module-Name: " + name + "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII), ZipEntry.DEFLATED, 1_700_000_000_000L);
			}
			put(z, "native/lib/pytorch.properties", "version=2.7.1\nflavor=cpu\n".getBytes(StandardCharsets.US_ASCII),
				ZipEntry.STORED, 1_700_000_001_000L);
			z.setLevel(Deflater.BEST_SPEED);
			put(z, "pytorch/cpu/linux-x86_64/libtorch_cpu.so", lib, ZipEntry.DEFLATED, 1_700_000_002_000L);
		}
		return f;
	}

	static void put(final ZipOutputStream z, final String name, final byte[] data, final int method, final long time)
		throws Exception
	{
		final ZipEntry e = new ZipEntry(name);
		e.setMethod(method);
		e.setTime(time);
		if (method == ZipEntry.STORED) {
			final CRC32 crc = new CRC32();
			crc.update(data);
			e.setSize(data.length);
			e.setCrc(crc.getValue());
		}
		z.putNextEntry(e);
		z.write(data);
		z.closeEntry();
	}

	/** Each entry's stored (compressed) bytes, read through the central directory and the local headers. */
	static Map<String, byte[]> storedBytes(final File zip) throws IOException {
		final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(zip.toPath())).order(ByteOrder.LITTLE_ENDIAN);
		int eocd = b.limit() - 22;
		while (b.getInt(eocd) != 0x06054b50) eocd--;
		final int count = Short.toUnsignedInt(b.getShort(eocd + 10));
		int cen = b.getInt(eocd + 16);
		final Map<String, byte[]> out = new TreeMap<>();
		for (int i = 0; i < count; i++) {
			assertEquals(0x02014b50, b.getInt(cen));
			final int csize = b.getInt(cen + 20), n = Short.toUnsignedInt(b.getShort(cen + 28)), x = Short
				.toUnsignedInt(b.getShort(cen + 30)), c = Short.toUnsignedInt(b.getShort(cen + 32)), loc = b.getInt(
					cen + 42);
			final String name = new String(b.array(), cen + 46, n, StandardCharsets.UTF_8);
			final int data = loc + 30 + Short.toUnsignedInt(b.getShort(loc + 26)) + Short.toUnsignedInt(b.getShort(
				loc + 28));
			final byte[] raw = new byte[csize];
			System.arraycopy(b.array(), data, raw, 0, csize);
			out.put(name, raw);
			cen += 46 + n + x + c;
		}
		return out;
	}

	@Test
	void theJdkRefusesDjlNativeNames(@TempDir final Path dir) throws Exception {
		// DJL's manifest name has a hyphen.
		final File hyphen = nativeLike(dir, "a.jar", "ai.djl.pytorch_native_cpu_linux-x86_64");
		assertTrue(ModuleNames.problem(hyphen.toPath()).contains("ai.djl.pytorch_native_cpu_linux-x86_64"), ModuleNames
			.problem(hyphen.toPath()));
		// Without a manifest name the JDK derives pytorch.native.cpu from the file name: "native" is a keyword.
		final Path sub = Files.createDirectories(dir.resolve("sub"));
		final File derived = nativeLike(sub, "pytorch-native-cpu-2.7.1.jar", null);
		assertNotNull(ModuleNames.problem(derived.toPath()));
		assertEquals("pytorch._native.cpu", ModuleNames.proposedName(derived.toPath()));
		assertEquals("ai.djl.pytorch_native_cpu_linux_x86_64", ModuleNames.proposedName(hyphen.toPath()));
		final Path ok = Files.createDirectories(dir.resolve("ok"));
		assertNull(ModuleNames.problem(nativeLike(ok, "b.jar", "ai.djl.pytorch_native_cpu_win_x86_64").toPath()));
	}

	@Test
	void validNames() {
		assertEquals("a.b_c", ModuleNames.validName("a.b-c"));
		assertEquals("a._native._2x", ModuleNames.validName("a.native.2x"));
		assertEquals("x.y", ModuleNames.validName(".x..y"));
		assertThrows(IllegalArgumentException.class, () -> ModuleNames.validName(".."));
	}

	@Test
	void rewriteChangesOnlyTheManifestAndIsDeterministic(@TempDir final Path dir) throws Exception {
		final File in = nativeLike(dir, "pytorch-native-cpu-2.7.1-linux-x86_64.jar",
			"ai.djl.pytorch_native_cpu_linux-x86_64");
		final Path out1 = dir.resolve("out1.jar"), out2 = dir.resolve("out2.jar");
		ModuleNames.rewrite(in.toPath(), out1, "ai.djl.pytorch_native_cpu_linux_x86_64");
		assertNull(ModuleNames.problem(out1));
		assertEquals("ai.djl.pytorch_native_cpu_linux_x86_64", ModuleNames.name(out1));
		try (JarFile j = new JarFile(out1.toFile())) {
			assertEquals("1.0", j.getManifest().getMainAttributes().getValue("Manifest-Version"));
		}
		final Map<String, byte[]> before = storedBytes(in), after = storedBytes(out1.toFile());
		assertEquals(before.keySet(), after.keySet());
		for (final String name : before.keySet()) {
			if (name.equals(JarFile.MANIFEST_NAME)) assertFalse(java.util.Arrays.equals(before.get(name), after.get(
				name)), "the manifest changed");
			else assertArrayEquals(before.get(name), after.get(name), name + ": stored bytes changed");
		}
		try (JarFile a = new JarFile(in); JarFile b = new JarFile(out1.toFile())) {
			for (final String name : before.keySet()) {
				assertEquals(a.getEntry(name).getTime(), b.getEntry(name).getTime(), name + ": time");
				assertEquals(a.getEntry(name).getMethod(), b.getEntry(name).getMethod(), name + ": method");
			}
		}
		// The updater's checksum leaves out the manifest: the rewritten native is the same version to it.
		assertEquals(UpdaterChecksum.of("jars/linux64/x.jar", in), UpdaterChecksum.of("jars/linux64/x.jar", out1
			.toFile()));
		// Two seconds later (the zip time resolution), the same bytes.
		Thread.sleep(2100);
		ModuleNames.rewrite(in.toPath(), out2, "ai.djl.pytorch_native_cpu_linux_x86_64");
		assertArrayEquals(Files.readAllBytes(out1), Files.readAllBytes(out2));
		for (final String n : dir.toFile().list()) assertFalse(n.startsWith(".part-"), "temporary file left: " + n);
	}

	@Test
	void theBuilderRefusesABadModuleOnTheModulePath(@TempDir final Path dir) throws Exception {
		final File bad = nativeLike(dir, "pytorch-native-cpu-2.7.1-linux-x86_64.jar",
			"ai.djl.pytorch_native_cpu_linux-x86_64");
		final File site = dir.resolve("site").toFile();
		final List<UpdateSiteBuilder.Entry> entries = List.of(new UpdateSiteBuilder.Entry(
			"jars/linux64/pytorch-native-cpu-2.7.1.jar", bad, "linux64", null, List.of()));
		final IOException e = assertThrows(IOException.class, () -> UpdateSiteBuilder.write(site, entries,
			"20261201100000"));
		assertTrue(e.getMessage().startsWith("jars/linux64/pytorch-native-cpu-2.7.1.jar (" + bad + ") is not a valid " +
			"Java module"), e.getMessage());
		assertFalse(site.exists(), "nothing written");
		// The same jar elsewhere in jars/ (class path only) is not checked.
		UpdateSiteBuilder.write(site, List.of(new UpdateSiteBuilder.Entry("jars/x-1.0.jar", bad, null, null, List
			.of())), "20261201100000");
		assertTrue(ModuleNames.onModulePath("jars/win64/a.jar"));
		assertFalse(ModuleNames.onModulePath("jars/a.jar"));
		assertFalse(ModuleNames.onModulePath("models/faig/x/a.jar"));
	}

	/** {@link ModuleNames#problem} of a site file ({@code <name>.jar-<timestamp>}: the JDK needs a .jar name). */
	static String siteFileProblem(final File siteFile) throws IOException {
		final Path dir = Files.createTempDirectory("site-file");
		final Path jar = dir.resolve("pytorch-native-cpu-2.7.1.jar");
		try {
			Files.copy(siteFile.toPath(), jar);
			return ModuleNames.problem(jar);
		}
		finally {
			Files.deleteIfExists(jar);
			Files.delete(dir);
		}
	}

	@Test
	void siteShipsModuleNamedNativesAndRebuildsTheSame(@TempDir final Path dir) throws Exception {
		// The stand-in natives have no manifest: the JDK derives pytorch.native.cpu, which it refuses.
		final UpgradeTest.Build b = new UpgradeTest.Build(dir.resolve("v1"), "0.1.0", "faig", "2.7.1", "w", false);
		final File site = dir.resolve("site").toFile();
		b.buildInto(site, UpgradeTest.TS1);
		final Map<String, byte[]> first = new TreeMap<>();
		for (final String[] p : UpdateSiteBuilder.PLATFORMS) {
			final File f = new File(site, "jars/" + p[1] + "/pytorch-native-cpu-2.7.1.jar-" + UpgradeTest.TS1);
			assertNull(siteFileProblem(f), f.toString());
			first.put(p[1], Files.readAllBytes(f.toPath()));
		}
		// The same inputs again, later: nothing changes, not a byte of the site's natives.
		Thread.sleep(2100);
		final UpdateSiteBuilder.Result again = b.buildInto(site, UpgradeTest.TS2);
		assertEquals(0, again.changed() + again.added() + again.obsoleted());
		final SiteDb db = SiteDb.read(new File(site, "db.xml.gz"));
		for (final String[] p : UpdateSiteBuilder.PLATFORMS) {
			final SiteDb.Record r = db.get("jars/" + p[1] + "/pytorch-native-cpu-2.7.1.jar");
			assertEquals(Long.parseLong(UpgradeTest.TS1), r.current.timestamp(), p[1]);
			assertArrayEquals(first.get(p[1]), Files.readAllBytes(new File(site, r.filename + "-" + UpgradeTest.TS1)
				.toPath()), p[1]);
		}
		// A site built before the fix served the natives as DJL made them. The updater's checksum is the same, so
		// the record stays; the site file is replaced in place and its size recorded.
		final File linux = new File(site, "jars/linux64/pytorch-native-cpu-2.7.1.jar-" + UpgradeTest.TS1);
		Files.copy(new File(b.natives, "pytorch-native-cpu-2.7.1-linux-x86_64.jar").toPath(), linux.toPath(),
			java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		assertNotNull(siteFileProblem(linux));
		b.buildInto(site, "20261203100000");
		assertNull(siteFileProblem(linux));
		assertArrayEquals(first.get("linux64"), Files.readAllBytes(linux.toPath()));
		final SiteDb.Record r = SiteDb.read(new File(site, "db.xml.gz")).get("jars/linux64/pytorch-native-cpu-2.7.1.jar");
		assertEquals(Long.parseLong(UpgradeTest.TS1), r.current.timestamp());
		assertEquals(linux.length(), r.current.filesize());
	}
}
