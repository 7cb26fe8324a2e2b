package io.github.faig.macro;

import org.scijava.Priority;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/**
 * Test-scope stand-in for imagej-legacy's {@code ActiveImagePlusPreprocessor}: a command with exactly one unresolved
 * {@code ImagePlus} input gets the current image there, and the input is marked resolved (so no dialog asks for
 * it). It runs before the macro options, as in Fiji. Does nothing while {@link #active} is {@code null}.
 * <p>
 * Why a stand-in: a unit test sets the "current image" directly, without a Fiji. The real preprocessor fills the
 * open image in {@code io.github.faig.fiji.GuiIT} (every dialog on the open image, a menu run and its recorded line)
 * and {@code io.github.faig.fiji.MacrosIT} (a macro opens an image and runs Predict Degradation on it). A named
 * {@code input_file} winning over the open image ({@code ExplicitInputTest}) is checked only here.
 */
@Plugin(type = PreprocessorPlugin.class, priority = 3 * Priority.VERY_HIGH)
public class ActiveImagePreprocessor extends AbstractPreprocessorPlugin {

	/** The image Fiji would call current, or {@code null}. A plain field: the module runs on a worker thread. */
	public static volatile ImagePlus active;

	@Override
	public void process(final Module module) {
		final ImagePlus imp = active;
		if (imp == null) return;
		ModuleItem<?> only = null;
		for (final ModuleItem<?> input : module.getInfo().inputs()) {
			if (!ImagePlus.class.equals(input.getType())) continue;
			if (only != null) return; // more than one ImagePlus input: the legacy preprocessor leaves them alone
			only = input;
		}
		if (only == null || module.isInputResolved(only.getName())) return;
		module.setInput(only.getName(), imp);
		module.resolveInput(only.getName());
	}
}
