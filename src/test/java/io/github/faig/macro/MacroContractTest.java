package io.github.faig.macro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.ItemIO;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.convert.ConvertService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.service.Service;

import ij.ImagePlus;
import ij.Macro;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import io.github.faig.SciJavaTest;
import io.github.faig.command.FaigCommand;
import io.github.faig.command.SynthesizeDegradationsCommand;
import io.github.faig.ij.ImageFiles;

/**
 * Every {@code run("FAIG …", "…")} line of {@code macros/} and of the README names a real command, only real input
 * names, and values that convert to the inputs' types; parameter names cannot be confused by IJ1's option matching.
 */
class MacroContractTest extends SciJavaTest {

	private static final Pattern RUN = Pattern.compile("run\\(\\s*\"(FAIG [^\"]+)\"\\s*,\\s*(.+?)\\)\\s*;");
	private static final Pattern KEY = Pattern.compile("(?<![A-Za-z0-9_])([a-z][a-z0-9_]*)=");

	static List<CommandInfo> faigCommands() {
		final List<CommandInfo> out = new ArrayList<>();
		for (final CommandInfo i : context.service(CommandService.class).getCommands()) {
			if (i.getClassName().startsWith("io.github.faig.command.")) out.add(i);
		}
		return out;
	}

	static CommandInfo byLabel(final String label) {
		for (final CommandInfo i : faigCommands()) if (label.equals(i.getLabel())) return i;
		return null;
	}

	static List<ModuleItem<?>> userInputs(final CommandInfo info) {
		final List<ModuleItem<?>> out = new ArrayList<>();
		for (final ModuleItem<?> i : info.inputs()) {
			if (Service.class.isAssignableFrom(i.getType()) || Context.class.isAssignableFrom(i.getType())) continue;
			out.add(i);
		}
		return out;
	}

	/** The option string of a macro's run() call, with every non-literal part of a concatenation replaced by "1". */
	static String literalOptions(final String expr) {
		final StringBuilder s = new StringBuilder();
		boolean inString = false;
		final StringBuilder part = new StringBuilder();
		for (int i = 0; i < expr.length(); i++) {
			final char c = expr.charAt(i);
			if (c == '"') {
				inString = !inString;
				continue;
			}
			if (inString) {
				s.append(c);
				continue;
			}
			if (c == '+') {
				if (part.toString().trim().length() > 0) s.append('1');
				part.setLength(0);
			}
			else part.append(c);
		}
		if (part.toString().trim().length() > 0) s.append('1');
		return s.toString();
	}

	/** {label, options, source} of every FAIG run() line. */
	static List<String[]> macroLines() throws Exception {
		final List<String[]> out = new ArrayList<>();
		final File root = new File(System.getProperty("user.dir"));
		final List<File> files = new ArrayList<>();
		final File[] macros = new File(root, "macros").listFiles((d, n) -> n.endsWith(".ijm"));
		assertNotNull(macros, "no macros folder");
		files.addAll(List.of(macros));
		files.add(new File(root, "README.md"));
		for (final File f : files) {
			int lineNo = 0;
			for (final String line : Files.readAllLines(f.toPath())) {
				lineNo++;
				final Matcher m = RUN.matcher(line);
				while (m.find()) out.add(new String[] { m.group(1), literalOptions(m.group(2)), f.getName() + ":" + lineNo });
			}
		}
		return out;
	}

