package io.github.faig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.example.other.OtherPluginCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Priority;
import org.scijava.plugin.PluginService;
import org.scijava.run.CodeRunner;
import org.scijava.run.RunService;

import io.github.faig.SciJavaTest;
import io.github.faig.command.ComputeFiltersCommandTest;

/** The launcher's runner: stopping a command in flight, as a termination signal does. */
class LabelCommandRunnerTest extends SciJavaTest {

	private static LabelCommandRunner runner() {
		return context.service(RunService.class).getInstances().stream().filter(LabelCommandRunner.class::isInstance)
			.map(LabelCommandRunner.class::cast).findFirst().orElseThrow();
	}

	@Test
	void stopEndsTheRunningCommandAtAStepWithTheReasonAndNoOutputs(@TempDir final Path dir) throws Exception {
		final File[] f = ComputeFiltersCommandTest.setUp(dir);
		final File out = dir.resolve("out").toFile();
		assertTrue(out.mkdir());
		final Map<String, Object> inputs = new LinkedHashMap<>();
		inputs.put("baseline_model", f[0].getPath());
		inputs.put("target_model", f[1].getPath());
		inputs.put("input_dir", f[2]);
		inputs.put("steps", 10000); // with 1000 crops, hours of work: only a stop ends it within the test
		inputs.put("quadrature", "riemann"); // 10000 Gauss-Legendre nodes would take long to compute
		inputs.put("crop_size", 16);
		inputs.put("crops", 1000);
		inputs.put("output_dir", out);
		final LabelCommandRunner runner = runner();
		final AtomicReference<Throwable> thrown = new AtomicReference<>();
		final Thread t = new Thread(() -> {
			try {
				runner.run("FAIG Compute Filters", inputs);
			}
			catch (final Throwable e) {
				thrown.set(e);
			}
		});
		t.start();
		final long deadline = System.nanoTime() + 60_000_000_000L;
		while (!runner.isRunning() && System.nanoTime() < deadline) Thread.sleep(20);
		assertTrue(runner.isRunning(), "the command did not start");
		Thread.sleep(1500); // let it get into its FAIG steps
		runner.stop("test stop");
		t.join(60_000);
		assertFalse(t.isAlive(), "the command did not stop within 60 s");
		assertFalse(runner.isRunning());
		assertNotNull(thrown.get());
		assertTrue(thrown.get() instanceof InvocationTargetException, thrown.get().toString());
		final Throwable reason = ((InvocationTargetException) thrown.get()).getTargetException();
		assertTrue(reason.getMessage().contains("test stop"), reason.getMessage());
		assertEquals(reason, runner.lastFailure());
		assertFalse(new File(out, "filter_sets.json").exists(), "a stopped run wrote its results");
	}

	@Test
	void afterAStopNoCommandStarts(@TempDir final Path dir) throws Exception {
		final LabelCommandRunner runner = new LabelCommandRunner();
		context.inject(runner);
		runner.stop("shutting down");
		final InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> runner.run(
			"FAIG Synthesize Degradations", Map.of("input_file", dir.resolve("a.png").toFile(), "output_dir", dir
				.toFile())));
		assertTrue(e.getTargetException().getMessage().contains("shutting down"), e.getTargetException()
			.getMessage());
		assertEquals(0, dir.toFile().list().length);
	}

	@Test
	void onlyThisProjectsCommandsAreResolvedAndOtherPluginsAreLeftAlone() throws Exception {
		final LabelCommandRunner runner = runner();
		assertNotNull(runner.find("FAIG Blind Super-Resolution"));
		assertTrue(runner.supports("FAIG Synthesize Degradations"));
		assertTrue(runner.supports("io.github.faig.command.BlindSuperResolutionCommand"));
		// another plugin's command, by label, menu leaf or class name: not claimed
		assertFalse(runner.supports("Other Plugin"));
		assertFalse(runner.supports(OtherPluginCommand.class.getName()));
		assertEquals(null, runner.find("Other Plugin"));
		// so RunService picks another runner for it (SciJava's own, by class name), and the command runs there
		final RunService rs = context.service(RunService.class);
		final CodeRunner chosen = rs.getHandler(OtherPluginCommand.class.getName());
		assertTrue(chosen == null || !(chosen instanceof LabelCommandRunner), String.valueOf(chosen));
		assertTrue(rs.getHandler("FAIG Blind Super-Resolution") instanceof LabelCommandRunner);
		// and at normal priority, not above the runners Fiji's --run relies on
		final double priority = context.service(PluginService.class).getPlugin(
			LabelCommandRunner.class).getPriority();
		assertTrue(priority <= Priority.NORMAL, "priority " + priority);
	}
}
