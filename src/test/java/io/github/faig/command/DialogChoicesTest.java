package io.github.faig.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import io.github.faig.SciJavaTest;
import io.github.faig.nn.Fixtures;
import io.github.faig.nn.io.ModelImporter;
import io.github.faig.prediction.PredictionModels;

/**
 * The dialog's model and filter-set inputs: choice lists of the bundled and installed packages plus a chooser entry,
 * while macros and headless lines keep giving any name or path.
 */
class DialogChoicesTest extends SciJavaTest {

	/** A Fiji folder whose models/faig/ holds an installed model and an installed filter-set folder. */
	@TempDir
	Path fiji;

	private String fijiDirBefore;

	@BeforeEach
	void install() throws Exception {
		final File installed = fiji.resolve("models/faig").toFile();
		assertTrue(installed.mkdirs());
		ModelImporter.importModel(Fixtures.file("msrresnet_x2.pth"), null, null, "tiny", "target", "CC0-1.0").write(
			new File(installed, "my-installed-model"));
		final File sets = new File(installed, "my-installed-sets");
		assertTrue(sets.mkdir());
		Files.writeString(sets.toPath().resolve("blur_index.txt"), "");
		fijiDirBefore = System.getProperty("fiji.dir");
		System.setProperty("fiji.dir", fiji.toString());
	}

	@AfterEach
	void uninstall() {
		if (fijiDirBefore == null) System.clearProperty("fiji.dir");
		else System.setProperty("fiji.dir", fijiDirBefore);
	}

	/** A command as the dialog gets it: made and initialized by SciJava, not run. */
	private static FaigCommand initialized(final Class<? extends FaigCommand> c) throws Exception {
		final FaigCommand m = (FaigCommand) context.service(ModuleService.class).createModule(context.service(
			CommandService.class).getCommand(c));
		m.initialize();
		return m;
	}

	private static List<?> choices(final FaigCommand m, final String input) {
		return m.getInfo().getInput(input).getChoices();
	}

	/** The folders of sample-models/ holding a file named {@code marker}, read here from the disk. */
	private static List<String> shipped(final String marker) {
		final List<String> names = new ArrayList<>();
		for (final File f : new File("sample-models").listFiles()) if (new File(f, marker).isFile()) names.add(f.getName());
		assertFalse(names.isEmpty(), "the sample models are in the checkout");
		return names;
	}

	@Test
	void aModelInputOffersTheBundledAndInstalledModelsItsDefaultAndAChooser() throws Exception {
		final FaigCommand m = initialized(ComputeFiltersCommand.class);
		for (final String input : new String[] { "baseline_model", "target_model" }) {
			final List<?> c = choices(m, input);
			assertTrue(c.containsAll(shipped("model.json")), input + ": " + c);
			assertTrue(c.contains("my-installed-model"), input + ": " + c);
			assertFalse(c.contains("my-installed-sets"), input + ": " + c);
			assertFalse(c.contains("filter-sets-msrresnet-x2"), input + ": " + c);
			assertEquals(FaigCommand.OTHER_MODEL, c.get(c.size() - 1), input + ": " + c);
		}
		assertTrue(choices(m, "baseline_model").contains("msrresnet-x2-baseline"));
		assertEquals("msrresnet-x2-baseline", m.getInput("baseline_model"), "the default stays selected");
		assertEquals("msrresnet-x2-target", m.getInput("target_model"));
		// the other inputs' declared choices are left as they were
		assertEquals(Arrays.asList("gauss-legendre", "riemann", "trapezoid"), choices(m, "quadrature"));
	}

	@Test
	void aFilterSetInputOffersTheBundledAndInstalledFilterSets() throws Exception {
		for (final Class<? extends FaigCommand> c : List.of(PredictDegradationCommand.class,
			DegradationMapCommand.class))
		{
			final FaigCommand m = initialized(c);
			final List<?> sets = choices(m, "filter_sets");
			assertTrue(sets.containsAll(shipped("blur_index.txt")), sets.toString());
			assertTrue(sets.contains("my-installed-sets"), sets.toString());
			assertFalse(sets.contains("my-installed-model"), sets.toString());
			assertEquals(PredictionModels.DEFAULT_FILTER_SETS, m.getInput("filter_sets"));
			assertEquals(FaigCommand.OTHER_FILTER_SETS, sets.get(sets.size() - 1));
		}
	}

