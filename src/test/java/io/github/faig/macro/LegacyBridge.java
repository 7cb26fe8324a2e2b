package io.github.faig.macro;

import java.lang.reflect.Field;
import java.util.Hashtable;

import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.Menus;
import ij.WindowManager;
import ij.plugin.PlugIn;

/**
 * Test-scope stand-in for imagej-legacy's bridge: an IJ1 {@code run("FAIG …", options)} runs the SciJava command
 * of that label with the macro's options, and its image outputs are shown (in batch mode: kept as batch-mode
 * images), as Fiji's display postprocessor does. A failed command is logged and the macro goes on, as in Fiji.
 * <p>
 * Why a stand-in: it lets {@code MacroRunTest} run the macros with ImageJ 1's own interpreter on a machine without a
 * Fiji. In a real Fiji the same macros and the same cases (a folder with a space and no trailing separator, a new
 * nested output folder, a file that fails and is named, a trailing separator) run in batch mode in
 * {@code io.github.faig.fiji.MacrosIT} whenever a Fiji is given (CI gives one). What only this stand-in checks:
 * that each output image is closed before the next file ({@link #mostImagesOpen}), which a batch-mode macro in Fiji
 * does not expose to a test.
 */
public class LegacyBridge implements PlugIn {

	/** The context the commands run in; set by the test. */
	public static volatile Context context;

	/** The most images open when a command started (the macro's own batch-mode images). */
	public static volatile int mostImagesOpen;

	/** Makes IJ1's {@code run("label", …)} of each FAIG command label run it in {@code c}. */
	@SuppressWarnings("unchecked")
	public static void install(final Context c) throws ReflectiveOperationException {
		context = c;
		if (Menus.getCommands() == null) {
			// a headless JVM cannot build IJ1's menus: give it a command table of its own
			final Field f = Menus.class.getDeclaredField("pluginsTable");
			f.setAccessible(true);
			f.set(null, new Hashtable<String, String>());
		}
		final Hashtable<String, String> table = Menus.getCommands();
		for (final String label : new String[] { "FAIG Synthesize Degradations", "FAIG Blind Super-Resolution",
			"FAIG Predict Degradation", "FAIG Compute Filters" })
		{
			table.put(label, LegacyBridge.class.getName() + "(\"" + label + "\")");
		}
	}

	@Override
	public void run(final String label) {
		mostImagesOpen = Math.max(mostImagesOpen, WindowManager.getImageCount());
		final CommandService cs = context.service(CommandService.class);
		CommandInfo info = null;
		for (final CommandInfo i : cs.getCommands()) if (label.equals(i.getLabel())) info = i;
		final String options = Macro.getOptions();
		MacroOptionsPreprocessor.options = options == null ? "" : options;
		try {
			final Module m = context.service(ModuleService.class).run(info, true).get();
			if (((Cancelable) m).isCanceled()) {
				IJ.log("failed: " + ((Cancelable) m).getCancelReason());
				return;
			}
			for (final Object o : m.getOutputs().values()) if (o instanceof ImagePlus) ((ImagePlus) o).show();
		}
		catch (final Exception e) {
			IJ.log("failed: " + e);
		}
		finally {
			MacroOptionsPreprocessor.options = null;
		}
	}
}
