package io.github.faig.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * IJ1 macros in batch mode ({@code fiji --headless -batch macro.ijm 'args'}) in a Fiji that installed the plugin
 * from its update site: every macro of {@code macros/} (as the site installed it), and a macro of a user's own that
 * opens an image, runs Predict Degradation and reads the prediction from the Results table.
 */
class MacrosIT extends SiteInstalled {

	@Override
	protected String name() {
		return "macros";
	}

	/** The arguments each macro is run with (small: the SRCNN-style pair, few steps); a new macro must be added. */
	static final Map<String, String> ARGS = new LinkedHashMap<>();
	static {
		// a folder with a space, given without a trailing separator, holding a file too small to degrade; a new
		// output folder whose parent does not exist either
		ARGS.put("faig_degrade_folder.ijm", "input=[{spaced}] output=[{out}/new/lr folder] blur_sigma=2.0 " +
			"noise_sigma=0.1 seed=1");
		// a folder given with a trailing separator, without brackets
		ARGS.put("faig_superresolve_folder.ijm", "input={gt}/ output={out} model=srcnn-x2-target");
		ARGS.put("faig_compute_filters.ijm", "input=[{gt}] output=[{out}] baseline=srcnn-x2-baseline " +
			"target=srcnn-x2-target steps=2 crop_size=20 crops=1");
		ARGS.put("faig_predict_folder.ijm", "input=[{gt}] output=[{out}] filter_sets=filter-sets-srcnn-x2");
	}

