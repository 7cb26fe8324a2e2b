package io.github.faig.nn;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The one PyTorch engine of the JVM, loaded the way a Fiji plugin must load it (README, Troubleshooting):
 * <ul>
 * <li>DJL finds engines through the thread context class loader; inside Fiji that loader may not see the plugin's
 * jars, so the first lookup runs with this class's own loader.</li>
 * <li>Downloads are forbidden ({@code ai.djl.offline=true}): the natives come from the bundled
 * {@code pytorch-native-cpu} jar or the lookup fails at once with a message saying what to install.</li>
 * <li>Grad mode is per thread: {@link #workerThread()} switches it off for inference on the calling thread.</li>
 * <li>libtorch's own warnings are quiet unless {@code TORCH_CPP_LOG_LEVEL} asks for them ({@link NativeLog}).</li>
 * </ul>
 */
public final class Engines {

	private static volatile Engine engine;

	/** The thread count asked for (0: automatic), applied when the engine is loaded or already is. */
	private static volatile int requestedThreads = 0;

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
			NativeLog.apply();
			applyThreads(requestedThreads);
			return e;
		}
	}

	/**
	 * Asks for {@code n} native (intra-op) threads, or 0 for an automatic count that leaves the cores other programs
	 * keep busy to them: libtorch's worker threads spin while they wait, so one thread per core on a machine where
	 * another program holds a core makes every step wait for the slowest (7x slower with one of two cores busy).
	 * Applied now if the engine is loaded, else when it is. Returns the count in force, or 0 if not yet loaded.
	 */
	/** The most threads a command may ask for: libtorch starts every one, and crashes on absurd counts. */
	public static final int MAX_THREADS = 256;
	public static final String MAX_THREADS_TEXT = "" + MAX_THREADS;

	public static int requestThreads(final int n) {
		if (n < 0 || n > MAX_THREADS) {
			throw new IllegalArgumentException("threads must be 0 (automatic) to " + MAX_THREADS + ", got " + n);
		}
		requestedThreads = n;
		return engine != null ? applyThreads(n) : 0;
	}

	/** The last automatic count and when it was measured: one quarter-second sample serves runs close together. */
	private static int lastAutomatic;
	private static long lastMeasured = Long.MIN_VALUE;

	private static synchronized int applyThreads(final int n) {
		int t = n;
		if (t <= 0) {
			final long now = System.nanoTime();
			if (lastMeasured == Long.MIN_VALUE || now - lastMeasured > 30_000_000_000L) {
				lastAutomatic = automaticThreads(Runtime.getRuntime().availableProcessors(), otherBusyCores());
				lastMeasured = now;
			}
			t = lastAutomatic;
		}
		// more threads than cores only contend with each other
		t = Math.min(t, Runtime.getRuntime().availableProcessors());
		if (JniUtils.getNumThreads() != t) JniUtils.setNumThreads(t);
		return t;
	}

	/** The automatic thread count: the cores not busy with other programs, at least one. */
	static int automaticThreads(final int cores, final double otherBusy) {
		return Math.max(1, Math.min(cores, cores - (int) Math.round(otherBusy)));
	}

	/**
	 * How many cores other programs keep busy, from the machine's and this process's CPU use over a quarter of a
	 * second; 0 when the platform does not say.
	 */
	static double otherBusyCores() {
		final OperatingSystemMXBean os = ManagementFactory
			.getOperatingSystemMXBean();
		if (!(os instanceof com.sun.management.OperatingSystemMXBean)) return 0;
		final com.sun.management.OperatingSystemMXBean sun = (com.sun.management.OperatingSystemMXBean) os;
		final int cores = Runtime.getRuntime().availableProcessors();
		final long cpu0 = sun.getProcessCpuTime();
		final long t0 = System.nanoTime();
		sun.getCpuLoad(); // starts the machine-wide window
		try {
			Thread.sleep(250);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			return 0;
		}
		final double machine = sun.getCpuLoad();
		final double self = (sun.getProcessCpuTime() - cpu0) / (double) (System.nanoTime() - t0);
		if (!(machine >= 0)) return 0;
		return Math.max(0, machine * cores - self);
	}

	/** The native thread count in force (loads the engine). */
	public static int threads() {
		pytorch();
		return JniUtils.getNumThreads();
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
	 * Whether this thread records operations for a backward pass (grad mode on: a gradient collector is open). Off
	 * for inference on threads prepared with {@link #workerThread()}.
	 */
	public static boolean recordingGradients() {
		pytorch();
		return JniUtils.isGradMode();
	}

	/**
	 * Clears the gradient PyTorch accumulated in a parameter, in place (the gradient buffer stays): what
	 * {@code optimizer.zero_grad()} does, before a backward pass or after an update.
	 */
	public static void zeroGradient(final NDArray parameter) {
		JniUtils.zeroGrad((PtNDArray) parameter);
	}

	/** {@link #zeroGradient} for each of {@code parameters}. */
	public static void zeroGradients(final Iterable<? extends NDArray> parameters) {
		for (final NDArray p : parameters) zeroGradient(p);
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
			final List<URL> copies;
			try {
				copies = Collections.list(loader.getResources(m[0]));
			}
			catch (final IOException e) {
				continue; // unreadable class path: the engine's own error will tell
			}
			if (copies.size() < 2) continue;
			msg.append("\n  ").append(m[1]).append(" ×").append(copies.size()).append(":");
			for (final URL u : copies) msg.append("\n    ").append(jarOf(u)).append(" (").append(version(u))
				.append(")");
		}
		if (msg.length() == 0) return null;
		return "Deep Java Library is installed more than once, so FAIG does not start the PyTorch engine:" + msg +
			"\nFAIG needs exactly one copy of each. In Fiji, open Help > Update..., see which update sites ship these " +
			"files, keep one copy (the FAIG site ships DJL 0.35.1 with PyTorch 2.7.1), delete the others from " +
			"Fiji.app/jars/ and Fiji.app/jars/<platform>/, and restart Fiji.";
	}

	private static String jarOf(final URL u) {
		final String s = u.toString();
		final int bang = s.indexOf("!/");
		return s.startsWith("jar:") && bang > 0 ? s.substring(4, bang) : s;
	}

	private static String version(final URL u) {
		final Properties p = new Properties();
		try (InputStream in = u.openStream()) {
			p.load(in);
		}
		catch (final IOException e) {
			return "version unknown";
		}
		final StringBuilder v = new StringBuilder();
		for (final String k : new TreeSet<>(p.stringPropertyNames())) {
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
