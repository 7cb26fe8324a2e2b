package io.github.faig.train;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.faig.degrade.GaussianBlur;
import io.github.faig.io.AtomicOutputs;
import io.github.faig.nn.Engines;
import io.github.faig.nn.SrNetwork;
import io.github.faig.nn.StateDict;
import io.github.faig.nn.Tensor;
import io.github.faig.workflow.Monitor;
import io.github.faig.workflow.TerminationGuard;
import io.github.faig.nn.io.SafeTensors;

/**
 * Trains an SR network as BasicSR does for the paper's models: L1 loss, Adam (β = 0.9, 0.99), cosine learning rate,
 * an exponential moving average of the weights (the model that is kept), batches from {@link HrDataset}. Every
 * random choice of step {@code t} comes from a generator seeded with {@code (seed, t)}, and checkpoints hold the
 * weights, the Adam moments and the average, so a run resumed from a checkpoint ends with the same weights as an
 * uninterrupted one.
 */
public final class Trainer {

	/**
	 * Receives each step's loss and learning rate (the training log's figures; progress and cancellation go through
	 * the {@link Monitor}).
	 */
	@FunctionalInterface
	public interface Listener {

		/** A listener that keeps nothing. */
		Listener NONE = (iteration, total, loss, learningRate) -> {};

		void step(int iteration, int total, double loss, double learningRate);
	}

	/**
	 * What a run ends with.
	 *
	 * @param resumedAt the step this run resumed at from a checkpoint (0 when it started afresh)
	 * @param seconds the wall time of this run alone, from {@code resumedAt} on
	 */
	public record Result(StateDict ema, StateDict weights, int iterations, int resumedAt, double lastLoss,
		double seconds) {}

	private static final double BETA1 = 0.9;
	private static final double BETA2 = 0.99;
	private static final double EPS = 1e-8;


	/** How long a termination signal waits for the current step and a checkpoint, in seconds. */
	private static final long SHUTDOWN_WAIT_S = 60;

	private final TrainingConfig config;
	private final HrDataset data;

	public Trainer(final TrainingConfig config, final HrDataset data) {
		this.config = config;
		this.data = data;
	}

	/** The generator of step {@code t}: a fixed mix of the seed and the step. */
	static Random stepRandom(final long seed, final int t) {
		long z = seed * 0x9E3779B97F4A7C15L + t;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return new Random(z ^ (z >>> 31));
	}

	/**
	 * Runs (or resumes) the training.
	 *
	 * @param init initial weights (fine-tuning), or {@code null} for BasicSR's initialisation with the seed
	 * @param checkpoint checkpoint file, written every {@code checkpointEvery} steps and read first if it exists;
	 *          {@code null} for none
	 * @param stopAfter stop (after checkpointing) once this step is done, for tests of resuming; or -1
	 * @param listener told each step's loss, {@link Listener#NONE} for nobody
	 * @param monitor told "Resuming at step t/n" when a checkpoint was read, then "Training step t/n" after each step,
	 *          and asked before each: cancelled, the run checkpoints and stops with a {@link CancellationException}
	 */
	public Result train(final StateDict init, final File checkpoint, final int checkpointEvery, final int stopAfter,
		final Listener listener, final Monitor monitor) throws IOException
	{
		final long t0 = System.nanoTime();
		final GaussianBlur blur = new GaussianBlur(config.degradation().blurSigma(), config.degradation().kernelSize());
		// A termination signal asks the loop to checkpoint and stop, and waits for it (see TerminationGuard).
		final AtomicBoolean terminating = new AtomicBoolean();
		try (TerminationGuard g = TerminationGuard.install("faig-training-shutdown", () -> terminating.set(true),
			SHUTDOWN_WAIT_S))
		{
			return train(init, checkpoint, checkpointEvery, stopAfter, listener, monitor, blur, terminating, t0);
		}
	}