	@Test
	void everyMacroLineNamesARealCommandAndRealInputs() throws Exception {
		final List<String[]> lines = macroLines();
		assertTrue(lines.size() >= 10, "expected macro lines in macros/ and the README, found " + lines.size());
		final ConvertService convert = context.service(ConvertService.class);
		final List<String> labels = new ArrayList<>();
		for (final String[] l : lines) {
			final CommandInfo info = byLabel(l[0]);
			assertNotNull(info, l[2] + ": no command labelled '" + l[0] + "'");
			labels.add(l[0]);
			final Matcher k = KEY.matcher(l[1]);
			int keys = 0;
			while (k.find()) {
				final String key = k.group(1);
				final ModuleItem<?> item = info.getInput(key);
				assertNotNull(item, l[2] + ": '" + l[0] + "' has no input '" + key + "'");
				assertTrue(userInputs(info).contains(item), l[2] + ": " + key + " is not a user input");
				final String value = Macro.getValue(l[1] + " ", key, null);
				assertNotNull(value, l[2] + ": no value for " + key);
				assertTrue(convert.supports(value, item.getType()), l[2] + ": '" + value + "' does not convert to " + item
					.getType().getSimpleName() + " for " + key);
				if (item.getChoices() != null && !item.getChoices().isEmpty() && !value.equals("1")) {
					assertTrue(item.getChoices().contains(value), l[2] + ": " + key + "=" + value + " is not one of " + item
						.getChoices());
				}
				keys++;
			}
			assertTrue(keys > 0, l[2] + ": no key=value options in " + l[1]);
		}
		// Every command appears at least once.
		for (final CommandInfo i : faigCommands()) {
			assertTrue(labels.contains(i.getLabel()), "no macro line for " + i.getLabel());
		}
	}

	@Test
	void parameterNamesCannotBeConfusedByMacroMatching() {
		for (final CommandInfo info : faigCommands()) {
			final List<String> names = new ArrayList<>();
			for (final ModuleItem<?> i : userInputs(info)) names.add(i.getName());
			for (final String a : names) {
				assertEquals(a.toLowerCase(Locale.ROOT), a, info.getLabel() + ": " + a + " is not lower case");
				for (final String b : names) {
					if (a.equals(b)) continue;
					// Macro.getValue finds "a=" anywhere it is not preceded by a letter.
					final int at = (b + "=").indexOf(a + "=");
					assertFalse(at > 0 && !Character.isLetter(b.charAt(at - 1)), info.getLabel() + ": '" + a +
						"' would also match inside '" + b + "'");
				}
			}
		}
	}

	/**
	 * A dialog remembers every value a user types (persisted), but not images, section headers or the script-only
	 * inputs it never shows; macro lines do not read remembered values (InputsPreprocessorTest).
	 */
	@Test
	void everyDialogInputIsPersisted() throws Exception {
		for (final CommandInfo info : faigCommands()) {
			final FaigCommand c = (FaigCommand) info.loadClass().getDeclaredConstructor().newInstance();
			for (final ModuleItem<?> i : userInputs(info)) {
				final boolean shown = i.getVisibility() != org.scijava.ItemVisibility.MESSAGE && !ImagePlus.class.equals(i
					.getType()) && !c.scriptOnlyInputs().contains(i.getName());
				assertEquals(shown, i.isPersisted(), info.getLabel() + ": " + i.getName() + " persisted?");
			}
			assertTrue(info.getMenuPath().toString().contains("FAIG"), info.getLabel() + " menu " + info.getMenuPath());
			assertTrue(info.canRunHeadless(), info.getLabel() + " must run headless");
		}
	}

	/** Every macro skips exactly the files the commands do not read: its isImageFile lists the commands' kinds. */
	@Test
	void macrosTakeTheImageFilesTheCommandsRead() throws Exception {
		final List<String> kinds = List.of("tif", "tiff", "png", "jpg", "jpeg", "bmp", "gif");
		for (final String k : kinds) assertTrue(ImageFiles.isImageName("a." + k), k);
		assertFalse(ImageFiles.isImageName("a.txt"));
		final File[] macros = new File(System.getProperty("user.dir"), "macros").listFiles((d, n) -> n.endsWith(
			".ijm"));
		assertNotNull(macros);
		for (final File f : macros) {
			final String text = Files.readString(f.toPath());
			final Matcher fn = Pattern.compile("function isImageFile\\(name\\) \\{(.*?)\\n\\}", Pattern.DOTALL)
				.matcher(text);
			assertTrue(fn.find(), f.getName() + " has no isImageFile");
			final List<String> listed = new ArrayList<>();
			final Matcher ext = Pattern.compile("endsWith\\(lower, \"\\.([a-z]+)\"\\)").matcher(fn.group(1));
			while (ext.find()) listed.add(ext.group(1));
			assertEquals(new java.util.TreeSet<>(kinds), new java.util.TreeSet<>(listed), f.getName());
		}
	}

