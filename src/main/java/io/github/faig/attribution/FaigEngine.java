package io.github.faig.attribution;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.faig.image.FloatImage;
import io.github.faig.workflow.Monitor;
import io.github.faig.nn.ConvLayer;
import io.github.faig.nn.Engines;
import io.github.faig.nn.SrNetwork;
import io.github.faig.nn.StateDict;
import io.github.faig.nn.Tensor;

/**
 * Filter Attribution based on Integrated Gradients for one baseline/target pair of the same architecture
 * (docs/method.md §3, Eq. 6). For an input {@code x} and its ground truth, along {@code γ(α) = θ̄ + α(θ − θ̄)}:
 *
 * <pre>
 * a_w(x) = | (θ̄_w − θ_w) · Σ_k w_k ∂L/∂w (γ(α_k), x) |     L(γ, x) = Σ (F(γ, x) − x_gt)²
 * S_i(x) = Σ_{w in filter i} a_w(x)                          (the K×K slice W[o, i])
 * </pre>
 *
 * Every parameter, biases included, moves along the path. The weighted sum over path points builds up in the
 * parameters' gradients (weighting the loss by w_k before each backward pass), and the network is set in place to
 * each point {@code θ̄ + α_k(θ − θ̄)} (exactly, so no error creeps in over thousands of steps), so a step costs
 * little beyond a forward and backward pass. Each step runs in its own native sub-manager.
 * <p>
 * Not thread-safe; one engine at a time may run attribution (DJL allows one gradient collector per JVM).
 * </p>
 */
public final class FaigEngine implements AutoCloseable {

	/** The attribution of one input. */
	public record Attribution(float[] scores, double signedSum, double lossTarget, double lossBaseline, int steps,
		Quadrature rule) implements java.io.Serializable
	{

		/** The completeness identity's right-hand side: L(θ̄) − L(θ). */
		public double lossGap() {
			return lossBaseline - lossTarget;
		}

		/** |Σ signed attributions − (L(θ̄) − L(θ))| / |L(θ̄) − L(θ)|. */
		public double completenessError() {
			return Math.abs(signedSum - lossGap()) / Math.abs(lossGap());
		}
	}

	private final NDManager manager;
	private final SrNetwork net;
	private final FilterIndex filters;
	private final List<NDArray> params;
	private final List<NDArray> baseline;
	private final List<NDArray> target;
	/** θ − θ̄ per parameter. */
	private final List<NDArray> direction;
	private final List<Integer> weightIndex = new ArrayList<>();

	/**
	 * @param baseline θ̄, the plain SR model
	 * @param target θ, the model fine-tuned to remove degradations; same architecture
	 */
	public FaigEngine(final io.github.faig.nn.NetworkSpec spec, final StateDict baseline, final StateDict target) {
		SrNetwork.checkCompatible(spec, baseline);
		SrNetwork.checkCompatible(spec, target);
		Engines.workerThread();
		this.manager = Engines.newManager();
		try {
			this.net = new SrNetwork(spec).load(target, manager);
			this.filters = FilterIndex.of(spec);
			this.params = net.paramArrays();
			this.baseline = new ArrayList<>();
			this.target = new ArrayList<>();
			this.direction = new ArrayList<>();
			final List<String> names = net.parameterNames();
			for (int i = 0; i < names.size(); i++) {
				final Tensor b = baseline.get(names.get(i));
				final NDArray bb = manager.create(b.data(), new Shape(b.shape()));
				this.baseline.add(bb);
				this.target.add(params.get(i).duplicate());
				this.direction.add(params.get(i).sub(bb));
				if (names.get(i).endsWith(".weight")) weightIndex.add(i);
			}
			for (final NDArray p : params) p.setRequiresGradient(true);
		}
		catch (final RuntimeException e) {
			manager.close();
			throw e;
		}
	}

	public FilterIndex filters() {
		return filters;
	}

	public SrNetwork network() {
		return net;
	}

	/**
	 * Per-image FAIG of an LR input against its ground truth.
	 *
	 * @param lr input {@code (3, h, w)}
	 * @param gt ground truth {@code (3, h·s, w·s)}
	 */
	public Attribution attribute(final FloatImage lr, final FloatImage gt, final Quadrature rule, final int steps) {
		return attribute(lr, gt, rule, steps, Monitor.NONE);
	}

