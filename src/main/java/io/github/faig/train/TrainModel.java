package io.github.faig.train;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import com.google.gson.JsonObject;

import ai.djl.ndarray.NDManager;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.degrade.TrainingMix;
import io.github.faig.image.FloatImage;
import io.github.faig.io.Hashes;
import io.github.faig.io.OutputPaths;
import io.github.faig.io.Rows;
import io.github.faig.io.RunLock;
import io.github.faig.nn.Engines;
import io.github.faig.nn.NetworkSpec;
import io.github.faig.nn.SrNetwork;
import io.github.faig.nn.StateDict;
import io.github.faig.nn.io.ModelLocator;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.workflow.Monitor;

/**
 * Trains a baseline (clean LR only), a target (also blur and noise, each with p = 0.5, independent) or a custom SR
 * network on a folder of ground-truth photographs, or fine-tunes an existing model, and writes it as a model package
 * whose {@code model.json} records how it was made. A checkpoint beside the output
 * ({@code <output_model>.checkpoint.safetensors}) lets a stopped or cancelled run resume where it left off; it is
 * deleted once the package is written.
 *
 * <pre>
 * TrainModel t = new TrainModel(options);     // checks the paths, reads init_model
 * TrainModel.Result r = t.run(command, monitor, log::info);
 * </pre>
 */
public final class TrainModel {

	/** Every how many iterations the training log gets a row. */
	public static final int LOG_EVERY = 100;

	/** Seed of the validation noise (noise of image i: this + i), the same for every model so scores compare. */
	private static final long VALIDATION_SEED = 12345;

	/**
	 * One row of the training log.
	 *
	 * @param loss the L1 loss smoothed over the recent steps (exponential average, weight 0.02 per step)
	 * @param seconds wall time of this run so far
	 */
	public record LogEntry(int iteration, double loss, double learningRate, double seconds) implements Serializable {

		private static final long serialVersionUID = 1L;
	}

	/**
	 * What a finished run made.
	 *
	 * @param model the package written to {@code options.outputModel()} (its weights are the moving average)
	 * @param trainingImages how many photographs trained it
	 * @param log a row every {@link #LOG_EVERY} iterations and at the last one
	 */
	public record Result(ModelPackage model, int trainingImages, List<LogEntry> log) {

		/** The training log as the command's table shows it: iteration, loss, learning rate. */
		public Rows logRows() {
			final Rows t = new Rows();
			for (final LogEntry e : log) {
				t.add().integer("iteration", e.iteration()).real("loss", e.loss()).real("learning_rate", e.learningRate());
			}
			return t;
		}
	}

	private final TrainOptions options;
	/** The model fine-tuned, or {@code null} for a fresh network. */
	private final ModelPackage init;
	private final NetworkSpec network;

	/**
	 * Checks the paths (an existing {@code input_dir}; an {@code output_model} that may receive a new package) and
	 * reads {@code init_model} once. Fine-tuning keeps the network's shape: a shape input set to another value than
	 * its default and than the initial model's is refused rather than silently ignored.
	 */
	public TrainModel(final TrainOptions options) throws IOException {
		this.options = options;
		final File in = options.inputDir();
		if (in == null || in.getPath().isBlank()) {
			throw new IllegalArgumentException("input_dir was not given: expected a folder of training photographs");
		}
		if (!in.isDirectory()) throw new IllegalArgumentException("input_dir '" + in + "' does not exist or is not a folder");
		final Map<String, File> inputs = new HashMap<>();
		inputs.put("input_dir", in);
		if (options.initModel() != null) inputs.put("init_model", ModelLocator.resolve(options.initModel(), "init_model"));
		OutputPaths.checkNewModel(options.outputModel(), "output_model", inputs, ModelLocator.roots(),
			ModelPackage::replaceProblem);
		if (options.initModel() == null) {
			init = null;
			network = new NetworkSpec(options.architecture(), options.scale(), options.numFeat(), options.numBlock(), null,
				options.channels(), options.channels());
			TrainingMemory.check(network, options.batchSize(), options.patchSize());
			return;
		}
		init = ModelLocator.load(options.initModel(), "init_model");
		network = init.spec();
		final TrainOptions d = TrainOptions.DEFAULTS;
		final Object[][] shape = { { "architecture", options.architecture(), d.architecture(), network.architecture() },
			{ "num_feat", options.numFeat(), d.numFeat(), network.numFeat() },
			{ "num_block", options.numBlock(), d.numBlock(), network.numBlock() },
			{ "scale", options.scale(), d.scale(), network.scale() },
			{ "channels", TrainOptions.channelsLabel(options.channels()), TrainOptions.channelsLabel(d.channels()),
				TrainOptions.channelsLabel(network.numInCh()) } };
		for (final Object[] s : shape) {
			if (!s[1].equals(s[2]) && !s[1].equals(s[3])) {
				throw new IllegalArgumentException(s[0] + "=" + s[1] + " conflicts with init_model " + options.initModel() +
					" (" + s[0] + " " + s[3] + "): fine-tuning keeps the network's shape; leave " + s[0] + " out");
			}
		}
		// before any photograph is read: a step that cannot fit is refused, not found out by the kernel
		TrainingMemory.check(network, options.batchSize(), options.patchSize());
	}