	/**
	 * The predict macro counts the rows of the failures file, which the command writes on every folder run (a header
	 * only when none failed): its existence says nothing.
	 */
	@Test
	void thePredictMacroCountsFailedRows() throws Exception {
		final String text = Files.readString(new File(System.getProperty("user.dir"),
			"macros/faig_predict_folder.ijm").toPath());
		assertFalse(text.contains("wroteSince(output, \"predictions_failed.csv\""), "the file is always written");
		assertTrue(text.contains("csvRows(output + \"predictions_failed.csv\")"));
	}

	/** The Script Editor templates call real command classes with real input names. */
	@Test
	void scriptTemplatesNameRealCommandsAndInputs() throws Exception {
		// process=false: no pre/postprocessing, so no dialog, no filled-in image, no result windows
		final Pattern call = Pattern.compile(
			"modules\\.run\\(command\\.getCommand\\(\"([\\w.]+)\"\\),\\s*(?:false|False),\\s*([^)]*)\\)");
		final Pattern key = Pattern.compile("\"([a-z_]+)\"\\s*,");
		int calls = 0;
		for (final String t : new String[] { "Batch_Predict_Degradation.groovy", "Batch_Super_Resolution.py" }) {
			final InputStream in = getClass().getResourceAsStream("/script_templates/FAIG/" + t);
			assertNotNull(in, "template " + t + " is not in the jar's resources");
			final String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\n", " ");
			final Matcher m = call.matcher(text);
			while (m.find()) {
				final CommandInfo info = context.service(CommandService.class).getCommand(m.group(1));
				assertNotNull(info, t + ": no command class " + m.group(1));
				final Matcher k = key.matcher(m.group(2));
				while (k.find()) assertNotNull(info.getInput(k.group(1)), t + ": no input " + k.group(1));
				calls++;
			}
		}
		assertEquals(2, calls);
	}

	/** What the templates do: a command run with process=false still gets its services and does its work. */
	@Test
	void aCommandRunsWithoutPreprocessingAsTheTemplatesRunIt() throws Exception {
		final File dir = Files.createTempDirectory("faig-template").toFile();
		final File in = new File(dir, "lr.png");
		ImageFiles.save(new ImagePlus("lr", new ColorProcessor(24, 24)), in);
		ActiveImagePreprocessor.active = new ImagePlus("open", new ByteProcessor(64, 64));
		try {
			// the templates' own call
			final Module m = context.service(ModuleService.class).run(context
				.service(CommandService.class).getCommand("io.github.faig.command.BlindSuperResolutionCommand"), false,
				"input_file", in, "model", "srcnn-x2-target", "output_dir", dir).get();
			assertFalse(((FaigCommand) m).isCanceled(), ((FaigCommand) m).getCancelReason());
			assertEquals(null, m.getInput("image"), "no preprocessor ran");
			assertTrue(new File(dir, "lr_x2_srcnn-x2-target.png").isFile());
		}
		finally {
			ActiveImagePreprocessor.active = null;
		}
	}

	/** A macro line runs through the command with inputs filled as imagej-legacy fills them. */
	@Test
	void aMacroLineRunsLikeInFiji() throws Exception {
		final File dir = Files.createTempDirectory("faig-macro").toFile();
		final File in = new File(dir, "a.png");
		ImageFiles.save(new ImagePlus("a", new ColorProcessor(20, 20)), in);
		MacroOptionsPreprocessor.options = ("input_file=[" + in + "] blur_sigma=1.5 noise_sigma=0 with_noise=false " +
			"output_dir=[" + dir + "]");
		try {
			final FaigCommand m = FaigCommand.run(context, SynthesizeDegradationsCommand.class);
			assertFalse(m.isCanceled(), m.getCancelReason());
			assertEquals(1.5, (Double) m.getInput("blur_sigma"), 0);
			assertEquals(false, m.getInput("with_noise"));
			assertEquals(3, ((ImagePlus) m.getOutput("degraded")).getStackSize());
			assertTrue(new File(dir, "a_parameters.csv").isFile());
		}
		finally {
			MacroOptionsPreprocessor.options = null;
		}
		assertEquals(ItemIO.OUTPUT, byLabel("FAIG Synthesize Degradations").getOutput("degraded").getIOType());
	}
}
