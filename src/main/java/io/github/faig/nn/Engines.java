package io.github.faig.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The one PyTorch engine of the JVM, loaded the way a Fiji plugin must load it (see djl-notes):
 * <ul>
 * <li>DJL finds engines through the thread context class loader; inside Fiji that loader may not see the plugin's
 * jars, so the first lookup runs with this class's own loader.</li>
 * <li>Downloads are forbidden ({@code ai.djl.offline=true}): the natives come from the bundled
 * {@code pytorch-native-cpu} jar or the lookup fails at once with a message saying what to install.</li>
 * <li>Grad mode is per thread: {@link #workerThread()} switches it off for inference on the calling thread.</li>
 * </ul>
 */
public final class Engines {

	private static volatile Engine engine;

	private Engines() {}

	/** The PyTorch engine, loaded on first use. Throws {@link IllegalStateException} with advice if it cannot. */
	public static Engine pytorch() {
		Engine e = engine;
		if (e != null) return e;
		synchronized (Engines.class) {
			if (engine != null) return engine;
			if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
			final String twice = duplicateDjl(Engines.class.getClassLoader());
			if (twice != null) throw new IllegalStateException(twice);
			final Thread t = Thread.currentThread();
			final ClassLoader previous = t.getContextClassLoader();
			t.setContextClassLoader(Engines.class.getClassLoader());
			try {
				e = Engine.getEngine("PyTorch");
			}
			catch (final RuntimeException | UnsatisfiedLinkError | ExceptionInInitializerError err) {
				throw new IllegalStateException(nativeAdvice(err), err);
			}
			finally {
				t.setContextClassLoader(previous);
			}
			engine = e;
			return e;
		}
	}

	/** A new top-level manager of the engine; close it (try-with-resources). */
	public static NDManager newManager() {
		return pytorch().newBaseManager();
	}

	/**
	 * Prepares the calling thread for inference: grad mode off, so parameters can be updated in place and no graph
	 * is recorded. Call at the start of work on any thread other than the one that loaded the engine.
	 */
	public static void workerThread() {
		pytorch();
		JniUtils.setGradMode(false);
	}

	/**
	 * Held while a gradient collector is open: DJL allows one per JVM, and training and attribution both need one.
	 */
	public static final Object GRADIENT_LOCK = new Object();

	/** A resource each DJL jar holds once, with a name for the message: api, engine, JNI and native jars. */
	private static final String[][] DJL_MARKERS = { { "ai/djl/engine/api.properties", "jars/api.jar" }, {
		"pytorch-engine.properties", "jars/pytorch-engine.jar" }, { "jnilib/pytorch.properties", "jars/pytorch-jni.jar" },
		{ "native/lib/pytorch.properties", "jars/<platform>/pytorch-native-cpu.jar" } };

	/**
	 * Null when {@code loader} sees each DJL jar once; otherwise a message naming every copy. Two copies (another
	 * update site shipping DJL under other names, or an old native jar left beside a new one) make the engine
	 * fail later with "already loaded in another classloader" or a version mismatch; this says why up front.
	 */
	static String duplicateDjl(final ClassLoader loader) {
		final StringBuilder msg = new StringBuilder();
		for (final String[] m : DJL_MARKERS) {
			final java.util.List<java.net.URL> copies;
			try {
				copies = java.util.Collections.list(loader.getResources(m[0]));
			}
			catch (final java.io.IOException e) {
				continue; // unreadable class path: the engine's own error will tell
			}
			if (copies.size() < 2) continue;
			msg.append("\n  ").append(m[1]).append(" ×").append(copies.size()).append(":");
			for (final java.net.URL u : copies) msg.append("\n    ").append(jarOf(u)).append(" (").append(version(u))
				.append(")");
		}
		if (msg.length() == 0) return null;
		return "Deep Java Library is installed more than once, so FAIG does not start the PyTorch engine:" + msg +
			"\nFAIG needs exactly one copy of each. In Fiji, open Help > Update..., see which update sites ship these " +
			"files, keep one copy (the FAIG site ships DJL 0.35.1 with PyTorch 2.7.1), delete the others from " +
			"Fiji.app/jars/ and Fiji.app/jars/<platform>/, and restart Fiji.";
	}

	private static String jarOf(final java.net.URL u) {
		final String s = u.toString();
		final int bang = s.indexOf("!/");
		return s.startsWith("jar:") && bang > 0 ? s.substring(4, bang) : s;
	}

	private static String version(final java.net.URL u) {
		final java.util.Properties p = new java.util.Properties();
		try (java.io.InputStream in = u.openStream()) {
			p.load(in);
		}
		catch (final java.io.IOException e) {
			return "version unknown";
		}
		final StringBuilder v = new StringBuilder();
		for (final String k : new java.util.TreeSet<>(p.stringPropertyNames())) {
			if (k.endsWith("version")) v.append(v.length() == 0 ? "" : ", ").append(k).append(" ").append(p.getProperty(
				k));
		}
		return v.length() == 0 ? "version unknown" : v.toString();
	}

	static String nativeAdvice(final Throwable err) {
		return "the PyTorch native library of Deep Java Library could not be loaded (" + err.getMessage() +
			"). FAIG needs the jars ai.djl:api 0.35.1, ai.djl.pytorch:pytorch-engine 0.35.1, " +
			"pytorch-jni 2.7.1-0.35.1 and pytorch-native-cpu 2.7.1 for your platform (in Fiji: jars/ and " +
			"jars/<platform>/, installed by the FAIG update site), each present once. Nothing is downloaded at " +
			"run time. If the native cache is damaged, delete ~/.djl.ai/pytorch (or the folder DJL_CACHE_DIR " +
			"names) and restart.";
	}
}