	@Test
	void anOptionalModelInputKeepsNotGivenAsItsFirstChoice() throws Exception {
		final FaigCommand m = initialized(CalibrateThresholdsCommand.class);
		assertEquals("", choices(m, "baseline_model").get(0));
		assertTrue(choices(m, "target_model").contains("my-installed-model"));
		assertEquals("", initialized(TrainModelCommand.class).getInfo().getInput("init_model").getChoices().get(0));
	}

	@Test
	void theChooserEntryPutsThePickedFolderInTheListAndTheValue(@TempDir final Path dir) throws Exception {
		final FaigCommand m = initialized(BlindSuperResolutionCommand.class);
		final File picked = dir.resolve("my model").toFile();
		final List<String> styles = new ArrayList<>();
		m.chooser = (title, start, style) -> {
			styles.add(style);
			return picked;
		};
		final ModuleItem<?> model = m.getInfo().getInput("model");
		m.setInput("model", FaigCommand.OTHER_MODEL);
		model.callback(m); // what the dialog does when the value changes
		assertEquals(picked.getPath(), m.getInput("model"));
		assertEquals(picked.getPath(), model.getChoices().get(0), "first: the choice widget selects it when rebuilt");
		assertEquals(List.of(FileWidget.FILE_AND_DIRECTORY_STYLE), styles, "a package is a folder or a .zip");

		// cancelling the chooser restores what was chosen before
		m.chooser = (title, start, style) -> null;
		m.setInput("model", "srcnn-x2-target");
		model.callback(m);
		m.setInput("model", FaigCommand.OTHER_MODEL);
		model.callback(m);
		assertEquals("srcnn-x2-target", m.getInput("model"));

		final FaigCommand p = initialized(PredictDegradationCommand.class);
		p.chooser = (title, start, style) -> {
			styles.add(style);
			return dir.toFile();
		};
		p.setInput("filter_sets", FaigCommand.OTHER_FILTER_SETS);
		p.getInfo().getInput("filter_sets").callback(p);
		assertEquals(dir.toString(), p.getInput("filter_sets"));
		assertEquals(FileWidget.DIRECTORY_STYLE, styles.get(styles.size() - 1), "filter sets are a folder");
	}

	@Test
	void aPathThatIsNotAmongTheChoicesStillRuns(@TempDir final Path dir) throws Exception {
		final File pkg = dir.resolve("elsewhere").toFile();
		ModelImporter.importModel(Fixtures.file("msrresnet_x2.pth"), null, null, "tiny", "target", "CC0-1.0").write(pkg);
		final ImagePlus imp = new ImagePlus("lr", new ByteProcessor(20, 16));

		// a macro preprocessor may set the value after the choices were made: the run takes it all the same
		final FaigCommand m = initialized(BlindSuperResolutionCommand.class);
		m.setInput("image", imp);
		m.setInput("model", pkg.getPath());
		assertFalse(choices(m, "model").contains(pkg.getPath()));
		context.service(ModuleService.class).run(m, false, Map.of()).get(120, TimeUnit.SECONDS);
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertNotNull(m.getOutput("super_resolved"));

		// and as a headless line gives it, installed names included
		for (final String model : new String[] { pkg.getPath(), "my-installed-model" }) {
			final FaigCommand r = run(BlindSuperResolutionCommand.class, "image", imp, "model", model);
			assertFalse(r.isCanceled(), r.getCancelReason());
			assertEquals(40, ((ImagePlus) r.getOutput("super_resolved")).getWidth());
		}

		// a name that is neither bundled nor a path is refused as before, naming what is bundled
		final FaigCommand bad = run(BlindSuperResolutionCommand.class, "image", imp, "model", "no-such-model");
		assertTrue(bad.isCanceled());
		assertTrue(bad.getCancelReason().contains("model 'no-such-model' is neither an existing file or folder nor a " +
			"bundled name") && bad.getCancelReason().contains("my-installed-model"), bad.getCancelReason());
	}

	@Test
	void theChooserEntryGivenByAMacroIsRefusedClearly() throws Exception {
		final FaigCommand m = run(BlindSuperResolutionCommand.class, "image", new ImagePlus("lr", new ByteProcessor(8,
			8)), "model", FaigCommand.OTHER_MODEL);
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().contains("model '" + FaigCommand.OTHER_MODEL + "' is the dialog's chooser entry"),
			m.getCancelReason());
	}
}