	/**
	 * {@link #attribute(FloatImage, FloatImage, Quadrature, int)} that reports each path step and stops between them,
	 * with a {@link CancellationException}, once the monitor is cancelled: one attribution of a whole image can take
	 * minutes. The engine is left at θ with clean gradients.
	 *
	 * @param monitor told "FAIG path step k/n" (k − 1 of n done) and then asked, before every step
	 */
	public Attribution attribute(final FloatImage lr, final FloatImage gt, final Quadrature rule, final int steps,
		final Monitor monitor)
	{
		final int s = net.spec().scale();
		if (gt.height() != lr.height() * s || gt.width() != lr.width() * s) {
			throw new IllegalArgumentException("ground truth " + gt + " does not match input " + lr + " at scale " + s);
		}
		// grey through an RGB network as three equal channels; a grey network takes one (FloatImage.withChannels)
		final FloatImage in = lr.withChannels(net.spec().numInCh());
		final FloatImage truth = gt.withChannels(net.spec().numOutCh());
		final double[][] q = rule.rule(steps);
		synchronized (Engines.GRADIENT_LOCK) {
			Engines.workerThread();
			try (NDManager image = manager.newSubManager()) {
				final NDArray x = image.create(in.data(), new Shape(1, in.channels(), in.height(), in.width()));
				final NDArray y = image.create(truth.data(), new Shape(1, truth.channels(), truth.height(), truth
					.width()));
				Engines.zeroGradients(params);
				moveTo(0);
				final double lossBaseline = loss(x, y);
				double lossTarget = Double.NaN;
				for (int k = 0; k < steps; k++) {
					stopIf(monitor, k, steps);
					moveTo(q[0][k]);
					final double l = step(x, y, q[1][k]);
					if (q[0][k] == 1.0) lossTarget = l;
				}
				moveTo(1);
				if (Double.isNaN(lossTarget)) lossTarget = loss(x, y);
				return collect(rule, steps, lossTarget, lossBaseline);
			}
			finally {
				moveTo(1);
			}
		}
	}

	/**
	 * The "IG" comparison of the paper (docs/method.md §4): weight gradients of {@code sum(F(θ, x(α)))} integrated along the
	 * <em>input</em> path {@code x(α) = x_clean + α(x_deg − x_clean)} on the target model, not multiplied by the
	 * input difference; per filter, the sum over its slice of {@code |Σ_k w_k ∂ sum(F)/∂w|}. The returned
	 * attribution has no completeness figures (NaN).
	 */
	public Attribution inputPathGradients(final FloatImage clean, final FloatImage degraded, final Quadrature rule,
		final int steps)
	{
		return inputPathGradients(clean, degraded, rule, steps, Monitor.NONE);
	}

