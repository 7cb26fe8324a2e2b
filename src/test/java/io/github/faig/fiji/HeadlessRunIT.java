package io.github.faig.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command, headless, in a Fiji that installed the plugin from its update site and starts with the module
 * path on: {@code fiji --headless --run "Label" "line"} writes what {@code ./faig --run "Label" "line"} writes for
 * the same line (pixels, CSV values without timing columns, text); a failed line ends Fiji with a non-zero status
 * and one line on standard error, as {@code ./faig} does.
 */
class HeadlessRunIT extends SiteInstalled {

	static final Duration RUN = Duration.ofMinutes(4);

	/**
	 * Lines the runtime itself prints, whatever the command: SLF4J's notice when no logging provider is installed
	 * (the test runtime has none; Fiji ships one) and the updater's check of the unreachable ImageJ site offline.
	 */
	static final Pattern RUNTIME_NOISE = Pattern.compile("^SLF4J\\(|Could not determine the IP address|" +
		"UnknownHostException");

	@Override
	protected String name() {
		return "headless";
	}

	/** Every command of ./faig --list (About included) with a small line: tiny images, the SRCNN-style pair, few steps. */
	static Stream<Arguments> commands() {
		final Map<String, String> m = new LinkedHashMap<>();
		final String pair = "baseline_model='srcnn-x2-baseline',target_model='srcnn-x2-target',threads=1";
		m.put("FAIG About", "");
		m.put("FAIG Synthesize Degradations", "input_file='{gt}/a.png',seed=3,threads=1,output_dir='{out}'");
		m.put("FAIG Blind Super-Resolution", "input_file='{gt}/a.png',model='srcnn-x2-target',threads=1," +
			"output_dir='{out}'");
		m.put("FAIG Compute Filters", pair + ",input_dir='{gt}',steps=2,quadrature='riemann',crop_size=20,crops=1," +
			"output_dir='{out}'");
		m.put("FAIG Mask Filters", pair + ",input_file='{gt}/a.png',filter_file='{sets}/blur_index.txt'," +
			"output_dir='{out}'");
		m.put("FAIG Masking Experiment", pair + ",filter_sets='{sets}',input_dir='{gt}'," +
			"proportions='1,3',output_dir='{out}'");
		m.put("FAIG Calibrate Thresholds", pair + ",filter_sets='{sets}',input_dir='{gt}',steps=2,crop_size=20," +
			"crops=1,output_dir='{out}'");
		m.put("FAIG Predict Degradation", "input_dir='{gt}',filter_sets='filter-sets-srcnn-x2',threads=1," +
			"output_dir='{out}'");
		m.put("FAIG Degradation Map", "input_file='{gt}/a.png',filter_sets='filter-sets-srcnn-x2',tile_size=32," +
			"threads=1,output_dir='{out}'");
		m.put("FAIG Degradation Representations", "model='srcnn-x2-baseline',input_dir='{gt}'," +
			"classes='clean;blur:2',patch_size=16,patches=2,components=2,threads=1,output_dir='{out}'");
		m.put("FAIG Train Model", "input_dir='{gt}',output_model='{out}/model',architecture='srcnn',channels='rgb',role='target'," +
			"iterations=2,batch_size=2,patch_size=16,validation_crop=32,checkpoint_every=100,seed=1,threads=1");
		m.put("FAIG Import Model", "weights_file='{fixtures}/srcnn_x2.pth',checkpoint_key='params',role='target'," +
			"output_model='{out}/model',threads=1");
		return m.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
	}

