package io.github.faig.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;

import io.github.faig.SciJavaTest;
import io.github.faig.degrade.DegradationParams;

/**
 * A dialog remembers the last values, but a run without a dialog (a macro line with options, a script, a headless
 * line) leaves an omitted input at its documented default, whatever is remembered.
 */
class InputsPreprocessorTest extends SciJavaTest {

	@Test
	void onlyADialogRunOffersRememberedValues() {
		assertTrue(InputsPreprocessor.dialog(true, false, false), "the menu");
		assertFalse(InputsPreprocessor.dialog(false, false, false), "headless Fiji, a script without UI");
		assertFalse(InputsPreprocessor.dialog(true, true, false), "a --run line");
		assertFalse(InputsPreprocessor.dialog(true, false, true), "a macro line with options");
	}

	@Test
	void anOmittedInputKeepsItsDefaultWhateverIsRemembered() throws Exception {
		final CommandInfo info = context.service(CommandService.class).getCommand(SynthesizeDegradationsCommand.class);
		@SuppressWarnings("unchecked")
		final ModuleItem<Double> item = (ModuleItem<Double>) info.getInput("noise_sigma");
		final ModuleService modules = context.service(ModuleService.class);
		@SuppressWarnings("unchecked")
		final ModuleItem<Double> blur = (ModuleItem<Double>) info.getInput("blur_sigma");
		modules.save(blur, blur.getDefaultValue()); // nothing remembered (the default is not stored)
		assertEquals(null, modules.load(blur));
		modules.save(item, 0.3); // as a dialog run leaves it
		try {
			assertEquals(0.3, modules.load(item), "the value is remembered");
			// no image: the run fails after its inputs were set, which is all this looks at
			final FaigCommand m = run(SynthesizeDegradationsCommand.class, "blur_sigma", 1.5);
			assertEquals(1.5, m.getInput("blur_sigma"));
			assertEquals(DegradationParams.DEFAULT_NOISE_SIGMA, m.getInput("noise_sigma"));
			// and such a run stores nothing: the remembered values are the dialog's
			assertEquals(null, modules.load(blur), "a macro's value was stored");
			assertEquals(0.3, modules.load(item));
		}
		finally {
			modules.save(item, item.getDefaultValue()); // the default is not stored: forgets 0.3
		}
	}
}
