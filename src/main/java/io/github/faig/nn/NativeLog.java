package io.github.faig.nn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;

import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

import ai.djl.pytorch.jni.LibUtils;

/**
 * The level of libtorch's own log, which writes straight to the process's standard error. On CPUs its NNPACK does
 * not know (AMD Zen 5, for one) every batched convolution logs "Could not initialize NNPACK! Reason: Unsupported
 * hardware." — thousands of lines in a filter discovery, none of them about the result. PyTorch reads the level from
 * {@value #ENV} only when Python starts it, so FAIG applies that variable itself once the engine is loaded: unset, it
 * means ERROR (warnings quiet); {@code TORCH_CPP_LOG_LEVEL=WARNING} (or INFO) brings them back. README,
 * Troubleshooting.
 */
final class NativeLog {

	/** The environment variable PyTorch itself reads for this level. */
	static final String ENV = "TORCH_CPP_LOG_LEVEL";

	/** libtorch's level variable (c10's logger without glog): 0 info, 1 warning, 2 error, 3 fatal. */
	private static final String FLAG = "FLAGS_caffe2_log_level";

	private NativeLog() {}

	/** The level {@code value} of {@value #ENV} names (a name or 0–3, as PyTorch reads it); ERROR when unset or unknown. */
	static int level(final String value) {
		final int l = parse(value);
		return l < 0 ? 2 : l;
	}

	/** Whether {@code value} is unset, empty or names a level. */
	static boolean known(final String value) {
		return value == null || value.isBlank() || parse(value) >= 0;
	}

	/** The level a value names, -1 for none (unset, empty or unknown). */
	private static int parse(final String value) {
		if (value == null) return -1;
		return switch (value.trim().toUpperCase(Locale.ROOT)) {
			case "INFO", "0" -> 0;
			case "WARNING", "1" -> 1;
			case "ERROR", "2" -> 2;
			case "FATAL", "3" -> 3;
			default -> -1;
		};
	}

	/**
	 * Sets libtorch's level from {@value #ENV}; returns the level set, or -1 where it cannot be (not Linux or macOS,
	 * a libtorch without the variable). The log is only talk: nothing here may stop the engine, so failures are quiet.
	 */
	static int apply() {
		final String value = System.getenv(ENV);
		// PyTorch under Python says so too (trial finding: an unknown value went unnoticed)
		if (!known(value)) System.err.println("FAIG: " + ENV + "='" + value + "' is no level (INFO, WARNING, ERROR or " +
			"FATAL, or 0 to 3): libtorch's warnings stay quiet");
		final int level = level(value);
		try {
			final Pointer flag = flag();
			if (flag == null) return -1;
			flag.setInt(0, level);
			return level;
		}
		catch (final RuntimeException | LinkageError e) {
			return -1;
		}
	}

	/** libtorch's level in force, or -1 where it cannot be read. */
	static int current() {
		try {
			final Pointer flag = flag();
			return flag == null ? -1 : flag.getInt(0);
		}
		catch (final RuntimeException | LinkageError e) {
			return -1;
		}
	}

	/** The level variable in the libc10 the engine loaded (never a second copy), or null off Linux and macOS. */
	private static Pointer flag() {
		final String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		// RTLD_LAZY | RTLD_NOLOAD, whose value differs between the two
		final int flags = os.contains("linux") ? 0x1 | 0x4 : os.contains("mac") ? 0x1 | 0x10 : -1;
		if (flags < 0) return null;
		final Path lib = Paths.get(LibUtils.getLibtorchPath()).resolve(System.mapLibraryName("c10"));
		if (!Files.isRegularFile(lib)) return null;
		return NativeLibrary.getInstance(lib.toString(), Map.of(Library.OPTION_OPEN_FLAGS, flags))
			.getGlobalVariableAddress(FLAG);
	}
}