	private Result train(final StateDict init, final File checkpoint, final int checkpointEvery, final int stopAfter,
		final Listener listener, final Monitor monitor, final GaussianBlur blur,
		final AtomicBoolean terminating, final long t0) throws IOException
	{
		synchronized (Engines.GRADIENT_LOCK) {
			Engines.workerThread();
			try (NDManager root = Engines.newManager()) {
				final SrNetwork net = new SrNetwork(config.spec());
				final StateDict start = init != null ? init : SrNetwork.initialWeights(config.spec(), config.seed());
				net.load(start, root);
				final List<String> names = net.parameterNames();
				final List<NDArray> params = net.paramArrays();
				final List<NDArray> m = new ArrayList<>();
				final List<NDArray> v = new ArrayList<>();
				final List<NDArray> ema = new ArrayList<>();
				for (final NDArray p : params) {
					m.add(root.zeros(p.getShape()));
					v.add(root.zeros(p.getShape()));
					ema.add(p.duplicate());
				}
				int first = 0;
				if (checkpoint != null && checkpoint.isFile()) {
					first = restore(checkpoint, names, params, m, v, ema);
				}
				for (final NDArray p : params) p.setRequiresGradient(true);
				// the resume point first: progress (and its time left) counts only the steps this run makes
				if (first > 0) monitor.progress("Resuming at step " + first + "/" + config.iterations(), first, config
					.iterations());
				double loss = Double.NaN;
				for (int t = first; t < config.iterations(); t++) {
					final boolean stop = terminating.get();
					if (stop || monitor.isCancelled()) {
						// keep the work done so far: the same command resumes from here
						if (checkpoint != null && t > first) save(checkpoint, names, params, m, v, ema, t);
						throw new CancellationException((stop ? "Stopped" : "Cancelled") +
							" after step " + t + (checkpoint != null ? "; run the same command again to resume from " +
								checkpoint : ""));
					}
					final HrDataset.Batch b = data.sample(stepRandom(config.seed(), t), config.batchSize(), config
						.patchSize(), config.degradation(), config.mix(), blur);
					final double lr = config.learningRateAt(t);
					loss = step(root, net, params, m, v, ema, b, lr, t + 1);
					if (!Double.isFinite(loss)) {
						throw new IllegalStateException("training diverged at step " + (t + 1) + " (loss " + loss +
							"); lower learning_rate");
					}
					listener.step(t + 1, config.iterations(), loss, lr);
					monitor.progress("Training step " + (t + 1) + "/" + config.iterations(), t + 1, config
						.iterations());
					final boolean last = t + 1 == config.iterations() || t + 1 == stopAfter;
					if (checkpoint != null && ((t + 1) % checkpointEvery == 0 || last)) {
						save(checkpoint, names, params, m, v, ema, t + 1);
					}
					if (t + 1 == stopAfter) break;
				}
				return new Result(toStateDict(names, ema), toStateDict(names, params), config.iterations(), first,
					loss, (System.nanoTime() - t0) / 1e9);
			}
		}
	}

