package io.github.faig.command;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Cancelable;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;

import io.github.faig.SciJavaTest;

/**
 * Cancelling a long command the way Fiji's GUI does (its task cancel: {@code cancel(reason)} on the running module)
 * stops it at its next step, with the reason, leaving no half-written outputs; a training run keeps its checkpoint.
 */
class CancelTest extends SciJavaTest {

	/** Starts {@code command} on a worker thread, cancels its module after {@code afterMs}, returns it finished. */
	private static Module startThenCancel(final Class<? extends Command> command, final Map<String, Object> inputs,
		final long afterMs) throws Exception
	{
		final CommandInfo info = context.service(CommandService.class).getCommand(command);
		final ModuleService ms = context.service(ModuleService.class);
		final Module module = ms.createModule(info);
		final Future<Module> f = ms.run(module, true, inputs);
		Thread.sleep(afterMs);
		assertFalse(f.isDone(), "the command ended before it could be cancelled");
		final long t0 = System.nanoTime();
		((Cancelable) module).cancel("Cancelled by the user");
		final Module done = f.get(120, TimeUnit.SECONDS);
		final double s = (System.nanoTime() - t0) / 1e9;
		assertTrue(s < 60, "stopped only after " + s + " s");
		return done;
	}

	@Test
	void computeFiltersStopsAtItsNextStepAndWritesNothing(@TempDir final Path dir) throws Exception {
		final File[] f = ComputeFiltersCommandTest.setUp(dir);
		final File out = dir.resolve("out").toFile();
		assertTrue(out.mkdir());
		final Module m = startThenCancel(ComputeFiltersCommand.class, Map.of("baseline_model", f[0].getPath(),
			"target_model", f[1].getPath(), "input_dir", f[2], "steps", 10000, "quadrature", "riemann", "crop_size", 16, "crops", 100, "output_dir", out), 2500);
		final Cancelable c = (Cancelable) m;
		assertTrue(c.isCanceled());
		assertTrue(c.getCancelReason().startsWith("Cancelled by the user"), c.getCancelReason());
		assertTrue(out.list().length == 0, "nothing written: " + String.join(",", out.list()));
	}

	@Test
	void theTaskMonitorsCancelStopsComputeFilters(@TempDir final Path dir) throws Exception {
		final File[] f = ComputeFiltersCommandTest.setUp(dir);
		final File out = dir.resolve("out").toFile();
		assertTrue(out.mkdir());
		final CommandInfo info = context.service(CommandService.class).getCommand(ComputeFiltersCommand.class);
		final ModuleService ms = context.service(ModuleService.class);
		final Module module = ms.createModule(info);
		final Future<Module> run = ms.run(module, true, Map.of("baseline_model", f[0].getPath(), "target_model", f[1]
			.getPath(), "input_dir", f[2], "steps", 10000, "quadrature", "riemann", "crop_size", 16, "crops", 100, "output_dir", out));
		final FaigCommand command = (FaigCommand) module.getDelegateObject();
		final long deadline = System.nanoTime() + 60_000_000_000L;
		while ((command.task() == null || command.task().getProgressMaximum() == 0) && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		try {
			assertTrue(command.task() != null && command.task().getProgressMaximum() > 0, "the task reports progress");
			assertFalse(run.isDone());
		}
		finally {
			// what the monitor's cancel button does; also ends the run if an assertion failed
			if (command.task() != null) command.task().cancel("Cancelled in the task monitor");
			else ((Cancelable) module).cancel("no task"); // never leave a run going
		}
		final Cancelable c = (Cancelable) run.get(120, TimeUnit.SECONDS);
		assertTrue(c.isCanceled());
		assertTrue(c.getCancelReason().startsWith("Cancelled in the task monitor"), c.getCancelReason());
		assertTrue(out.list().length == 0, "nothing written: " + String.join(",", out.list()));
	}

	@Test
	void aCancelledTrainingRunKeepsItsCheckpoint(@TempDir final Path dir) throws Exception {
		final File[] f = ComputeFiltersCommandTest.setUp(dir);
		final File model = dir.resolve("models/mine").toFile();
		assertTrue(model.getParentFile().mkdirs());
		final Module m = startThenCancel(TrainModelCommand.class, Map.of("input_dir", f[2], "output_model", model,
			"num_feat", 4, "num_block", 1, "iterations", 1_000_000, "batch_size", 1, "patch_size", 8,
			"checkpoint_every", 1_000_000, "validation_crop", 16), 4000);
		final Cancelable c = (Cancelable) m;
		assertTrue(c.isCanceled());
		assertTrue(c.getCancelReason().startsWith("Cancelled by the user"), c.getCancelReason());
		assertTrue(new File(model.getParentFile(), "mine.checkpoint.safetensors").isFile(), "checkpoint kept: " + String
			.join(",", model.getParentFile().list()));
		assertFalse(model.exists(), "no half-written model");
	}
}
