package io.github.faig.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Fiji GUI under Xvfb, driven with xdotool as a user would: every command's dialog opens from the menu bar
 * (F10, then the arrow keys to Plugins › FAIG › the command) on the open image, is photographed into
 * target/fiji-screenshots/, and Esc cancels it: a cancelled dialog makes no image and records no values. Then
 * Synthesize Degradations runs from the menu through its dialog (OK) with the macro recorder open; the recorded line,
 * replayed as a macro on the same image, makes the same pixels. Helper macros on function keys (installed from the
 * test's own file) report the menu layout, the recorder's text, and save the images; they never open a dialog.
 */
@ExtendWith(FijiGiven.class)
class GuiIT {

	/** The items of Plugins › FAIG (./faig --list), About included, and the window each opens (null: its label). */
	static final List<String[]> COMMANDS = List.of(new String[] { "FAIG Synthesize Degradations", null },
		new String[] { "FAIG Blind Super-Resolution", null }, new String[] { "FAIG Compute Filters", null },
		new String[] { "FAIG Mask Filters", null }, new String[] { "FAIG Masking Experiment", null },
		new String[] { "FAIG Calibrate Thresholds", null }, new String[] { "FAIG Predict Degradation", null },
		new String[] { "FAIG Degradation Map", null }, new String[] { "FAIG Degradation Representations", null },
		new String[] { "FAIG Train Model", null }, new String[] { "FAIG Import Model", null },
		new String[] { "About FAIG for Fiji", "About FAIG.*|FAIG About.*" });

	static final Duration WINDOW = Duration.ofSeconds(90);

	@Test
	void dialogsMenuCancelAndRecorder() throws Exception {
		final Path shots = Fiji.artifacts("fiji-screenshots");
		final Fiji.App app = Fiji.copy("gui");
		Process fiji = null;
		try (Display display = Display.start()) {
			Install.fromSite(app);
			probeJar(app.dir.resolve("jars/faig-suite-probe.jar"));
			final Path dir = Files.createDirectories(app.root.resolve("gui"));
			Inputs.crop("building.png", 100, 60, 96, dir.resolve("a.png"));
			final List<String> labels = new ArrayList<>();
			for (final String[] c : COMMANDS)
				labels.add(c[0]);
			assertEquals(new TreeSet<>(Faig.commands().values()), new TreeSet<>(labels), "the menu items of ./faig --list");
			Files.writeString(dir.resolve("labels.txt"), String.join("\n", labels));
			Files.writeString(dir.resolve("setup.ijm"), SETUP);
			Files.writeString(dir.resolve("helpers.ijm"), HELPERS.replace("{dir}", dir + "/"));
			final ProcessBuilder pb = app.builder(dir, true, List.of("-macro", dir.resolve("setup.ijm").toString(),
				dir + "/"));
			pb.environment().put("DISPLAY", display.name);
			final Path log = Fiji.artifacts("fiji-it-logs").resolve(app.name);
			Files.createDirectories(log);
			pb.redirectOutput(log.resolve("gui.out").toFile()).redirectError(log.resolve("gui.err").toFile());
			fiji = pb.start();
			awaitFile(dir.resolve("started"), Duration.ofMinutes(3), fiji);
			final String main = display.await(MAIN_WINDOW, WINDOW);
			Thread.sleep(1500);
			display.screenshot("root", shots.resolve("00-fiji-with-image-and-recorder.png"));

			// the menu path of every command, from Fiji's own menu bar (helper macro on F5)
			press(display, main, "F5");
			awaitFile(dir.resolve("menu-paths.txt"), Duration.ofMinutes(1), fiji);
			final List<String> paths = Files.readAllLines(dir.resolve("menu-paths.txt"));
			assertEquals(labels.size(), paths.size(), "menu paths: " + paths);

			// every dialog opens from Plugins › FAIG; a screenshot of each; Esc cancels it
			for (int i = 0; i < COMMANDS.size(); i++) {
				final String label = COMMANDS.get(i)[0];
				final String title = COMMANDS.get(i)[1] != null ? COMMANDS.get(i)[1] : "^" + label + "$";
				fromMenu(display, main, paths.get(i), i == 0 ? shots.resolve("01-menu-plugins-faig.png") : null);
				final String id = display.await(title, WINDOW);
				Thread.sleep(1000); // let the dialog paint
				display.screenshot(id, shots.resolve(String.format("%02d-%s.png", i + 2, slug(label))));
				focusDialog(display, id);
				if (COMMANDS.get(i)[1] == null) {
					display.keys("Escape");
					display.awaitGone(title, Duration.ofSeconds(30));
				}
				else { // About's text window: no Cancel; Ctrl+W closes a text window, else it stays open (harmless)
					display.keys("ctrl+w");
				}
			}
			// a cancelled dialog makes no image and records nothing (helper macro on F6)
			press(display, main, "F6");
			awaitFile(dir.resolve("state.txt"), Duration.ofMinutes(1), fiji);
			final String state = Files.readString(dir.resolve("state.txt"));
			assertTrue(state.startsWith("images=1\n"), "a cancelled dialog makes no image: " + state);
			// ImageJ records a cancelled dialog's bare command (its own Find Maxima... too), never its values
			assertFalse(state.contains("run(\"FAIG") && state.matches("(?s).*run\\(\"FAIG[^\"]*\", .*"),
				"a cancelled dialog records no values:\n" + state);

			// Synthesize Degradations from the menu through its dialog (OK)
			final String label = "FAIG Synthesize Degradations";
			fromMenu(display, main, paths.get(0), null);
			final String id = display.await("^" + label + "$", WINDOW);
			Thread.sleep(1000);
			display.screenshot(id, shots.resolve("20-menu-run-dialog.png"));
			focusDialog(display, id);
			display.keys("Return"); // OK, the default button
			display.awaitGone("^" + label + "$", Duration.ofSeconds(30));
			press(display, main, "F7"); // waits for the results, saves them and the recorder's text
			awaitFile(dir.resolve("saved.txt"), Duration.ofMinutes(4), fiji);
			display.screenshot("root", shots.resolve("21-menu-run-result.png"));
			press(display, main, "F8"); // closes them and replays the recorded line on the same image
			final long end = System.nanoTime() + Duration.ofMinutes(4).toNanos();
			while (!Files.exists(dir.resolve("replayed.txt"))) { // a recorded line runs without asking anything
				final List<String> asked = display.windows("^" + label + "$");
				if (!asked.isEmpty()) {
					display.screenshot(asked.get(0), shots.resolve("22-replay-asked.png"));
					fail("replaying the recorded line opened the dialog (target/fiji-screenshots/22-replay-asked.png): " +
						Files.readString(dir.resolve("recorded-line.txt")));
				}
				if (!fiji.isAlive() || System.nanoTime() > end) fail("the replay did not finish");
				Thread.sleep(300);
			}
			display.screenshot("root", shots.resolve("22-replayed-line-result.png"));

			// the recorder's line, replayed, gives the same images
			final String line = Files.readString(dir.resolve("recorded-line.txt")).trim();
			assertTrue(line.startsWith("run(\"" + label + "\", \""), "recorded: " + line + "\nrecorder:\n" +
				Files.readString(dir.resolve("recorder.txt")));
			assertFalse(line.contains("img=") || line.contains("headless"), "script-only inputs recorded: " + line);
			final List<Path> made = list(dir, "menu-");
			final List<Path> replayed = list(dir, "replay-");
			assertFalse(made.isEmpty(), "the menu run made no image");
			assertEquals(made.size(), replayed.size(), "images from the menu run and from the replayed line");
			for (int i = 0; i < made.size(); i++)
				Outputs.assertSameImage("replayed " + line, made.get(i), replayed.get(i));
			final String err = Files.readString(log.resolve("gui.err")) + Files.readString(log.resolve("gui.out"));
			assertFalse(err.contains("Ignoring unsupported output"), "Fiji logged an unsupported output:\n" + err);
		}
		finally {
			if (fiji != null) Fiji.kill(fiji);
			Fiji.checkGivenUnchanged();
			if (!Fiji.keep()) Fiji.deleteTree(app.root);
		}
	}

	/** IJ1's main window (its name differs between ImageJ and Fiji builds). */
	static final String MAIN_WINDOW = "^(ImageJ|Fiji|\\(Fiji Is Just\\) ImageJ)( .*)?$";

	/** A key for an installed helper macro, given to the main window as a user would press it. */
	static void press(final Display display, final String main, final String key) throws Exception {
		focusMain(display, main);
		display.keys(key);
	}

	/** A dialog takes the keyboard focus from a click on its empty bottom-left corner (beside the buttons). */
	static void focusDialog(final Display display, final String id) throws Exception {
		display.focus(id);
		display.clickNearBottom(id, 8, 8);
	}

	/** The main window's status bar takes a click (not its search field): keys then go to ImageJ itself. */
	static void focusMain(final Display display, final String main) throws Exception {
		display.focus(main);
		display.clickNearBottom(main, 0.5, 12); // the middle of the status bar: the progress bar, not the search field
	}

	/**
	 * Opens a command from the menu bar by keyboard, as a user may: F10 opens the first menu, Left moves to Plugins,
	 * Down to FAIG, Right opens it, Down to the command, Return. PATH is SuiteProbe.menuPath's "M K S J".
	 */
	static void fromMenu(final Display display, final String main, final String path, final Path shot)
		throws Exception
	{
		final String[] p = path.trim().split(" ");
		assertEquals(4, p.length, "menu path: " + path);
		focusMain(display, main);
		display.keys("F10");
		for (int k = 0; k < Integer.parseInt(p[1]); k++)
			display.keys("Left");
		for (int k = 0; k < Integer.parseInt(p[2]); k++)
			display.keys("Down");
		display.keys("Right");
		for (int k = 0; k < Integer.parseInt(p[3]); k++)
			display.keys("Down");
		Thread.sleep(400);
		if (shot != null) display.screenshot("root", shot);
		display.keys("Return");
	}

	/** Fiji's startup macro: the recorder and the image open, the helper macros installed; then the UI is the user's. */
	static final String SETUP = String.join("\n",
		"dir = getArgument();",
		"run(\"Record...\");",
		"open(dir + \"a.png\");",
		"run(\"Install...\", \"install=[\" + dir + \"helpers.ijm]\");",
		"File.saveString(\"ok\", dir + \"started\");",
		"");

	/**
	 * Helper macros on function keys (Plugins › Macros › Install…), each quick: F5 writes the menu path of every
	 * command, F6 the open images and the recorder's text, F7 waits for the menu run's images and saves them with the
	 * recorder's text, F8 closes them and replays the recorded line on the same image, saving what it makes.
	 */
	static final String HELPERS = String.join("\n",
		"var dir = \"{dir}\";",
		"macro \"FAIG suite menu paths [F5]\" {",
		"  labels = split(File.openAsString(dir + \"labels.txt\"), \"\\n\"); s = \"\";",
		"  for (i = 0; i < labels.length; i++) s = s + call(\"io.github.faig.fiji.SuiteProbe.menuPath\", \"FAIG\", labels[i]) + \"\\n\";",
		"  File.saveString(s, dir + \"menu-paths.txt\");",
		"}",
		"macro \"FAIG suite state [F6]\" {",
		"  if (isOpen(\"About FAIG for Fiji\")) { selectWindow(\"About FAIG for Fiji\"); run(\"Close\"); }",
		"  File.saveString(\"images=\" + nImages + \"\\n\" + call(\"io.github.faig.fiji.SuiteProbe.recorderText\"), dir + \"state.txt\");",
		"}",
		"macro \"FAIG suite save [F7]\" {",
		"  t = getTime(); while (nImages < 2 && getTime() - t < 200000) wait(200);",
		"  wait(2000);",
		"  rec = call(\"io.github.faig.fiji.SuiteProbe.recorderText\");",
		"  File.saveString(rec, dir + \"recorder.txt\");",
		"  lines = split(rec, \"\\n\"); line = \"\";",
		"  for (k = 0; k < lines.length; k++) if (startsWith(lines[k], \"run(\\\"FAIG Synthesize Degradations\\\", \")) line = lines[k];",
		"  File.saveString(line, dir + \"recorded-line.txt\");",
		"  saveOthers(\"menu-\");",
		"  File.saveString(\"ok\", dir + \"saved.txt\");",
		"}",
		"macro \"FAIG suite replay [F8]\" {",
		"  closeOthers();",
		"  line = File.openAsString(dir + \"recorded-line.txt\");",
		"  selectImage(\"a.png\");",
		"  if (line != \"\") eval(line);",
		"  t = getTime(); while (nImages < 2 && getTime() - t < 200000) wait(200);",
		"  saveOthers(\"replay-\");",
		"  File.saveString(\"ok\", dir + \"replayed.txt\");",
		"}",
		"function saveOthers(prefix) {",
		"  n = 0; ids = newArray(nImages);",
		"  for (j = 1; j <= nImages; j++) { selectImage(j); ids[j - 1] = getImageID(); }",
		"  for (j = 0; j < ids.length; j++) { selectImage(ids[j]); if (getTitle() != \"a.png\") { n++; saveAs(\"Tiff\", dir + prefix + n + \".tif\"); } }",
		"}",
		"function closeOthers() {",
		"  for (j = nImages; j >= 1; j--) { selectImage(j); if (getTitle() != \"a.png\") close(); }",
		"}",
		"");

	/** A jar holding only SuiteProbe, from the test classes. */
	static void probeJar(final Path jar) throws IOException {
		final String entry = SuiteProbe.class.getName().replace('.', '/') + ".class";
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
			var in = SuiteProbe.class.getClassLoader().getResourceAsStream(entry))
		{
			out.putNextEntry(new JarEntry(entry));
			in.transferTo(out);
			out.closeEntry();
		}
	}

	static void awaitFile(final Path f, final Duration timeout, final Process fiji) throws Exception {
		final long end = System.nanoTime() + timeout.toNanos();
		while (!Files.exists(f)) {
			if (!fiji.isAlive()) fail("Fiji ended (exit " + fiji.exitValue() + ") before " + f.getFileName());
			if (System.nanoTime() > end) fail("Fiji's macro did not reach " + f.getFileName() + " within " + timeout
				.toSeconds() + " s");
			Thread.sleep(200);
		}
	}

	static List<Path> list(final Path dir, final String prefix) throws IOException {
		try (var s = Files.list(dir)) {
			return s.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".tif"))
				.sorted().toList();
		}
	}

	static String slug(final String label) {
		return label.replaceFirst("^FAIG ", "").replaceAll("\\W+", "-").toLowerCase();
	}
}
