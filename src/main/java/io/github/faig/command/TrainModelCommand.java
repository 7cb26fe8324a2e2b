package io.github.faig.command;

import java.io.File;
import java.util.HashMap;
import java.util.Map;

import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.measure.ResultsTable;
import io.github.faig.cli.RecordedRun;
import io.github.faig.ij.ResultTables;
import io.github.faig.nn.NetworkSpec;
import io.github.faig.train.TrainModel;
import io.github.faig.train.TrainOptions;
import io.github.faig.train.TrainOptions.Role;

/**
 * {@code Plugins>FAIG>FAIG Train Model}: trains a baseline (clean LR only) or a target (also blur and noise, each
 * with p = 0.5, independent) SR network on a folder of ground-truth photographs, or fine-tunes an existing model,
 * and writes it as a model package whose {@code model.json} records how it was made. Checkpoints beside the output
 * let a stopped run resume where it left off. The work is {@link TrainModel}'s.
 */
@Plugin(type = Command.class, menu = { @Menu(label = "Plugins"), @Menu(label = "FAIG"), @Menu(label = "FAIG Train Model",
		weight = 80) }, headless = true,
	label = "FAIG Train Model")
public class TrainModelCommand extends DegradationCommand {

	/** Every default, from the one place that holds them. */
	private static final TrainOptions DEFAULTS = TrainOptions.DEFAULTS;
	private static final String DEFAULT_ARCHITECTURE = DEFAULTS.architecture();

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String section_data = "<html><b>Data and output</b>";

	@Parameter(label = "Training images folder", style = FileWidget.DIRECTORY_STYLE,
		description = "Ground-truth photographs; with a manifest.tsv its 'train' split trains and its 'validation' " +
			"split is scored")
	private File input_dir;

	@Parameter(label = "Output model (package folder)", style = FileWidget.SAVE_STYLE)
	private File output_model;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String section_network = "<html><b>Network</b>";

	/** One of the registry's architectures ({@link io.github.faig.nn.Architectures}), offered by its widget. */
	@Parameter(label = "Architecture", style = ARCHITECTURE_STYLE)
	private String architecture = DEFAULT_ARCHITECTURE;

	@Parameter(label = "Features (width)", min = "1", max = "1024")
	private int num_feat = DEFAULTS.numFeat();

	@Parameter(label = "Blocks (middle convs for SRCNNStyle)", min = "0", max = "1000")
	private int num_block = DEFAULTS.numBlock();

	@Parameter(label = "Scale", min = "2", max = "4")
	private int scale = DEFAULTS.scale();

	@Parameter(label = "Channels", choices = { "RGB", "grey" }, description = "grey (or gray): a single-channel " +
		"network (num_in_ch = num_out_ch = 1) trained on the photographs' luminance; a fine-tuned model keeps its own")
	private String channels = TrainOptions.channelsLabel(DEFAULTS.channels());

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String section_learning = "<html><b>What it learns</b>";

	@Parameter(label = "Role", choices = { "baseline", "target", "custom" },
		description = "baseline: clean LR only; target: blur p=0.5 and noise p=0.5; custom: p_blur, p_noise")
	private String role = DEFAULTS.role().label();

	@Parameter(label = "P(blur) (custom role)", min = "0", max = "1")
	private double p_blur = DEFAULTS.pBlur();

	@Parameter(label = "P(noise) (custom role)", min = "0", max = "1")
	private double p_noise = DEFAULTS.pNoise();

	@Parameter(label = "Fine-tune from (model, optional)", required = false,
		style = MODEL_STYLE)
	private String init_model;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String section_optimisation = "<html><b>Optimisation</b>";

	@Parameter(label = "Iterations", min = "1", max = "100000000")
	private int iterations = DEFAULTS.iterations();

	@Parameter(label = "Batch size", min = "1")
	private int batch_size = DEFAULTS.batchSize();

	@Parameter(label = "LR patch size", min = "4", max = "1024")
	private int patch_size = DEFAULTS.patchSize();

	@Parameter(label = "Learning rate")
	private double learning_rate = DEFAULTS.learningRate();

	@Parameter(label = "EMA decay")
	private double ema_decay = DEFAULTS.emaDecay();

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String section_checkpoints = "<html><b>Checkpoints and validation</b>";

	@Parameter(label = "Checkpoint every (iterations)", min = "1", max = "100000000")
	private int checkpoint_every = DEFAULTS.checkpointEvery();

	@Parameter(label = "Validation crop (HR pixels, 0 = whole images)", min = "0", max = "8192")
	private int validation_crop = DEFAULTS.validationCrop();

	@Parameter(label = "Licence of the trained weights",
		description = "recorded in model.json; mind the licences of the training photographs")
	private String license = DEFAULTS.license();

	/** The run, its paths checked and init_model read by {@link #validate()}. */
	private TrainModel training;

	@Parameter(type = ItemIO.OUTPUT, label = "FAIG training log")
	private ResultsTable training_log;

	/** Training reads its photographs from the local disk (the data manifest hashes them there). */
	@Override
	protected boolean readsUri(final String key) {
		return false;
	}

	@Override
	protected void validate() throws Exception {
		// a mix of one's own with role=target would train the target's mix instead, silently
		final boolean custom = role.equals(Role.CUSTOM.label());
		usedOnly("p_blur", p_blur, DEFAULTS.pBlur(), custom, "with role=custom");
		usedOnly("p_noise", p_noise, DEFAULTS.pNoise(), custom, "with role=custom");
		training = new TrainModel(new TrainOptions(input_dir, output_model, architecture, num_feat, num_block, scale,
			Role.of(role), p_blur, p_noise, init_model, iterations, batch_size, patch_size, learning_rate, ema_decay,
			degradations(), checkpoint_every, validation_crop,
			license, TrainOptions.channels(channels)));
	}

	/** {@code channels} in any case, and {@code gray}, as {@code architecture} takes its names in any case. */
	@Override
	protected String choiceAlias(final String key, final String value) {
		return key.equals("channels") && TrainOptions.isChannels(value) ? TrainOptions.channelsLabel(TrainOptions
			.channels(value)) : value;
	}

	@Override
	protected void execute() throws Exception {
		final TrainModel.Result r = training.run(commandLine(training.network()), monitor(), log::info);
		training_log = ResultTables.of(r.logRows());
	}

	/**
	 * The headless line that repeats this run. The network's shape is the one trained: when fine-tuning, that of
	 * {@code init_model}, whatever the (then ignored) shape inputs said. Left out: the checkpoint interval, and the
	 * custom probabilities and the licence unless they matter.
	 */
	private String commandLine(final NetworkSpec spec) {
		final Map<String, Object> recorded = new HashMap<>();
		recorded.put("architecture", spec.architecture());
		recorded.put("num_feat", spec.numFeat());
		recorded.put("num_block", spec.numBlock());
		recorded.put("scale", spec.scale());
		// channels only for a grey network: RGB lines stay as they were
		recorded.put("channels", spec.grey() ? TrainOptions.channelsLabel(spec.numInCh()) : null);
		recorded.put("checkpoint_every", null);
		if (!role.equals(Role.CUSTOM.label())) {
			recorded.put("p_blur", null);
			recorded.put("p_noise", null);
		}
		if (license.equals(DEFAULTS.license())) recorded.put("license", null);
		return RecordedRun.line(this, FaigCommand.class, recorded);
	}
}