	/** {@link #inputPathGradients(FloatImage, FloatImage, Quadrature, int)} that reports its steps and stops between
	 * them, as {@link #attribute(FloatImage, FloatImage, Quadrature, int, Monitor)} does. */
	public Attribution inputPathGradients(final FloatImage clean, final FloatImage degraded, final Quadrature rule,
		final int steps, final Monitor monitor)
	{
		if (clean.channels() != degraded.channels() || clean.width() != degraded.width() || clean.height() != degraded
			.height())
		{
			throw new IllegalArgumentException("clean " + clean + " and degraded " + degraded + " inputs differ");
		}
		final FloatImage x0Image = clean.withChannels(net.spec().numInCh());
		final FloatImage xImage = degraded.withChannels(net.spec().numInCh());
		final double[][] q = rule.rule(steps);
		synchronized (Engines.GRADIENT_LOCK) {
			Engines.workerThread();
			try (NDManager image = manager.newSubManager()) {
				final Shape shape = new Shape(1, x0Image.channels(), clean.height(), clean.width());
				final NDArray x0 = image.create(x0Image.data(), shape);
				final NDArray dx = image.create(xImage.data(), shape).sub(x0);
				Engines.zeroGradients(params);
				for (int k = 0; k < steps; k++) {
					stopIf(monitor, k, steps);
					try (NDManager sub = manager.newSubManager()) {
						x0.tempAttach(sub);
						dx.tempAttach(sub);
						final NDArray x = x0.add(dx.mul(q[0][k]));
						try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
							gc.backward(net.forward(x).sum().mul(q[1][k]));
						}
					}
				}
				final float[] scores = new float[filters.filterCount()];
				int layer = 0;
				try (NDManager sub = manager.newSubManager()) {
					for (final int i : weightIndex) {
						final NDArray g = params.get(i).getGradient();
						g.tempAttach(sub);
						final float[] sc = g.abs().sum(new int[] { 2, 3 }).toFloatArray();
						System.arraycopy(sc, 0, scores, filters.offset(layer), sc.length);
						layer++;
					}
				}
				Engines.zeroGradients(params);
				return new Attribution(scores, Double.NaN, Double.NaN, Double.NaN, steps, rule);
			}
		}
	}

	/** Reports path step {@code k}, then throws {@link CancellationException} (gradients cleared) if cancelled. */
	private void stopIf(final Monitor monitor, final int k, final int steps) {
		monitor.progress("FAIG path step " + (k + 1) + "/" + steps, k, steps);
		if (!monitor.isCancelled()) return;
		Engines.zeroGradients(params);
		throw new CancellationException();
	}

	/** Sets every parameter to {@code θ̄ + α(θ − θ̄)} in place (grad mode is off here); α = 0 and 1 exactly. */
	private void moveTo(final double alpha) {
		try (NDManager sub = manager.newSubManager()) {
			for (int i = 0; i < params.size(); i++) {
				final NDArray p = params.get(i);
				p.muli(0);
				if (alpha == 1) {
					p.addi(target.get(i));
					continue;
				}
				p.addi(baseline.get(i));
				if (alpha != 0) {
					final NDArray d = direction.get(i);
					d.tempAttach(sub);
					p.addi(d.mul(alpha));
				}
			}
		}
	}

	/** L at the current parameters, without gradients. */
	private double loss(final NDArray x, final NDArray y) {
		try (NDManager sub = manager.newSubManager()) {
			x.tempAttach(sub);
			y.tempAttach(sub);
			return net.forward(x).sub(y).square().toType(DataType.FLOAT64, false).sum().getDouble();
		}
	}

	/** One path point: accumulates w · ∂L/∂θ into the gradients; returns L. */
	private double step(final NDArray x, final NDArray y, final double weight) {
		try (NDManager sub = manager.newSubManager()) {
			x.tempAttach(sub);
			y.tempAttach(sub);
			final double loss;
			try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
				final NDArray sq = net.forward(x).sub(y).square();
				gc.backward(sq.sum().mul(weight));
				// Summed in double for the report: completeness compares small differences of large sums.
				loss = sq.toType(DataType.FLOAT64, false).sum().getDouble();
			}
			return loss;
		}
	}

	/** Scores from the accumulated gradients (parameters back at θ). */
	private Attribution collect(final Quadrature rule, final int steps, final double lossTarget,
		final double lossBaseline)
	{
		final float[] scores = new float[filters.filterCount()];
		double signed = 0;
		int layer = 0;
		try (NDManager sub = manager.newSubManager()) {
			for (int i = 0; i < params.size(); i++) {
				final NDArray g = params.get(i).getGradient();
				g.tempAttach(sub);
				final NDArray d = direction.get(i);
				d.tempAttach(sub);
				// (θ̄ − θ) · Σ w ∂L/∂θ, per weight.
				final NDArray attr = g.mul(d).neg();
				signed += attr.toType(DataType.FLOAT64, false).sum().getDouble();
				if (weightIndex.contains(i)) {
					final ConvLayer l = filters.layers().get(layer);
					final float[] s = attr.abs().sum(new int[] { 2, 3 }).toFloatArray();
					System.arraycopy(s, 0, scores, filters.offset(layer), l.filterCount());
					layer++;
				}
			}
		}
		Engines.zeroGradients(params);
		return new Attribution(scores, signed, lossTarget, lossBaseline, steps, rule);
	}

	@Override
	public void close() {
		manager.close();
	}
}
