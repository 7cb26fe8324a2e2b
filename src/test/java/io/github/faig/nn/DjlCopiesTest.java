package io.github.faig.nn;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up check for a second copy of Deep Java Library (another update site, or a left-over old jar). */
class DjlCopiesTest {

	static File jar(final Path dir, final String name, final String entry, final String content) throws Exception {
		final File f = dir.resolve(name).toFile();
		try (OutputStream o = Files.newOutputStream(f.toPath()); JarOutputStream j = new JarOutputStream(o)) {
			j.putNextEntry(new JarEntry(entry));
			j.write(content.getBytes(StandardCharsets.US_ASCII));
			j.closeEntry();
		}
		return f;
	}

	@Test
	void oneCopyOnTheRealClassPath() {
		// The build's own class path (one api, engine, jni and native jar) must pass, or every test would fail.
		assertNull(Engines.duplicateDjl(Engines.class.getClassLoader()));
	}

	@Test
	void secondApiJarIsNamedWithBothVersions(@TempDir final Path dir) throws Exception {
		final File a = jar(dir, "api-0.35.1.jar", "ai/djl/engine/api.properties", "djl_version=0.35.1");
		final File b = jar(dir, "djl-api-0.30.0.jar", "ai/djl/engine/api.properties", "djl_version=0.30.0");
		try (URLClassLoader l = new URLClassLoader(new URL[] { a.toURI().toURL(), b.toURI().toURL() }, null)) {
			final String msg = Engines.duplicateDjl(l);
			assertNotNull(msg);
			assertTrue(msg.contains("api-0.35.1.jar") && msg.contains("djl-api-0.30.0.jar"), msg);
			assertTrue(msg.contains("djl_version 0.35.1") && msg.contains("djl_version 0.30.0"), msg);
			assertTrue(msg.contains("Help > Update"), msg);
		}
		try (URLClassLoader l = new URLClassLoader(new URL[] { a.toURI().toURL() }, null)) {
			assertNull(Engines.duplicateDjl(l));
		}
	}

	@Test
	void twoNativeJarsAreReported(@TempDir final Path dir) throws Exception {
		// The Windows case of the old site names: 2.7.1 left beside a newer native jar.
		final File a = jar(dir, "pytorch-native-cpu-2.7.1-win-x86_64.jar", "native/lib/pytorch.properties",
			"version=2.7.1");
		final File b = jar(dir, "pytorch-native-cpu-2.8.0.jar", "native/lib/pytorch.properties", "version=2.8.0");
		try (URLClassLoader l = new URLClassLoader(new URL[] { a.toURI().toURL(), b.toURI().toURL() }, null)) {
			final String msg = Engines.duplicateDjl(l);
			assertNotNull(msg);
			assertTrue(msg.contains("pytorch-native-cpu.jar ×2"), msg);
		}
	}
}
