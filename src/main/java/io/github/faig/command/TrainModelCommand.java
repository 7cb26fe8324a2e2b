package io.github.faig.command;

import io.github.faig.io.OutputPaths;
import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import com.google.gson.JsonObject;

import ai.djl.ndarray.NDManager;
import ij.measure.ResultsTable;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.degrade.TrainingMix;
import io.github.faig.ij.Tables;
import io.github.faig.image.FloatImage;
import io.github.faig.nn.Engines;
import io.github.faig.nn.NetworkSpec;
import io.github.faig.nn.SrNetwork;
import io.github.faig.nn.StateDict;
import io.github.faig.nn.io.ModelLocator;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.train.Evaluator;
import io.github.faig.train.HrDataset;
import io.github.faig.train.Trainer;
import io.github.faig.train.TrainingConfig;

/**
 * {@code Plugins>FAIG>FAIG Train Model}: trains a baseline (clean LR only) or a target (also blur and noise, each
 * with p = 0.5, independent) SR network on a folder of ground-truth photographs, or fine-tunes an existing model,
 * and writes it as a model package whose {@code model.json} records how it was made. Checkpoints beside the output
 * let a stopped run resume where it left off.
 */
@Plugin(type = Command.class, menu = { @Menu(label = "Plugins"), @Menu(label = "FAIG"), @Menu(label = "FAIG Train Model",
		weight = 80) }, headless = true,
	label = "FAIG Train Model")
public class TrainModelCommand extends FaigCommand {

	/** The paper's network, the defaults of the shape inputs (a fine-tuned model keeps its own shape). */
	private static final String DEFAULT_ARCHITECTURE = "MSRResNet";
	private static final int DEFAULT_NUM_FEAT = 64, DEFAULT_NUM_BLOCK = 16, DEFAULT_SCALE = 2;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String section_data = "<html><b>Data and output</b>";

	@Parameter(label = "Training images folder", style = FileWidget.DIRECTORY_STYLE, persist = false,
		description = "Ground-truth photographs; with a manifest.tsv its 'train' split trains and its 'validation' " +
			"split is scored")
	private File input_dir;

	@Parameter(label = "Output model (package folder)", style = FileWidget.SAVE_STYLE, persist = false)
	private File output_model;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String section_network = "<html><b>Network</b>";

	@Parameter(label = "Architecture", choices = { "MSRResNet", "SRCNNStyle" }, persist = false)
	private String architecture = DEFAULT_ARCHITECTURE;

	@Parameter(label = "Features (width)", min = "1", persist = false)
	private int num_feat = DEFAULT_NUM_FEAT;

	@Parameter(label = "Blocks (middle convs for SRCNNStyle)", min = "0", persist = false)
	private int num_block = DEFAULT_NUM_BLOCK;

	@Parameter(label = "Scale", min = "2", max = "4", persist = false)
	private int scale = DEFAULT_SCALE;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String section_learning = "<html><b>What it learns</b>";

	@Parameter(label = "Role", choices = { "baseline", "target", "custom" }, persist = false,
		description = "baseline: clean LR only; target: blur p=0.5 and noise p=0.5; custom: p_blur, p_noise")
	private String role = "baseline";

	@Parameter(label = "P(blur) (custom role)", min = "0", max = "1", persist = false)
	private double p_blur = 0.5;

	@Parameter(label = "P(noise) (custom role)", min = "0", max = "1", persist = false)
	private double p_noise = 0.5;

	@Parameter(label = "Fine-tune from (model, optional)", required = false, persist = false,
		style = MODEL_STYLE)
	private String init_model;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String section_optimisation = "<html><b>Optimisation</b>";

	@Parameter(label = "Iterations", min = "1", persist = false)
	private int iterations = 10000;

	@Parameter(label = "Batch size", min = "1", persist = false)
	private int batch_size = 16;

	@Parameter(label = "LR patch size", min = "4", persist = false)
	private int patch_size = 32;

	@Parameter(label = "Learning rate", persist = false)
	private double learning_rate = 2e-4;

	@Parameter(label = "EMA decay", persist = false)
	private double ema_decay = 0.999;

	@Parameter(label = "Random seed", persist = false)
	private long seed = 0;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String section_degradations = "<html><b>Degradations (docs/method.md section 1)</b>";

	@Parameter(label = "Blur sigma", persist = false, min = DegradationParams.BLUR_MIN)
	private double blur_sigma = DegradationParams.DEFAULT_BLUR_SIGMA;

	@Parameter(label = "Kernel size", persist = false, min = DegradationParams.KERNEL_MIN, max = DegradationParams.KERNEL_MAX)
	private int kernel_size = DegradationParams.DEFAULT_KERNEL_SIZE;

	@Parameter(label = "Noise sigma", persist = false, min = DegradationParams.NOISE_MIN)
	private double noise_sigma = DegradationParams.DEFAULT_NOISE_SIGMA;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String section_checkpoints = "<html><b>Checkpoints and validation</b>";

