package io.github.faig.command;

import io.github.faig.ij.PackageChoices;

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
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Cancelable;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;
import org.scijava.module.Module;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import io.github.faig.SciJavaTest;
import io.github.faig.nn.Fixtures;
import io.github.faig.nn.io.CheckpointConverter;
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
		CheckpointConverter.importModel(Fixtures.file("msrresnet_x2.pth"), null, null, "tiny", "target", "CC0-1.0").write(
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

	/** The list a dialog shows for {@code input} of command {@code c}, around the input's default. */
	private static PackageChoices dialog(final Class<? extends FaigCommand> c, final String input) {
		final ModuleItem<?> item = context.service(CommandService.class).getCommand(c).getInput(input);
		return new PackageChoices(item, item.getDefaultValue());
	}

	private static List<String> choices(final Class<? extends FaigCommand> c, final String input) {
		return dialog(c, input).choices();
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
		for (final String input : new String[] { "baseline_model", "target_model" }) {
			final List<?> c = choices(ComputeFiltersCommand.class, input);
			assertTrue(c.containsAll(shipped("model.json")), input + ": " + c);
			assertTrue(c.contains("my-installed-model"), input + ": " + c);
			assertFalse(c.contains("my-installed-sets"), input + ": " + c);
			assertFalse(c.contains("filter-sets-msrresnet-x2"), input + ": " + c);
			assertEquals(FaigCommand.OTHER_MODEL, c.get(c.size() - 1), input + ": " + c);
		}
		assertTrue(choices(ComputeFiltersCommand.class, "baseline_model").contains("msrresnet-x2-baseline"));
		assertEquals("msrresnet-x2-baseline", dialog(ComputeFiltersCommand.class, "baseline_model").selected(),
			"the default stays selected");
		assertEquals("msrresnet-x2-target", dialog(ComputeFiltersCommand.class, "target_model").selected());
		// the other inputs' declared choices are left as they were
		assertEquals(Arrays.asList("gauss-legendre", "riemann", "trapezoid"), context.service(CommandService.class)
			.getCommand(ComputeFiltersCommand.class).getInput("quadrature").getChoices());
	}

	@Test
	void aFilterSetInputOffersTheBundledAndInstalledFilterSets() throws Exception {
		for (final Class<? extends FaigCommand> c : List.of(PredictDegradationCommand.class,
			DegradationMapCommand.class))
		{
			final List<?> sets = choices(c, "filter_sets");
			assertTrue(sets.containsAll(shipped("blur_index.txt")), sets.toString());
			assertTrue(sets.contains("my-installed-sets"), sets.toString());
			assertFalse(sets.contains("my-installed-model"), sets.toString());
			assertEquals(PredictionModels.DEFAULT_FILTER_SETS, dialog(c, "filter_sets").selected());
			assertEquals(FaigCommand.OTHER_FILTER_SETS, sets.get(sets.size() - 1));
		}
	}

	@Test
	void anOptionalModelInputKeepsNotGivenAsItsFirstChoice() throws Exception {
		assertEquals("", choices(CalibrateThresholdsCommand.class, "baseline_model").get(0));
		assertEquals("", dialog(CalibrateThresholdsCommand.class, "baseline_model").selected());
		assertTrue(choices(CalibrateThresholdsCommand.class, "target_model").contains("my-installed-model"));
		assertEquals("", choices(TrainModelCommand.class, "init_model").get(0));
	}

	@Test
	void aRememberedPathHeadsTheListOnce(@TempDir final Path dir) {
		final ModuleItem<?> item = context.service(CommandService.class).getCommand(BlindSuperResolutionCommand.class)
			.getInput("model");
		final PackageChoices c = new PackageChoices(item, dir.toString());
		assertEquals(dir.toString(), c.choices().get(0));
		assertEquals(dir.toString(), c.selected());
		assertEquals(1, c.choices().stream().filter(dir.toString()::equals).count());
		// a remembered bundled name is selected where it is, not listed twice
		final PackageChoices b = new PackageChoices(item, "srcnn-x2-target");
		assertEquals("srcnn-x2-target", b.selected());
		assertEquals(1, b.choices().stream().filter("srcnn-x2-target"::equals).count());
	}

	@Test
	void theChooserEntryPutsThePickedFolderInTheListAndTheValue(@TempDir final Path dir) throws Exception {
		final PackageChoices m = dialog(BlindSuperResolutionCommand.class, "model");
		final File picked = dir.resolve("my model").toFile();
		final List<String> styles = new ArrayList<>();
		assertEquals(picked.getPath(), m.pick(FaigCommand.OTHER_MODEL, (title, start, style) -> {
			styles.add(style);
			return picked;
		}));
		assertEquals(picked.getPath(), m.selected());
		assertEquals(picked.getPath(), m.choices().get(0), "first, where the user looks");
		assertEquals(FaigCommand.OTHER_MODEL, m.choices().get(m.choices().size() - 1));
		assertEquals(List.of(FileWidget.FILE_AND_DIRECTORY_STYLE), styles, "a package is a folder or a .zip");

		// cancelling the chooser keeps what was chosen before
		assertEquals("srcnn-x2-target", m.pick("srcnn-x2-target", (title, start, style) -> null));
		assertEquals("srcnn-x2-target", m.pick(FaigCommand.OTHER_MODEL, (title, start, style) -> null));
		assertEquals("srcnn-x2-target", m.selected());

		// Fiji's file dialog picks files only: a package's model.json stands for its folder
		final File pkg = dir.resolve("pkg").toFile();
		CheckpointConverter.importModel(Fixtures.file("msrresnet_x2.pth"), null, null, "tiny", "target", "CC0-1.0").write(pkg);
		assertEquals(pkg.getPath(), m.pick(FaigCommand.OTHER_MODEL, (title, start, style) -> new File(pkg,
			"model.json")));

		final PackageChoices p = dialog(PredictDegradationCommand.class, "filter_sets");
		assertEquals(dir.toString(), p.pick(FaigCommand.OTHER_FILTER_SETS, (title, start, style) -> {
			styles.add(style);
			return dir.toFile();
		}));
		assertEquals(FileWidget.DIRECTORY_STYLE, styles.get(styles.size() - 1), "filter sets are a folder");
	}

	@Test
	void aPathThatIsNotAmongTheChoicesStillRuns(@TempDir final Path dir) throws Exception {
		final File pkg = dir.resolve("elsewhere").toFile();
		CheckpointConverter.importModel(Fixtures.file("msrresnet_x2.pth"), null, null, "tiny", "target", "CC0-1.0").write(pkg);
		final ImagePlus imp = new ImagePlus("lr", new ByteProcessor(20, 16));

		// the list only helps the dialog: a script's run takes a path that is not among its choices
		assertFalse(choices(BlindSuperResolutionCommand.class, "model").contains(pkg.getPath()));
		final Module m = context.service(CommandService.class).run(BlindSuperResolutionCommand.class, false, "image",
			imp, "model", pkg.getPath()).get(120, TimeUnit.SECONDS);
		assertFalse(((Cancelable) m).isCanceled(), ((Cancelable) m).getCancelReason());
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
