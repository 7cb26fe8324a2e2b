package io.github.faig.command;

import org.scijava.ItemVisibility;
import org.scijava.plugin.Parameter;

import io.github.faig.degrade.DegradationOptions;
import io.github.faig.degrade.DegradationParams;

/**
 * A command that synthesises the paper's degraded inputs from ground truths (docs/method.md section 1): the
 * degradation group, declared once here. SciJava reads a superclass's {@code @Parameter} fields first, so a dialog
 * shows these inputs before the command's own.
 */
public abstract class DegradationCommand extends FaigCommand {

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String section_degradations = "<html><b>Degradations</b>";

	@Parameter(label = "Blur sigma", min = DegradationParams.BLUR_MIN)
	protected double blur_sigma = DegradationParams.DEFAULT_BLUR_SIGMA;

	@Parameter(label = "Kernel size", min = DegradationParams.KERNEL_MIN, max = DegradationParams.KERNEL_MAX)
	protected int kernel_size = DegradationParams.DEFAULT_KERNEL_SIZE;

	@Parameter(label = "Noise sigma", min = DegradationParams.NOISE_MIN)
	protected double noise_sigma = DegradationParams.DEFAULT_NOISE_SIGMA;

	@Parameter(label = "Random seed")
	protected long seed = 0;

	/** The degradations of the group's inputs. */
	protected DegradationOptions degradations() {
		return new DegradationOptions(blur_sigma, kernel_size, noise_sigma, seed);
	}
}