	@Parameter(label = "Checkpoint every (iterations)", min = "1", persist = false)
	private int checkpoint_every = 500;

	@Parameter(label = "Validation crop (HR pixels, 0 = whole images)", min = "0", persist = false)
	private int validation_crop = 384;

	@Parameter(label = "Licence of the trained weights", persist = false,
		description = "recorded in model.json; mind the licences of the training photographs")
	private String license = "Apache-2.0";

	/** The model to fine-tune, read once by {@link #validate()}; {@code null} for a fresh network. */
	private ModelPackage init;

	@Parameter(type = ItemIO.OUTPUT, label = "Training log")
	private ResultsTable training_log;

	@Override
	protected void validate() throws Exception {
		if (input_dir == null || input_dir.getPath().isBlank()) {
			throw new IllegalArgumentException("input_dir was not given: expected a folder of training photographs");
		}
		if (!input_dir.isDirectory()) {
			throw new IllegalArgumentException("input_dir '" + input_dir + "' does not exist or is not a folder");
		}
		if (!(learning_rate > 0)) throw new IllegalArgumentException("learning_rate must be > 0, got " + learning_rate);
		if (!(ema_decay >= 0 && ema_decay < 1)) {
			throw new IllegalArgumentException("ema_decay must lie in [0, 1), got " + ema_decay);
		}
		final java.util.Map<String, File> ins = new java.util.HashMap<>();
		ins.put("input_dir", input_dir);
		if (init_model != null && !init_model.isBlank()) ins.put("init_model", ModelLocator.resolve(init_model,
			"init_model"));
		OutputPaths.checkNewModel(output_model, "output_model", ins, ModelLocator.roots(), ModelPackage::replaceProblem);
		if (init_model != null && !init_model.isBlank()) {
			// fine-tuning keeps the network's shape: a shape input that says otherwise would be silently ignored
			init = ModelLocator.load(init_model, "init_model");
			final NetworkSpec s = init.spec();
			final Object[][] shape = { { "architecture", architecture, DEFAULT_ARCHITECTURE, s.architecture() },
				{ "num_feat", num_feat, DEFAULT_NUM_FEAT, s.numFeat() }, { "num_block", num_block, DEFAULT_NUM_BLOCK, s
					.numBlock() }, { "scale", scale, DEFAULT_SCALE, s.scale() } };
			for (final Object[] in : shape) {
				if (!in[1].equals(in[2]) && !in[1].equals(in[3])) {
					throw new IllegalArgumentException(in[0] + "=" + in[1] + " conflicts with init_model " + init_model +
						" (" + in[0] + " " + in[3] + "): fine-tuning keeps the network's shape; leave " + in[0] + " out");
				}
			}
		}
	}

	@Override
	protected void execute() throws Exception {
		final TrainingMix mix = role.equals("baseline") ? TrainingMix.cleanOnly() : role.equals("target")
			? TrainingMix.target() : new TrainingMix(p_blur, p_noise);
		final NetworkSpec spec = init != null ? init.spec() : new NetworkSpec(architecture, scale, num_feat,
			num_block);
		// the degradation's ×r is the network's: a fine-tuned model keeps its own scale whatever 'scale' says
		final DegradationParams degradation = new DegradationParams(blur_sigma, kernel_size, spec.scale(), noise_sigma);
		final TrainingConfig config = new TrainingConfig(spec, mix, degradation, iterations, batch_size, patch_size,
			learning_rate, learning_rate * 1e-3, ema_decay, seed);
		final File manifest = new File(input_dir, "manifest.tsv");
		final boolean split = manifest.isFile();
		status.showStatus("Reading training images");
		final HrDataset train = HrDataset.load(input_dir, split ? "train" : null);
		// the sampler draws only images that hold a whole crop: refuse up front rather than loop forever
		train.checkCrop(patch_size * spec.scale(), "patch_size x scale");
		final HrDataset validation = split ? HrDataset.load(input_dir, "validation") : null;
		log.info("FAIG Train Model: " + spec + ", " + role + ", " + train.size() + " training images (" + String.format(
			Locale.ROOT, "%.1f", train.pixels() / 1e6) + " Mpx)");

		final File ckpt = new File(output_model.getAbsoluteFile().getParentFile(), output_model.getName() +
			".checkpoint.safetensors");
		training_log = new ResultsTable();
		final long t0 = System.nanoTime();
		final double[] smooth = { Double.NaN };
		final Trainer.Result result = new Trainer(config, train).train(init != null ? init.weights() : null, ckpt,
			checkpoint_every, -1, (t, n, loss, lr) -> {
				smooth[0] = Double.isNaN(smooth[0]) ? loss : 0.98 * smooth[0] + 0.02 * loss;
				if (t % 100 == 0 || t == n) {
					training_log.incrementCounter();
					training_log.addValue("iteration", t);
					training_log.addValue("loss", smooth[0]);
					training_log.addValue("learning_rate", lr);
					final double el = (System.nanoTime() - t0) / 1e9;
					log.info(String.format(Locale.ROOT, "step %d/%d  L1 %.5f  lr %.2e  %.0f s", t, n, smooth[0], lr, el));
				}
				// no stop from inside the trainer's callback: it checks isCanceled itself and saves its checkpoint first
				report(String.format(Locale.ROOT, "Training, L1 %.4f", smooth[0]), t, n);
			}, this::isCanceled);

		final JsonObject prov = new JsonObject();
		prov.addProperty("command", commandLine(spec));
		prov.addProperty("iterations", iterations);
		prov.addProperty("seed", seed);
		prov.addProperty("role", role);
		prov.addProperty("mix_p_blur", mix.pBlur());
		prov.addProperty("mix_p_noise", mix.pNoise());
		prov.addProperty("batch_size", batch_size);
		prov.addProperty("patch_size", patch_size);
		prov.addProperty("learning_rate", learning_rate);
		prov.addProperty("ema_decay", ema_decay);
		prov.addProperty("training_images", train.size());
		if (split) {
			prov.addProperty("data_manifest_sha256", io.github.faig.data.TrainingSetBuilder.sha256(Files.readAllBytes(
				manifest.toPath())));
		}
		if (init != null) {
			prov.addProperty("fine_tuned_from", init.name());
			// the whole history: a model fine-tuned in stages keeps how each earlier stage was made
			if (init.provenance() != null) prov.add("init_provenance", init.provenance());
		}
		prov.addProperty("wall_time_s_this_run", Math.round(result.seconds()));
		// a resumed run's wall time covers only its own steps; the earlier ones ran in another process
		if (result.resumedAt() > 0) prov.addProperty("resumed_at_step", result.resumedAt());
		prov.addProperty("final_l1_loss", result.lastLoss());
		if (validation != null) prov.add("validation", validate(spec, result.ema(), validation, degradation));

		final ModelPackage pkg = new ModelPackage(spec, output_model.getName(), role.equals("custom") ? "other" : role,
			spec + " trained for x" + scale + " SR (" + role + ")", license, prov, result.ema());
		pkg.write(output_model, "FAIG Train Model");
		Files.deleteIfExists(ckpt.toPath());
		Tables.show(training_log, "FAIG training log");
	}