	/** One optimiser step; returns the loss. */
	private double step(final NDManager root, final SrNetwork net, final List<NDArray> params, final List<NDArray> m,
		final List<NDArray> v, final List<NDArray> ema, final HrDataset.Batch b, final double lr, final int t)
	{
		try (NDManager sub = root.newSubManager()) {
			for (final List<NDArray> l : List.of(params, m, v, ema)) for (final NDArray a : l) a.tempAttach(sub);
			final NDArray x = sub.create(b.lr(), new Shape(b.n(), b.channels(), b.lrSize(), b.lrSize()));
			final NDArray y = sub.create(b.hr(), new Shape(b.n(), b.channels(), b.hrSize(), b.hrSize()));
			final double loss;
			try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
				final NDArray l1 = net.forward(x).sub(y).abs().mean();
				gc.backward(l1);
				loss = l1.getFloat();
			}
			// Grad mode is off again: update in place.
			final double c1 = 1 - Math.pow(BETA1, t);
			final double c2 = 1 - Math.pow(BETA2, t);
			final float decay = (float) config.emaDecay();
			for (int i = 0; i < params.size(); i++) {
				final NDArray p = params.get(i);
				final NDArray g = p.getGradient();
				m.get(i).muli(BETA1).addi(g.mul(1 - BETA1));
				v.get(i).muli(BETA2).addi(g.square().muli(1 - BETA2));
				final NDArray denom = v.get(i).div(c2).sqrt().addi(EPS);
				p.subi(m.get(i).div(denom).muli(lr / c1));
				Engines.zeroGradient(p);
				g.close();
				ema.get(i).muli(decay).addi(p.mul(1 - decay));
			}
			return loss;
		}
	}

	private static StateDict toStateDict(final List<String> names, final List<NDArray> arrays) {
		final StateDict sd = new StateDict();
		for (int i = 0; i < names.size(); i++) {
			sd.put(names.get(i), new Tensor(arrays.get(i).getShape().getShape(), arrays.get(i).toFloatArray()));
		}
		return sd;
	}

	private void save(final File file, final List<String> names, final List<NDArray> params, final List<NDArray> m,
		final List<NDArray> v, final List<NDArray> ema, final int iteration) throws IOException
	{
		final StateDict sd = new StateDict();
		for (int i = 0; i < names.size(); i++) {
			sd.put("param/" + names.get(i), tensor(params.get(i)));
			sd.put("adam_m/" + names.get(i), tensor(m.get(i)));
			sd.put("adam_v/" + names.get(i), tensor(v.get(i)));
			sd.put("ema/" + names.get(i), tensor(ema.get(i)));
		}
		final Map<String, String> meta = new LinkedHashMap<>();
		meta.put("iteration", Integer.toString(iteration));
		meta.put("config", config.fingerprint());
		// a name of this run's own: two runs never write one temporary file (TrainModel also locks the output)
		final java.nio.file.Path tmp = io.github.faig.io.OutputPaths.freshSibling(file.getAbsoluteFile().toPath(), false);
		try {
			SafeTensors.write(sd, meta, tmp.toFile());
			AtomicOutputs.moveIntoPlace(tmp, file.toPath());
		}
		finally {
			java.nio.file.Files.deleteIfExists(tmp);
		}
	}

	private static Tensor tensor(final NDArray a) {
		return new Tensor(a.getShape().getShape(), a.toFloatArray());
	}

	/**
	 * Reads a checkpoint back into the arrays, after checking all of it: the run it belongs to, a step count within
	 * this run, and every tensor present, of its parameter's shape and finite. A damaged checkpoint is refused before
	 * any step, naming the file and what is wrong, rather than failing (or diverging) later.
	 */
	private int restore(final File file, final List<String> names, final List<NDArray> params, final List<NDArray> m,
		final List<NDArray> v, final List<NDArray> ema) throws IOException
	{
		final String damaged = "checkpoint " + file + " is damaged: ";
		final String advice = "; delete it to start over";
		final Map<String, String> meta;
		final StateDict sd;
		try {
			meta = SafeTensors.metadata(file);
			sd = SafeTensors.read(file);
		}
		catch (final IOException e) {
			throw new IllegalArgumentException(damaged + e.getMessage() + advice);
		}
		if (!config.fingerprint().equals(meta.get("config"))) {
			throw new IllegalArgumentException("checkpoint " + file + " belongs to another training run (" + TrainingConfig
				.difference(meta.get("config"), config.fingerprint()) + "); run the same command to resume, or delete it " +
				"to start over");
		}
		final String it = meta.get("iteration") == null ? "" : meta.get("iteration").trim();
		if (!it.matches("[-+]?\\d+")) {
			throw new IllegalArgumentException(damaged + "its step count is '" + io.github.faig.workflow.Quoted.of(it) +
				"', not a whole number" + advice);
		}
		final long first;
		try {
			first = Long.parseLong(it);
		}
		catch (final NumberFormatException e) {
			throw new IllegalArgumentException(damaged + "its step count " + io.github.faig.workflow.Quoted.of(it) +
				" is out of range, expected 1 to " + config.iterations() + advice);
		}
		if (first < 1 || first > config.iterations()) {
			throw new IllegalArgumentException(damaged + "its step count " + first + " is out of range, expected 1 to " + config
				.iterations() + advice);
		}
		final String[] parts = { "param/", "adam_m/", "adam_v/", "ema/" };
		final List<List<NDArray>> into = List.of(params, m, v, ema);
		for (int i = 0; i < names.size(); i++) {
			final long[] shape = params.get(i).getShape().getShape();
			for (final String part : parts) {
				final Tensor t = sd.get(part + names.get(i));
				if (t == null) throw new IllegalArgumentException(damaged + "it lacks " + part + names.get(i) + advice);
				if (!java.util.Arrays.equals(shape, t.shape())) {
					throw new IllegalArgumentException(damaged + part + names.get(i) + " has shape " + java.util.Arrays
						.toString(t.shape()) + ", expected " + java.util.Arrays.toString(shape) + advice);
				}
				for (final float x : t.data()) {
					if (!Float.isFinite(x) || x < 0 && part.equals("adam_v/")) {
						throw new IllegalArgumentException(damaged + part + names.get(i) + " holds " + x + " values" + advice);
					}
				}
			}
		}
		for (int i = 0; i < names.size(); i++) {
			for (int k = 0; k < parts.length; k++) set(into.get(k).get(i), sd.get(parts[k] + names.get(i)));
		}
		return (int) first;
	}

	private static void set(final NDArray a, final Tensor t) {
		try (NDArray src = a.getManager().create(t.data(), new Shape(t.shape()))) {
			// an in-place copy through arithmetic (a is finite, so 0·a + src is src exactly): NDArray.set goes through
			// a libtorch call that prints a C++ deprecation warning on every resume
			a.muli(0).addi(src);
		}
	}
}
