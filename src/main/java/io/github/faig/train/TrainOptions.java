package io.github.faig.train;

import java.io.File;
import java.io.Serializable;
import java.util.Locale;

import io.github.faig.degrade.DegradationOptions;
import io.github.faig.degrade.TrainingMix;
import io.github.faig.workflow.Quoted;

/**
 * What a {@link TrainModel} run is asked to do: the data, the network, what it learns, the optimisation, the
 * degradations and the checkpoints. Values are checked on construction (messages name the command input); the paths
 * are checked by {@link TrainModel}, which reads them. The defaults are {@link #DEFAULTS}.
 *
 * @param inputDir ground-truth photographs; with a {@code manifest.tsv}, its {@code train} split trains and its
 *          {@code validation} split is scored
 * @param outputModel the model package to write (folder, or {@code .zip})
 * @param architecture the network of a fresh run (a fine-tuned model keeps its own shape: see {@link TrainModel})
 * @param numFeat features (width)
 * @param numBlock residual blocks (middle convolutions for the SRCNN-style network)
 * @param scale the upscaling factor
 * @param role which degradations the inputs get
 * @param pBlur probability of blur, for {@link Role#CUSTOM}
 * @param pNoise probability of noise, for {@link Role#CUSTOM}
 * @param initModel the model to fine-tune (a name or a path), or {@code null} for a fresh network
 * @param iterations optimiser steps
 * @param batchSize samples per step
 * @param patchSize LR patch side, in pixels
 * @param learningRate the initial Adam learning rate (cosine-annealed to a thousandth of it)
 * @param emaDecay decay of the exponential moving average of the weights (the model kept)
 * @param degradation blur, kernel and noise of the synthesised inputs; its seed seeds the initialisation, the
 *          sampling and the noise
 * @param checkpointEvery iterations between checkpoints
 * @param validationCrop HR side of the centre crops of the validation images (0: whole images)
 * @param license licence of the trained weights, recorded in {@code model.json}
 * @param channels the image channels of a fresh network, BasicSR's {@code num_in_ch = num_out_ch}: 3 (RGB) or 1
 *          (grey, trained on the photographs' luminance); a fine-tuned model keeps its own
 */
public record TrainOptions(File inputDir, File outputModel, String architecture, int numFeat, int numBlock, int scale,
	Role role, double pBlur, double pNoise, String initModel, int iterations, int batchSize, int patchSize,
	double learningRate, double emaDecay, DegradationOptions degradation, int checkpointEvery, int validationCrop,
	String license, int channels) implements Serializable
{

	/** Options for an RGB network ({@code channels} 3). */
	public TrainOptions(final File inputDir, final File outputModel, final String architecture, final int numFeat,
		final int numBlock, final int scale, final Role role, final double pBlur, final double pNoise,
		final String initModel, final int iterations, final int batchSize, final int patchSize,
		final double learningRate, final double emaDecay, final DegradationOptions degradation,
		final int checkpointEvery, final int validationCrop, final String license)
	{
		this(inputDir, outputModel, architecture, numFeat, numBlock, scale, role, pBlur, pNoise, initModel, iterations,
			batchSize, patchSize, learningRate, emaDecay, degradation, checkpointEvery, validationCrop, license, 3);
	}

	/**
	 * The Train Model input {@code channels}: {@code RGB} (3) or {@code grey} (1), in any case, {@code gray} too;
	 * an IllegalArgumentException naming {@code channels} for any other text.
	 */
	public static int channels(final String label) {
		final String word = label == null ? "" : label.trim();
		if (word.equalsIgnoreCase("RGB")) return 3;
		if (word.equalsIgnoreCase("grey") || word.equalsIgnoreCase("gray")) return 1;
		throw new IllegalArgumentException("channels must be RGB or grey (or gray), got '" + io.github.faig.workflow
			.Quoted.of(label) + "'");
	}

	/** Whether {@link #channels(String)} takes {@code label}. */
	public static boolean isChannels(final String label) {
		try {
			channels(label);
			return true;
		}
		catch (final IllegalArgumentException e) {
			return false;
		}
	}

	/** {@code RGB} for 3 channels, {@code grey} for 1: the Train Model input's word. */
	public static String channelsLabel(final int channels) {
		return channels == 1 ? "grey" : "RGB";
	}

	private static final long serialVersionUID = 1L;

	/** What the network learns: the degradations its inputs get. */
	public enum Role {
		/** Clean LR inputs only. */
		BASELINE,
		/** Blur with p = 0.5 and noise with p = 0.5, independently (docs/method.md §1). */
		TARGET,
		/** Blur and noise with the probabilities {@code pBlur} and {@code pNoise}. */
		CUSTOM;

		/** The role's name as the command takes it: {@code baseline}, {@code target}, {@code custom}. */
		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}

		/** The role named {@code label}; an IllegalArgumentException naming {@code role} for any other text. */
		public static Role of(final String label) {
			for (final Role r : values()) if (r.label().equals(label)) return r;
			throw new IllegalArgumentException("role must be one of baseline, target, custom, got '" + io.github.faig.workflow.Quoted.of(label) + "'");
		}
	}

	/** The defaults of every value (no paths): the paper's MSRResNet ×2 trained as a baseline. */
	public static final TrainOptions DEFAULTS = new TrainOptions(null, null, "MSRResNet", 64, 16, 2, Role.BASELINE,
		0.5, 0.5, null, 10000, 16, 32, 2e-4, 0.999, DegradationOptions.defaults(), 500, 384, "Apache-2.0");

	public TrainOptions {
		if (role == null) throw new IllegalArgumentException("role was not given: expected baseline, target or custom");
		if (degradation == null) throw new IllegalArgumentException("the degradation options were not given");
		atLeast("num_feat", numFeat, 1);
		atLeast("num_block", numBlock, 0);
		atLeast("iterations", iterations, 1);
		atLeast("batch_size", batchSize, 1);
		atLeast("patch_size", patchSize, 4);
		atLeast("checkpoint_every", checkpointEvery, 1);
		atLeast("validation_crop", validationCrop, 0);
		if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
			throw new IllegalArgumentException("learning_rate must be > 0, got " + Quoted.number(learningRate));
		}
		if (!(emaDecay >= 0 && emaDecay < 1)) {
			throw new IllegalArgumentException("ema_decay must lie in [0, 1), got " + Quoted.number(emaDecay));
		}
		mix(role, pBlur, pNoise); // checks the probabilities
		if (channels != 1 && channels != 3) {
			throw new IllegalArgumentException("channels must be 3 (RGB) or 1 (grey), got " + channels);
		}
		if (initModel != null && initModel.isBlank()) initModel = null;
	}

	private static void atLeast(final String input, final int value, final int min) {
		if (value < min) throw new IllegalArgumentException(input + " must be at least " + min + ", got " + value);
	}

	/** The degradations the inputs get. */
	public TrainingMix mix() {
		return mix(role, pBlur, pNoise);
	}

	private static TrainingMix mix(final Role role, final double pBlur, final double pNoise) {
		return switch (role) {
			case BASELINE -> TrainingMix.cleanOnly();
			case TARGET -> TrainingMix.target();
			case CUSTOM -> new TrainingMix(pBlur, pNoise);
		};
	}

	/** These options with other data and output. */
	public TrainOptions withPaths(final File newInputDir, final File newOutputModel) {
		return new TrainOptions(newInputDir, newOutputModel, architecture, numFeat, numBlock, scale, role, pBlur, pNoise,
			initModel, iterations, batchSize, patchSize, learningRate, emaDecay, degradation, checkpointEvery,
			validationCrop, license, channels);
	}
}
