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

	static String nativeAdvice(final Throwable err) {
		return "the PyTorch native library of Deep Java Library could not be loaded (" + err.getMessage() +
			"). FAIG needs the jars ai.djl:api 0.35.1, ai.djl.pytorch:pytorch-engine 0.35.1, " +
			"pytorch-jni 2.7.1-0.35.1 and pytorch-native-cpu 2.7.1 for your platform (in Fiji: jars/ and " +
			"jars/<platform>/, installed by the FAIG update site), each present once. Nothing is downloaded at " +
			"run time. If the native cache is damaged, delete ~/.djl.ai/pytorch (or the folder DJL_CACHE_DIR " +
			"names) and restart.";
	}
}