	/** The network trained: the options' shape, or when fine-tuning the initial model's. */
	public NetworkSpec network() {
		return network;
	}

	/** The checkpoint of a run writing {@code outputModel}: beside it, so the same run finds it again. */
	public static File checkpoint(final File outputModel) {
		return new File(outputModel.getAbsoluteFile().getParentFile(), outputModel.getName() + ".checkpoint.safetensors");
	}

	/**
	 * Trains, scores the validation split (when {@code input_dir} has a manifest) and writes the package. A cancel
	 * (through {@code monitor}) or a termination signal saves the checkpoint and ends with a
	 * {@link java.util.concurrent.CancellationException} that says how to resume; no package is written then.
	 *
	 * @param command the line that repeats this run, recorded in the provenance ({@code null} for none)
	 * @param log receives a line for people at the start, every {@link #LOG_EVERY} iterations and per validation score
	 */
	public Result run(final String command, final Monitor monitor, final Consumer<String> log) throws IOException {
		// one run at a time writes a package and its checkpoint
		try (RunLock lock = RunLock.acquire(options.outputModel(), "output_model")) {
			return runLocked(command, monitor, log);
		}
	}

	private Result runLocked(final String command, final Monitor monitor, final Consumer<String> log)
		throws IOException
	{
		final TrainingMix mix = options.mix();
		// the degradation's ×r is the network's: a fine-tuned model keeps its own scale whatever 'scale' says
		final DegradationParams degradation = options.degradation().params(network.scale());
		final TrainingConfig config = new TrainingConfig(network, mix, degradation, options.iterations(), options
			.batchSize(), options.patchSize(), options.learningRate(), options.learningRate() * 1e-3, options.emaDecay(),
			options.degradation().seed());
		final File manifest = new File(options.inputDir(), "manifest.tsv");
		final boolean split = manifest.isFile();
		// no count yet: a resumed run's count starts where its checkpoint left off (the trainer says so)
		monitor.progress("Reading training images", 0, 0);
		// a grey network (num_in_ch = 1) learns from the photographs' luminance
		final HrDataset train = channels(HrDataset.load(options.inputDir(), split ? "train" : null));
		// the sampler draws only images that hold a whole crop: refuse up front rather than loop forever
		train.checkCrop(options.patchSize() * network.scale(), "patch_size x scale");
		final HrDataset validation = split ? channels(HrDataset.load(options.inputDir(), "validation")) : null;
		final String role = options.role().label();
		log.accept("FAIG Train Model: " + network + ", " + role + ", " + train.size() + " training images (" + String
			.format(Locale.ROOT, "%.1f", train.pixels() / 1e6) + " Mpx)");

		final File ckpt = checkpoint(options.outputModel());
		final List<LogEntry> entries = new ArrayList<>();
		final long t0 = System.nanoTime();
		final double[] smooth = { Double.NaN };
		final Trainer.Result result;
		try {
			// the trainer asks the monitor itself before each step, and saves its checkpoint before it stops
			result = new Trainer(config, train).train(init != null ? init.weights() : null, ckpt,
			options.checkpointEvery(), -1, (t, n, loss, lr) -> {
				smooth[0] = Double.isNaN(smooth[0]) ? loss : 0.98 * smooth[0] + 0.02 * loss;
				if (t % LOG_EVERY == 0 || t == n) {
					final LogEntry e = new LogEntry(t, smooth[0], lr, (System.nanoTime() - t0) / 1e9);
					entries.add(e);
					log.accept(String.format(Locale.ROOT, "step %d/%d  L1 %.5f  lr %.2e  %.0f s", t, n, e.loss(), lr, e
						.seconds()));
				}
			}, monitor.reporting((message, t, n) -> monitor.progress(Double.isNaN(smooth[0]) ? message : String.format(
				Locale.ROOT, "Training, L1 %.4f", smooth[0]), t, n)));
		}
		catch (final IOException e) {
			throw writeFailure(e, ckpt.getName());
		}

		final JsonObject prov = new JsonObject();
		if (command != null) prov.addProperty("command", command);
		prov.addProperty("iterations", options.iterations());
		prov.addProperty("seed", options.degradation().seed());
		prov.addProperty("role", role);
		prov.addProperty("mix_p_blur", mix.pBlur());
		prov.addProperty("mix_p_noise", mix.pNoise());
		prov.addProperty("batch_size", options.batchSize());
		prov.addProperty("patch_size", options.patchSize());
		prov.addProperty("learning_rate", options.learningRate());
		prov.addProperty("ema_decay", options.emaDecay());
		prov.addProperty("training_images", train.size());
		if (network.grey()) prov.addProperty("training_data", "luminance: round(0.299 R + 0.587 G + 0.114 B)");
		if (split) prov.addProperty("data_manifest_sha256", Hashes.sha256(manifest.toPath()));
		if (init != null) {
			prov.addProperty("fine_tuned_from", init.name());
			// the whole history: a model fine-tuned in stages keeps how each earlier stage was made
			if (init.provenance() != null) prov.add("init_provenance", init.provenance());
		}
		prov.addProperty("wall_time_s_this_run", Math.round(result.seconds()));
		// a resumed run's wall time covers only its own steps; the earlier ones ran in another process
		if (result.resumedAt() > 0) prov.addProperty("resumed_at_step", result.resumedAt());
		prov.addProperty("final_l1_loss", result.lastLoss());
		if (validation != null) {
			monitor.progress("Validating", options.iterations(), options.iterations());
			prov.add("validation", validate(result.ema(), validation, degradation, log));
		}

		final ModelPackage pkg = new ModelPackage(network, options.outputModel().getName(), options
			.role() == TrainOptions.Role.CUSTOM ? "other" : role, network + " trained for x" + network.scale() + " SR (" +
				role + ")", options.license(), prov, result.ema());
		try {
			pkg.write(options.outputModel(), "FAIG Train Model");
		}
		catch (final IOException e) {
			throw writeFailure(e, "the model package " + options.outputModel().getName());
		}
		Files.deleteIfExists(ckpt.toPath());
		return new Result(pkg, train.size(), Collections.unmodifiableList(entries));
	}