	/** The lines above cover every command that ./faig --list shows (a new command needs its line here). */
	@Test
	void everyCommandHasALine() throws Exception {
		assertEquals(Faig.commands().keySet(), commands().map(a -> (String) a.get()[0]).collect(Collectors.toSet()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("commands")
	void writesWhatFaigWrites(final String label, final String line) throws Exception {
		final String slug = label.replaceAll("\\W+", "-").toLowerCase();
		final Path faigOut = work.resolve("faig-" + slug);
		final Path fijiOut = work.resolve("fiji-" + slug);
		if (line.contains("output_model=")) { // a model's folder must exist (the command refuses to guess)
			Files.createDirectories(faigOut);
			Files.createDirectories(fijiOut);
		}
		final ExecutorService two = Executors.newFixedThreadPool(2);
		try {
			final Future<Fiji.Result> faig = two.submit(() -> Faig.run(work, "--run", label, expand(line, faigOut)));
			final Future<Fiji.Result> fiji = two.submit(() -> app.run(work, RUN, "--headless", "--run", label,
				expand(line, fijiOut)));
			final Fiji.Result rf = faig.get().ok();
			final Fiji.Result rj = fiji.get().ok();
			if (label.equals("FAIG About")) {
				final String version = Install.installedVersion(app);
				assertTrue(rf.out().contains("FAIG for Fiji"), rf.out());
				assertTrue(rj.out().contains("FAIG for Fiji " + version), "About in Fiji names the installed " +
					"version " + version + ":\n" + rj.out());
				assertEquals(List.of(), rj.errLines().stream().filter(l -> !RUNTIME_NOISE.matcher(l).find())
					.toList(), "About's standard error in Fiji");
			}
			else {
				Outputs.assertSame(label, faigOut, fijiOut);
				assertTrue(rj.errLines().stream().noneMatch(l -> l.contains("Ignoring unsupported output")),
					"Fiji logged an unsupported output:\n" + rj.err());
				// libtorch's own warnings ("[W1207 10:52:50.65 NNPACK.cpp:57] Could not initialize NNPACK!…", once per
				// batched convolution on CPUs NNPACK does not know) stay quiet unless TORCH_CPP_LOG_LEVEL asks for them
				assertTrue(rj.errLines().stream().noneMatch(l -> l.matches("^\\[W\\d{4} .*")),
					"libtorch warnings in Fiji:\n" + rj.err());
			}
		}
		finally {
			two.shutdownNow();
		}
	}

	/** A failed line: the same failure in Fiji as in ./faig, a non-zero status and one line on standard error. */
	static Stream<Arguments> failures() {
		final List<Arguments> a = new ArrayList<>();
		a.add(Arguments.of("missing file", "FAIG Synthesize Degradations",
			"input_file='{gt}/none.png',output_dir='{out}'", "none.png"));
		a.add(Arguments.of("bad value", "FAIG Synthesize Degradations",
			"input_file='{gt}/a.png',blur_sigma=-1.0,output_dir='{out}'", "blur_sigma"));
		a.add(Arguments.of("unknown input", "FAIG Synthesize Degradations",
			"input_file='{gt}/a.png',blurr_sigma=2.0,output_dir='{out}'", "blurr_sigma"));
		a.add(Arguments.of("unknown model", "FAIG Blind Super-Resolution",
			"input_file='{gt}/a.png',model='no-such-model',output_dir='{out}'", "no-such-model"));
		a.add(Arguments.of("no output_dir", "FAIG Synthesize Degradations", "input_file='{gt}/a.png'",
			"output_dir"));
		return a.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failures")
	void failsWithStatusAndOneLine(final String what, final String label, final String line, final String named)
		throws Exception
	{
		final Path out = work.resolve("failed-" + what.replace(' ', '-'));
		final ExecutorService two = Executors.newFixedThreadPool(2);
		final Fiji.Result faig;
		final Fiji.Result fiji;
		try {
			final Future<Fiji.Result> f = two.submit(() -> Faig.run(work, "--run", label, expand(line, out)));
			fiji = app.run(work, RUN, "--headless", "--run", label, expand(line, out));
			faig = f.get();
		}
		finally {
			two.shutdownNow();
		}
		assertNotEquals(0, faig.exit(), "./faig: " + what);
		assertNotEquals(0, fiji.exit(), "Fiji --headless --run exits non-zero for " + what + "; stderr:\n" +
			fiji.err());
		final List<String> lines = fiji.errLines().stream().filter(l -> !RUNTIME_NOISE.matcher(l).find()).toList();
		assertEquals(1, lines.size(), "one line on standard error for " + what + ", got:\n" + fiji.err());
		assertTrue(lines.get(0).contains(named), "the line names " + named + ": " + lines.get(0));
		assertTrue(!Files.exists(out) || Fiji.files(out).isEmpty(), "nothing written for " + what);
	}

	private String expand(final String line, final Path out) {
		return line.replace("{gt}", gt.toString()).replace("{out}", out.toString())
			.replace("{sets}", Fiji.repo().resolve("sample-models/filter-sets-srcnn-x2").toString())
			.replace("{fixtures}", Fiji.repo().resolve("src/test/resources/fixtures").toString());
	}
}
