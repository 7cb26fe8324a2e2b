package io.github.faig.macro;

import org.scijava.Priority;
import org.scijava.convert.ConvertService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.Macro;

/**
 * Test-scope stand-in for imagej-legacy's macro preprocessor: while {@link #options} holds a macro option string
 * (as {@code run("Label", options)} passes it), every input is filled from it with {@code ij.Macro.getValue} and
 * converted by the {@link ConvertService}, exactly as Fiji does.
 * <p>
 * Why a stand-in: the unit tests run on every machine, without a Fiji ({@code mvn test}), one input at a time in one
 * SciJava context. The real imagej-legacy fills macro options in the Fiji integration suite whenever a Fiji is given
 * (CI gives one): {@code io.github.faig.fiji.MacrosIT} runs every macro of {@code macros/} and a user's macro in
 * batch mode, {@code io.github.faig.fiji.GuiIT} replays a recorded line. Kept for the cases only the unit tests reach:
 * the option matching of every input name and value type ({@code MacroContractTest}) and a named file against the
 * open image ({@code ExplicitInputTest}).
 */
@Plugin(type = PreprocessorPlugin.class, priority = 2 * Priority.VERY_HIGH)
public class MacroOptionsPreprocessor extends AbstractPreprocessorPlugin {

	/**
	 * The option string of the macro call being run, or {@code null} outside macro calls. A plain field, not a
	 * thread-local: SciJava runs the module on a worker thread.
	 */
	public static volatile String options;

	@Parameter
	private ConvertService convertService;

	@Override
	public void process(final Module module) {
		final String opts = options;
		if (opts == null) return;
		for (final ModuleItem<?> input : module.getInfo().inputs()) {
			final String value = Macro.getValue(opts + " ", input.getName(), null);
			if (value == null || !convertService.supports(value, input.getType())) continue;
			module.setInput(input.getName(), convertService.convert(value, input.getType()));
			module.resolveInput(input.getName());
		}
	}
}