	/** The photographs as the network takes them: their luminance for a grey network, else RGB. */
	private HrDataset channels(final HrDataset photographs) {
		return network.grey() ? photographs.luminance() : photographs;
	}

	/**
	 * A failure of the filesystem (a full disk, no permission) while writing {@code name} beside output_model, as one
	 * line naming output_model and why; the project's own messages (a damaged checkpoint) stay as they are.
	 */
	private IOException writeFailure(final IOException e, final String name) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof java.nio.file.FileSystemException || String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT)
				.contains("no space"))
			{
				return io.github.faig.io.AtomicOutputs.failure("output_model", options.outputModel().getAbsoluteFile()
					.toPath(), name, e, null);
			}
		}
		return e;
	}

	/** PSNR and SSIM of the trained weights on the validation images, per degradation. */
	private JsonObject validate(final StateDict weights, final HrDataset validation,
		final DegradationParams degradation, final Consumer<String> log)
	{
		final List<FloatImage> images = new ArrayList<>();
		for (int i = 0; i < validation.size(); i++) images.add(validation.image(i));
		final JsonObject out = new JsonObject();
		out.addProperty("images", images.size());
		out.addProperty("crop", options.validationCrop());
		try (NDManager m = Engines.newManager()) {
			final SrNetwork net = new SrNetwork(network).load(weights, m);
			final Map<Degradation, Evaluator.Score> s = new Evaluator(degradation, VALIDATION_SEED, options
				.validationCrop()).evaluate(net, m, images, List.of(Degradation.values()));
			for (final Map.Entry<Degradation, Evaluator.Score> e : s.entrySet()) {
				out.addProperty("psnr_" + e.getKey().label(), Math.round(e.getValue().psnr() * 100) / 100.0);
				out.addProperty("ssim_" + e.getKey().label(), Math.round(e.getValue().ssim() * 10000) / 10000.0);
				log.accept(String.format(Locale.ROOT, "validation %-10s PSNR %.2f dB  SSIM %.4f", e.getKey().label(), e
					.getValue().psnr(), e.getValue().ssim()));
			}
		}
		return out;
	}
}