	static Stream<String> macros() throws IOException {
		try (Stream<Path> s = Files.list(Fiji.repo().resolve("macros"))) {
			return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ijm")).sorted().toList().stream();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("macros")
	void runsInBatchMode(final String macro) throws Exception {
		final String args = ARGS.get(macro);
		if (args == null) fail("macros/" + macro + " has no arguments in MacrosIT.ARGS: add them (see its header)");
		final Path installed = app.dir.resolve("scripts/Plugins/FAIG/Macros").resolve(macro);
		assertEquals(Files.readString(Fiji.repo().resolve("macros").resolve(macro)), Files.readString(installed),
			"the site installs macros/" + macro);
		final Path out = work.resolve(macro.replace(".ijm", ""));
		final Path spaced = Files.createDirectories(work.resolve("ground truth"));
		Inputs.crop("building.png", 120, 80, 48, spaced.resolve("a b.png"));
		// a TIFF and a GIF beside the PNG: a macro that skipped them would say "degraded 1 image"
		Inputs.crop("fruits.png", 100, 100, 48, spaced.resolve("c.tif"));
		Inputs.crop("home.png", 60, 40, 48, spaced.resolve("d.gif"));
		Inputs.crop("fruits.png", 0, 0, 1, spaced.resolve("tiny.png")); // smaller than the scale: refused
		final Fiji.Result r = app.run(work, HeadlessRunIT.RUN, "--headless", "-batch", installed.toString(),
			args.replace("{gt}", gt.toString()).replace("{spaced}", spaced.toString()).replace("{out}", out
				.toString())).ok();
		final String log = r.out() + r.err();
		assertFalse(log.contains("Macro Error") || log.contains("some files failed"), macro + " failed:\n" + log);
		final List<String> names = new ArrayList<>(Fiji.files(out).keySet());
		switch (macro) {
		case "faig_degrade_folder.ijm" -> {
			assertTrue(log.contains("FAIG: degraded 3 images into") && log.contains("1 failed tiny.png"), log);
			assertTrue(names.containsAll(List.of("new/lr folder/a b_degraded.tif", "new/lr folder/c_degraded.tif",
				"new/lr folder/d_degraded.tif")),
				names.toString());
			assertTrue(names.stream().noneMatch(n -> n.contains("tiny")), "nothing for the failed file: " + names);
			// the macro's line for one file writes what ./faig writes for the same line
			final Path ref = work.resolve("degrade-ref");
			Faig.run(work, "--run", "FAIG Synthesize Degradations", "input_file='" + spaced.resolve("a b.png") +
				"',blur_sigma=2.0,kernel_size=21,scale=2,noise_sigma=0.1,seed=1,output_dir='" + ref + "'").ok();
			Outputs.assertSameImage(macro, ref.resolve("a b_degraded.tif"), out.resolve("new/lr folder/a " +
				"b_degraded.tif"));
		}
		case "faig_superresolve_folder.ijm" -> {
			assertTrue(log.contains("FAIG: super-resolved 2 images into") && log.contains("; 0 failed"), log);
			assertTrue(names.containsAll(List.of("a_x2_srcnn-x2-target.tif", "b_x2_srcnn-x2-target.tif")), names
				.toString());
			assertTrue(names.stream().allMatch(n -> n.matches("[ab]_x2_srcnn-x2-target\\.(tif|png)")), names.toString());
		}
		case "faig_compute_filters.ijm" -> {
			assertTrue(log.contains("FAIG: filter sets written to") && !log.contains("failed"), log);
			assertTrue(names.containsAll(List.of("blur_index.txt", "noise_index.txt", "filter_sets.json")),
				names.toString());
		}
		case "faig_predict_folder.ijm" -> {
			assertTrue(log.contains("FAIG: predictions written to") && !log.contains("failed"), log);
			if (names.contains("predictions_failed.csv")) // the list of failed files, empty: a header only
				assertEquals(1, Outputs.rows(Files.readString(out.resolve("predictions_failed.csv"))).size(),
					Files.readString(out.resolve("predictions_failed.csv")));
			final Path ref = work.resolve("predict-ref");
			Faig.run(work, "--run", "FAIG Predict Degradation", "input_dir='" + gt + "',filter_sets=" +
				"'filter-sets-srcnn-x2',output_dir='" + ref + "'").ok();
			Outputs.assertSameCsv(macro, Files.readString(ref.resolve("predictions.csv")),
				Files.readString(out.resolve("predictions.csv")));
		}
		default -> fail("no checks for " + macro);
		}
	}

	/**
	 * Trial finding: a FAIG command that failed inside a macro let the macro go on, and Fiji exited 0. Now the macro
	 * stops at that line, as for ImageJ's own commands, and a headless command-line run ends with a non-zero status;
	 * the error is one line naming the input (ImageJ's "Macro Error" line, which names the macro's line), with no
	 * stack trace. -batch, -macro and --run (a bad value), and -eval (a missing model, inside a function); -batch with
	 * a number that is none (a word, a decimal comma).
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("failingMacros")
	void aFailedCommandStopsTheMacro(final String how, final String options, final String named) throws Exception {
		final String code = String.join("\n",
			"function superResolve(options) {",
			"  run(\"FAIG Blind Super-Resolution\", options);",
			"}",
			"open(\"" + gt.resolve("a.png") + "\");",
			"print(\"before the command\");",
			"superResolve(\"" + options + "\");",
			"print(\"still running\");",
			"");
		final Path macro = work.resolve("failing.ijm");
		Files.writeString(macro, code);
		final Fiji.Result r = how.equals("-eval") ? app.run(work, HeadlessRunIT.RUN, "--headless", how, code) :
			app.run(work, HeadlessRunIT.RUN, "--headless", how, macro.toString());
		final String log = r.out() + r.err();
		assertTrue(log.contains("before the command"), "the macro ran up to the command:\n" + log);
		assertFalse(log.contains("still running"), "the macro stops at the failed command:\n" + log);
		assertTrue(r.exit() != 0, "a failed command ends a headless " + how + " run with a non-zero status:\n" + log);
		final List<String> lines = log.lines().filter(l -> l.contains(named)).toList();
		assertEquals(1, lines.size(), "one line names " + named + ":\n" + log);
		assertTrue(lines.get(0).contains("in line 2"), "the line names the macro's line: " + lines.get(0));
		// (the runtime's own notices aside: HeadlessRunIT.RUNTIME_NOISE)
		assertFalse(log.lines().filter(l -> !HeadlessRunIT.RUNTIME_NOISE.matcher(l).find()).anyMatch(l -> l
			.startsWith("\tat ") || l.contains("Exception")), "no stack trace:\n" + log);
	}

	static Stream<Arguments> failingMacros() {
		return Stream.of(Arguments.of("-batch", "model=srcnn-x2-target tile_size=-5", "tile_size must be at least 16, " +
			"got -5"), Arguments.of("-macro", "model=srcnn-x2-target tile_size=-5", "tile_size must be at least 16, got " +
				"-5"), Arguments.of("-eval", "model=no-such-model", "model 'no-such-model'"),
			// SciJava's own --run of a macro file (a start-up operation, after the arguments are read)
			Arguments.of("--run", "model=srcnn-x2-target tile_size=-5", "tile_size must be at least 16, got -5"),
			// imagej-legacy reads a number it cannot parse as 0 (trial finding: t_blur=abc ran with T_blur 0)
			Arguments.of("-batch", "model=srcnn-x2-target tile_size=abc", "tile_size expects a whole number, got 'abc'"),
			Arguments.of("-batch", "model=srcnn-x2-target low_percentile=0,5",
				"low_percentile expects a finite decimal number, got '0,5'"),
			// imagej-legacy's own reading of an empty number threw before the command ran (trial finding)
			Arguments.of("-batch", "model=srcnn-x2-target tile_size=", "tile_size expects a whole number, got ''"),
			// imagej-legacy reads a whole number beyond int as 0: the range check said "got 0" (trial finding)
			Arguments.of("-batch", "model=srcnn-x2-target tile_size=99999999999",
				"tile_size = 99999999999 is out of range for a whole number"),
			// imagej-legacy threw on an empty boolean (a stack trace, status 0, the macro went on) (trial finding)
			Arguments.of("-batch", "model=srcnn-x2-target float_output=", "float_output expects true or false, got ''"));
	}

	/**
	 * A headless batch macro gets the images a command makes without output_dir: Blind Super-Resolution's result is
	 * the current image, twice the input's size, and the input stays open beside it.
	 */
	@Test
	void macroGetsTheImages() throws Exception {
		final Path macro = work.resolve("read_images.ijm");
		Files.writeString(macro, String.join("\n",
			"open(getArgument());",
			"w = getWidth(); h = getHeight();",
			"run(\"FAIG Blind Super-Resolution\", \"model=srcnn-x2-target\");",
			"print(\"images=\" + nImages + \" size=\" + getWidth() + \"x\" + getHeight() + \" input=\" + w + \"x\" + h);",
			""));
		final Fiji.Result r = app.run(work, HeadlessRunIT.RUN, "--headless", "-batch", macro.toString(), gt.resolve(
			"a.png").toString()).ok();
		assertTrue(r.out().contains("images=2 size=96x96 input=48x48"), "the macro sees the result:\n" + r.out() +
			r.err());
		assertFalse(r.out().contains("Super-resolved = "), "no display line for an image the macro has:\n" + r.out());
	}

	/**
	 * Each command runs on the image the macro opened last, not on an earlier command's output (trial finding: the
	 * pool thread that ran Blind SR kept its output as its own current image, so a later command on that thread took
	 * it). Several rounds, so that the pool's threads are reused.
	 */
	@Test
	void eachCommandRunsOnTheImageTheMacroOpenedLast() throws Exception {
		final Path macro = work.resolve("stale_images.ijm");
		Files.writeString(macro, String.join("\n",
			"setBatchMode(true);",
			"dir = getArgument();",
			"for (k = 0; k < 3; k++) {",
			"  open(dir + \"a.png\");",
			"  run(\"FAIG Blind Super-Resolution\", \"model=srcnn-x2-target\");",
			"  open(dir + \"b.png\");",
			"  run(\"FAIG Predict Degradation\", \"filter_sets=filter-sets-srcnn-x2\");",
			"  print(\"round \" + k + \" opened b predicted \" + getResultString(\"image\", 0));",
			"  run(\"FAIG Blind Super-Resolution\", \"model=srcnn-x2-target\");",
			"  print(\"round \" + k + \" sr of \" + getTitle());",
			"}",
			""));
		final Fiji.Result r = app.run(work, HeadlessRunIT.RUN, "--headless", "-batch", macro.toString(), gt
			.toString() + "/").ok();
		for (int k = 0; k < 3; k++) {
			assertTrue(r.out().contains("round " + k + " opened b predicted b\n"), "round " + k + ":\n" + r.out() + r
				.err());
			assertTrue(r.out().contains("round " + k + " sr of b_x2_srcnn-x2-target\n"), "round " + k + ":\n" + r
				.out() + r.err());
		}
	}

	/**
	 * A user's IJ1 macro: open an image, run Predict Degradation on it, read the prediction from the Results table
	 * (nResults, getResultString). It must match the row ./faig writes for that image.
	 */
	@Test
	void macroReadsThePrediction() throws Exception {
		final Path macro = work.resolve("read_prediction.ijm");
		Files.writeString(macro, String.join("\n",
			"open(getArgument());",
			"run(\"FAIG Predict Degradation\", \"filter_sets=filter-sets-srcnn-x2 t_blur=-1 t_noise=-1\");",
			"print(\"nResults=\" + nResults);",
			"headings = split(String.getResultsHeadings, \"\\t\");",
			"for (r = 0; r < nResults; r++)",
			"  for (c = 0; c < headings.length; c++)",
			"    if (headings[c] != \" \") print(\"result \" + r + \" \" + headings[c] + \"=\" + getResultString(headings[c], r));",
			""));
		final ExecutorService two = Executors.newFixedThreadPool(2);
		try {
			final Path ref = work.resolve("read-ref");
			final Future<Fiji.Result> faig = two.submit(() -> Faig.run(work, "--run", "FAIG Predict Degradation",
				"input_file='" + gt.resolve("a.png") + "',filter_sets='filter-sets-srcnn-x2',output_dir='" + ref + "'"));
			final Future<Fiji.Result> fiji = two.submit(() -> app.run(work, HeadlessRunIT.RUN, "--headless", "-batch",
				macro.toString(), gt.resolve("a.png").toString()));
			faig.get().ok();
			final Fiji.Result r = fiji.get().ok();
			assertTrue(r.out().contains("nResults=1"), "the macro sees one prediction row:\n" + r.out() + r.err());
			final List<List<String>> csv = Outputs.rows(Files.readString(ref.resolve("predictions.csv")));
			final Map<String, String> table = new LinkedHashMap<>();
			for (final String l : r.out().split("\n"))
				if (l.startsWith("result 0 ")) table.put(l.substring(9, l.indexOf('=')), l.substring(l.indexOf('=') + 1));
			int compared = 0;
			for (int c = 0; c < csv.get(0).size(); c++) {
				final String v = table.get(csv.get(0).get(c));
				if (v == null || Outputs.TIMING.matcher(csv.get(0).get(c)).matches()) continue;
				compared++;
				final String e = c == csv.get(0).indexOf("image") ? csv.get(1).get(c).replaceFirst("\\.png$", "") :
					csv.get(1).get(c); // a file is named with its extension, the open image by its title without
				if (e.matches("-?[0-9.]+(E-?[0-9]+)?") && v.matches("-?[0-9.]+(E-?[0-9]+)?"))
					assertEquals(Double.parseDouble(e), Double.parseDouble(v), 1e-3 * Math.max(1, Math.abs(Double
						.parseDouble(e))), csv.get(0).get(c));
				else assertEquals(e, v, csv.get(0).get(c));
			}
			assertTrue(compared >= 3, "the Results table shares the CSV's columns; table " + table + ", CSV " +
				csv.get(0));
		}
		finally {
			two.shutdownNow();
		}
	}

	/**
	 * A user's annotation survives Degradation Map (#28): a macro adds a named rectangle to an image's overlay, runs
	 * the map, and finds its rectangle still there (last, drawn over the map) with the map's ROIs (named "FAIG map…");
	 * a rerun replaces the map and keeps the rectangle.
	 */
	@Test
	void degradationMapAddsToTheOverlay() throws Exception {
		final Path macro = work.resolve("overlay_map.ijm");
		Files.writeString(macro, String.join("\n",
			"open(getArgument());",
			"id = getImageID();",
			"makeRectangle(3, 4, 10, 12);",
			"Roi.setName(\"my cell\");",
			"Overlay.addSelection;",
			"run(\"Select None\");",
			"for (k = 1; k <= 2; k++) {",
			"  selectImage(id);",
			"  run(\"FAIG Degradation Map\", \"filter_sets=filter-sets-srcnn-x2 tile_size=24 t_blur=-1 t_noise=-1\");",
			"  selectImage(id);",
			"  n = Overlay.size; mine = 0; map = 0;",
			"  for (i = 0; i < n; i++) {",
			"    Overlay.activateSelection(i);",
			"    getSelectionBounds(x, y, w, h);",
			"    name = Roi.getName;",
			"    if (name == \"my cell\" && x == 3 && y == 4 && w == 10 && h == 12) mine++;",
			"    if (startsWith(name, \"FAIG map\")) map++;",
			"    if (i == n - 1) last = name;",
			"  }",
			"  print(\"run \" + k + \": overlay=\" + n + \" mine=\" + mine + \" map=\" + map + \" last=\" + last);",
			// the loop left the last ROI selected: without this, run 2 would map only that selection (and fail, as
			// smaller than a tile; before failed commands stopped macros, run 2 then printed run 1's overlay)
			"  run(\"Select None\");",
			"}",
			""));
		final Fiji.Result r = app.run(work, HeadlessRunIT.RUN, "--headless", "-batch", macro.toString(), gt.resolve(
			"a.png").toString()).ok();
		// 48 x 48 pixels in tiles of 24: 4 tiles; the legend: a box, and a swatch and a label per class
		final int map = 4 + 1 + 2 * 4;
		for (final int run : new int[] { 1, 2 }) {
			assertTrue(r.out().contains("run " + run + ": overlay=" + (1 + map) + " mine=1 map=" + map +
				" last=my cell"), "the rectangle stays, the map is added (run " + run + "):\n" + r.out() + r.err());
		}
	}

	/**
	 * Trial finding: {@code channels=GREY} (any case, or {@code gray}) in a macro trains a grey network, as
	 * {@code architecture} takes its names in any case: Fiji's macro layer hands the word to the command as typed.
	 */
	@Test
	void trainModelTakesChannelsInAnyCase() throws Exception {
		final Path out = work.resolve("grey-model");
		final Path macro = work.resolve("train_grey.ijm");
		Files.writeString(macro, "run(\"FAIG Train Model\", \"input_dir=[" + gt + "] output_model=[" + out + "] " +
			"architecture=srcnn channels=GREY num_feat=4 num_block=1 iterations=1 batch_size=1 patch_size=8 " +
			"validation_crop=16 threads=1\");\n");
		final Fiji.Result r = app.run(work, HeadlessRunIT.RUN, "--headless", "-batch", macro.toString()).ok();
		final Path json = out.resolve("model.json");
		assertTrue(Files.isRegularFile(json), "no model written:\n" + r.out() + r.err());
		final String text = Files.readString(json);
		assertTrue(text.matches("(?s).*\"num_in_ch\"\\s*:\\s*1\\b.*"), "a grey network: " + text);
		assertTrue(text.contains("channels='grey'"), "the recorded line has the declared word: " + text);
	}
}
