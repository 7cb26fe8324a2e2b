package io.github.faig.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.measure.ResultsTable;
import io.github.faig.SciJavaTest;
import io.github.faig.cli.HeadlessLine;
import io.github.faig.nn.Fixtures;
import io.github.faig.cli.HeadlessLine;
import io.github.faig.nn.io.CheckpointConverter;
import io.github.faig.cli.HeadlessLine;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.train.TrainModelTest;

/**
 * The line Train Model records in {@code model.json}, read off the command's declared inputs: the same text as the
 * sample models' (the format of sample-models/*&#47;model.json), and a line the launcher reads back.
 */
class TrainModelCommandTest extends SciJavaTest {

	private static String recorded(final Object... inputs) throws Exception {
		final FaigCommand m = run(TrainModelCommand.class, inputs);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final File out = (File) m.getInput("output_model");
		assertEquals(1, ((ResultsTable) m.getOutput("training_log")).size());
		return ModelPackage.read(out).provenance().get("command").getAsString();
	}

	@Test
	void aFreshRunRecordsEveryInputThatShapesTheModel(@TempDir final Path dir) throws Exception {
		final File in = TrainModelTest.photos(dir, false);
		final File out = dir.resolve("mine").toFile();
		final String line = recorded("input_dir", in, "output_model", out, "num_feat", 4, "num_block", 1, "iterations", 2,
			"batch_size", 1, "patch_size", 8, "seed", 3L, "validation_crop", 16, "checkpoint_every", 7);
		// the shared degradation group (DegradationCommand) comes first, as in the dialog
		assertEquals("./faig --run \"FAIG Train Model\" \"blur_sigma=2,kernel_size=21,noise_sigma=0.1,seed=3," +
			"input_dir='" + in + "',output_model='" + out + "'," +
			"architecture='MSRResNet',num_feat=4,num_block=1,scale=2,role='baseline',iterations=2,batch_size=1," +
			"patch_size=8,learning_rate=0.0002,ema_decay=0.999,validation_crop=16\"", line);
		final String[] parts = line.split("\" \"");
		final Map<String, HeadlessLine.Value> back = HeadlessLine.parse(parts[1].substring(0, parts[1].length() - 1));
		assertEquals(out.getPath(), back.get("output_model").text());
		assertEquals(List.of("blur_sigma", "kernel_size", "noise_sigma", "seed", "input_dir", "output_model",
			"architecture", "num_feat", "num_block", "scale", "role", "iterations", "batch_size", "patch_size",
			"learning_rate", "ema_decay", "validation_crop"), List.copyOf(back.keySet()));
	}

	@Test
	void aFineTunedCustomRunRecordsTheShapeItTrainedAndWhatMatters(@TempDir final Path dir) throws Exception {
		final File in = TrainModelTest.photos(dir, false);
		final File init = dir.resolve("init").toFile();
		CheckpointConverter.importModel(Fixtures.file("msrresnet_x2.pth"), null, "params", "init", "baseline", "CC0-1.0")
			.write(init);
		final File out = dir.resolve("fine").toFile();
		final String line = recorded("input_dir", in, "output_model", out, "init_model", init.getPath(), "role",
			"custom", "p_blur", 0.25, "iterations", 1, "batch_size", 1, "patch_size", 8, "validation_crop", 16, "license",
			"CC-BY-4.0");
		// the shape is the fixture's (8 features, 2 blocks), not the inputs' defaults (64, 16)
		assertEquals("./faig --run \"FAIG Train Model\" \"blur_sigma=2,kernel_size=21,noise_sigma=0.1,seed=0," +
			"input_dir='" + in + "',output_model='" + out + "'," +
			"architecture='MSRResNet',num_feat=8,num_block=2,scale=2,role='custom',p_blur=0.25,p_noise=0.5,init_model='" +
			init + "',iterations=1,batch_size=1,patch_size=8,learning_rate=0.0002,ema_decay=0.999," +
			"validation_crop=16,license='CC-BY-4.0'\"", line);
		assertEquals("init", ModelPackage.read(out).provenance().get("fine_tuned_from").getAsString());
	}

	/**
	 * {@code channels} takes its words in any case and {@code gray} for {@code grey}, as {@code architecture} takes
	 * its aliases in any case (trial finding), and so does every choice input ({@code role} here); an unknown word is refused in one line naming the input, the value and
	 * the choices.
	 */
	@Test
	void channelsAndArchitectureTakeOtherCasesAndSpellings(@TempDir final Path dir) throws Exception {
		final File in = TrainModelTest.photos(dir, false);
		final File grey = dir.resolve("grey").toFile();
		final String line = recorded("input_dir", in, "output_model", grey, "architecture", "srcnn", "channels", "Gray",
			"role", "Target", "num_feat", 4, "num_block", 1, "iterations", 1, "batch_size", 1, "patch_size", 8, "validation_crop", 16);
		assertEquals(1, ModelPackage.read(grey).spec().numInCh());
		assertTrue(line.contains("architecture='SRCNNStyle',") && line.contains("channels='grey'"), line);
		// every choice input takes its words in any case, and the line records the declared spelling
		assertTrue(line.contains("role='target'"), line);
		final File init = dir.resolve("init").toFile();
		CheckpointConverter.importModel(Fixtures.file("msrresnet_x2.pth"), null, "params", "init", "baseline", "CC0-1.0")
			.write(init);
		// an alias of the fine-tuned model's own architecture and its own channels in capitals are no conflict
		recorded("input_dir", in, "output_model", dir.resolve("fine").toFile(), "init_model", init.getPath(),
			"architecture", "msr_resnet", "channels", "rgb", "iterations", 1, "batch_size", 1, "patch_size", 8,
			"validation_crop", 16);
		// GREY means grey: it conflicts with the RGB model it would fine-tune
		final FaigCommand conflict = run(TrainModelCommand.class, "input_dir", in, "output_model", dir.resolve("c")
			.toFile(), "init_model", init.getPath(), "channels", "GREY", "iterations", 1);
		assertTrue(conflict.isCanceled());
		assertTrue(conflict.getCancelReason().contains(": channels=grey conflicts with init_model"), conflict
			.getCancelReason());
		final FaigCommand unknown = run(TrainModelCommand.class, "input_dir", in, "output_model", dir.resolve("u")
			.toFile(), "channels", "greyscale", "iterations", 1);
		assertTrue(unknown.isCanceled());
		assertTrue(unknown.getCancelReason().endsWith(": channels must be one of [RGB, grey], got 'greyscale'"), unknown
			.getCancelReason());
		assertFalse(dir.resolve("c").toFile().exists() || dir.resolve("u").toFile().exists());
	}
}