	private JsonObject validate(final NetworkSpec spec, final StateDict weights, final HrDataset validation,
		final DegradationParams degradation)
	{
		status.showStatus("Validating");
		final List<FloatImage> images = new ArrayList<>();
		for (int i = 0; i < validation.size(); i++) images.add(validation.image(i));
		final JsonObject out = new JsonObject();
		out.addProperty("images", images.size());
		out.addProperty("crop", validation_crop);
		try (NDManager m = Engines.newManager()) {
			final SrNetwork net = new SrNetwork(spec).load(weights, m);
			final Map<Degradation, Evaluator.Score> s = new Evaluator(degradation, 12345, validation_crop).evaluate(net, m,
				images, List.of(Degradation.values()));
			for (final Map.Entry<Degradation, Evaluator.Score> e : s.entrySet()) {
				out.addProperty("psnr_" + e.getKey().label(), Math.round(e.getValue().psnr() * 100) / 100.0);
				out.addProperty("ssim_" + e.getKey().label(), Math.round(e.getValue().ssim() * 10000) / 10000.0);
				log.info(String.format(Locale.ROOT, "validation %-10s PSNR %.2f dB  SSIM %.4f", e.getKey().label(), e
					.getValue().psnr(), e.getValue().ssim()));
			}
		}
		return out;
	}

	/**
	 * The headless line that repeats this run. The network's shape is the one trained: when fine-tuning, that of
	 * {@code init_model}, whatever the (then ignored) shape inputs said.
	 */
	private String commandLine(final NetworkSpec spec) {
		final StringBuilder s = new StringBuilder("./faig --run \"FAIG Train Model\" \"");
		s.append("input_dir='").append(input_dir.getPath()).append("',output_model='").append(output_model.getPath())
			.append("',architecture='").append(spec.architecture()).append("',num_feat=").append(spec.numFeat())
			.append(",num_block=").append(spec.numBlock()).append(",scale=").append(spec.scale()).append(",role='").append(
				role).append("'");
		if (role.equals("custom")) s.append(",p_blur=").append(p_blur).append(",p_noise=").append(p_noise);
		if (init_model != null && !init_model.isBlank()) s.append(",init_model='").append(init_model).append("'");
		s.append(",iterations=").append(iterations).append(",batch_size=").append(batch_size).append(",patch_size=")
			.append(patch_size).append(",learning_rate=").append(learning_rate).append(",ema_decay=").append(ema_decay)
			.append(",seed=").append(seed).append(",blur_sigma=").append(blur_sigma).append(",kernel_size=").append(
				kernel_size).append(",noise_sigma=").append(noise_sigma).append(",validation_crop=").append(
					validation_crop);
		if (!license.equals("Apache-2.0")) s.append(",license='").append(license).append("'");
		s.append("\"");
		return s.toString();
	}
}
