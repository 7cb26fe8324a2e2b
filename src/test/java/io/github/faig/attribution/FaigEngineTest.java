package io.github.faig.attribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.faig.image.FloatImage;
import io.github.faig.nn.ConvLayer;
import io.github.faig.nn.Engines;
import io.github.faig.nn.Fixtures;
import io.github.faig.nn.NetworkSpec;
import io.github.faig.nn.SrNetwork;
import io.github.faig.nn.StateDict;
import io.github.faig.nn.Tensor;
import io.github.faig.nn.io.CheckpointConverter;
import io.github.faig.workflow.Monitor;

/** FAIG against answers known independently of the engine. */
class FaigEngineTest {

	static final NetworkSpec SPEC = new NetworkSpec("MSRResNet", 2, 4, 1);

	static FloatImage random(final int c, final int h, final int w, final long seed) {
		final Random r = new Random(seed);
		final FloatImage img = new FloatImage(c, h, w);
		for (int i = 0; i < img.data().length; i++) img.data()[i] = r.nextFloat();
		return img;
	}

	/** A copy of {@code sd} with one tensor replaced by itself plus seeded noise of size {@code amp}. */
	static StateDict perturb(final StateDict sd, final String name, final double amp, final long seed) {
		final Random r = new Random(seed);
		final StateDict out = new StateDict();
		for (final String n : sd.names()) {
			final Tensor t = sd.get(n);
			if (name == null || n.equals(name)) {
				final float[] d = t.data().clone();
				for (int i = 0; i < d.length; i++) d[i] += (float) (amp * r.nextGaussian());
				out.put(n, new Tensor(t.shape(), d));
			}
			else out.put(n, t);
		}
		return out;
	}

	static StateDict target() {
		// Larger than BasicSR's 0.1-scaled start, so the network is far from its bilinear residual.
		final StateDict init = SrNetwork.initialWeights(SPEC, 3);
		final StateDict out = new StateDict();
		for (final String n : init.names()) {
			final float[] d = init.get(n).data().clone();
			for (int i = 0; i < d.length; i++) d[i] *= 8;
			out.put(n, new Tensor(init.get(n).shape(), d));
		}
		return perturb(out, null, 0.02, 4);
	}

	/**
	 * When only conv_last's weights differ, the output is affine in α, so Σ_k ∂L/∂W / N is ∂L/∂W at the mean α,
	 * which the test computes by hand from conv_last's input: 2 Σ (F(ᾱ) − gt) ⊗ h.
	 */
	@Test
	void lastLayerMatchesTheHandComputation() {
		final StateDict theta = target();
		final StateDict thetaBar = perturb(theta, "conv_last.weight", 0.05, 5);
		final FloatImage lr = random(3, 7, 9, 6);
		final FloatImage gt = random(3, 14, 18, 7);
		final int n = 10;
		final float[] scores;
		try (FaigEngine e = new FaigEngine(SPEC, thetaBar, theta)) {
			scores = e.attribute(lr, gt, Quadrature.RIEMANN, n).scores();
		}
		// Hand computation in double precision.
		final float[] fBar;
		final float[] fTheta;
		final Map<String, float[]> taps = new HashMap<>();
		Engines.workerThread();
		try (NDManager m = Engines.newManager()) {
			final NDArray x = m.create(lr.data(), new Shape(1, 3, 7, 9));
			fBar = new SrNetwork(SPEC).load(thetaBar, m).forward(x, (k, a) -> taps.put(k, a.toFloatArray()))
				.toFloatArray();
			fTheta = new SrNetwork(SPEC).load(theta, m).forward(x).toFloatArray();
		}
		final float[] h = taps.get("conv_hr");
		final int H = 14;
		final int W = 18;
		final int F = SPEC.numFeat();
		final double abar = (n + 1) / (2.0 * n);
		final float[] wT = theta.get("conv_last.weight").data();
		final float[] wB = thetaBar.get("conv_last.weight").data();
		final FilterIndex fi = FilterIndex.of(SPEC);
		final int last = fi.layers().size() - 1;
		for (int o = 0; o < 3; o++) {
			for (int i = 0; i < F; i++) {
				double s = 0;
				for (int ky = 0; ky < 3; ky++) {
					for (int kx = 0; kx < 3; kx++) {
						double g = 0;
						for (int y = 0; y < H; y++) {
							for (int x = 0; x < W; x++) {
								final int yy = y + ky - 1;
								final int xx = x + kx - 1;
								if (yy < 0 || yy >= H || xx < 0 || xx >= W) continue;
								final int p = (o * H + y) * W + x;
								final double r = fBar[p] + abar * (fTheta[p] - fBar[p]) - gt.data()[p];
								g += 2 * r * h[(i * H + yy) * W + xx];
							}
						}
						final int widx = ((o * F + i) * 3 + ky) * 3 + kx;
						s += Math.abs((wB[widx] - (double) wT[widx]) * g);
					}
				}
				final float got = scores[fi.index(last, o, i)];
				assertEquals(s, got, 1e-4 * Math.max(1, Math.abs(s)), "filter [" + o + "," + i + "]");
			}
		}
		// Filters whose weights do not differ score zero.
		for (int f = 0; f < fi.offset(last); f++) assertEquals(0f, scores[f], 0f);
	}

	/** A bias-only difference makes ∂L/∂α linear in α: trapezoid and Gauss–Legendre are exact, Riemann is off by b/2N. */
	@Test
	void completenessIsExactForLinearIntegrands() {
		final StateDict theta = target();
		final StateDict thetaBar = perturb(theta, "conv_last.bias", 0.1, 8);
		final FloatImage lr = random(3, 6, 6, 9);
		final FloatImage gt = random(3, 12, 12, 10);
		try (FaigEngine e = new FaigEngine(SPEC, thetaBar, theta)) {
			for (final Quadrature q : new Quadrature[] { Quadrature.TRAPEZOID, Quadrature.GAUSS_LEGENDRE }) {
				final FaigEngine.Attribution a = e.attribute(lr, gt, q, 3);
				assertTrue(a.completenessError() < 1e-4, q + ": " + a.completenessError());
				for (final float s : a.scores()) assertEquals(0f, s, 0f); // biases are not filters
			}
			final double e4 = e.attribute(lr, gt, Quadrature.RIEMANN, 4).completenessError();
			final double e16 = e.attribute(lr, gt, Quadrature.RIEMANN, 16).completenessError();
			assertEquals(4.0, e4 / e16, 0.05, "Riemann error ~ 1/N");
		}
	}

	/** The tiny MSRResNet fixture pair: θ the fixture's weights, θ̄ its checkpoint's 'params' (all differ). */
	private static FaigEngine fixtureEngine() throws Exception {
		final StateDict theta = Fixtures.weights("msrresnet_x2");
		return new FaigEngine(CheckpointConverter.inferSpec(theta), CheckpointConverter.readWeights(Fixtures.file(
			"msrresnet_x2.pth"), "params"), theta);
	}

	/** On a nonlinear path (every parameter differs) the error falls as N grows, with every rule. */
	@Test
	void completenessErrorFallsWithN() throws Exception {
		final FloatImage lr = random(3, 8, 8, 11);
		final FloatImage gt = random(3, 16, 16, 12);
		try (FaigEngine e = fixtureEngine()) {
			for (final Quadrature q : Quadrature.values()) {
				final int[] ns = q == Quadrature.GAUSS_LEGENDRE ? new int[] { 2, 4, 8 } : new int[] { 4, 16, 64 };
				double prev = Double.POSITIVE_INFINITY;
				for (final int n : ns) {
					final double err = e.attribute(lr, gt, q, n).completenessError();
					assertTrue(err < prev || err < 1e-5, q + " N=" + n + ": " + err + " after " + prev);
					prev = err;
				}
				// Riemann converges as 1/N; the others much faster.
				assertTrue(prev < (q == Quadrature.RIEMANN ? 0.05 : 0.01), q + " final error " + prev);
			}
		}
	}

	/**
	 * A cancel between path steps stops the attribution and leaves the engine as it was: the next attribution, by
	 * either path, equals one by a fresh engine.
	 */
	@Test
	void cancelStopsBetweenStepsAndLeavesTheEngineClean() throws Exception {
		final FloatImage lr = random(3, 8, 8, 21);
		final FloatImage gt = random(3, 16, 16, 22);
		final FloatImage clean = random(3, 8, 8, 23);
		final float[] fresh;
		final float[] freshIg;
		try (FaigEngine e = fixtureEngine()) {
			fresh = e.attribute(lr, gt, Quadrature.TRAPEZOID, 6).scores();
			freshIg = e.inputPathGradients(clean, lr, Quadrature.TRAPEZOID, 6).scores();
		}
		try (FaigEngine e = fixtureEngine()) {
			final int[] asked = { 0 };
			assertThrows(CancellationException.class, () -> e.attribute(lr, gt, Quadrature.TRAPEZOID, 6, Monitor.of(
				(m, d, n) -> {}, () -> ++asked[0] > 3)));
			assertEquals(4, asked[0], "asked once per step until the stop");
			asked[0] = 0;
			assertThrows(CancellationException.class, () -> e.inputPathGradients(clean, lr, Quadrature.TRAPEZOID, 6,
				Monitor.of((m, d, n) -> {}, () -> ++asked[0] > 2)));
			assertEquals(3, asked[0]);
			assertArrayEquals(fresh, e.attribute(lr, gt, Quadrature.TRAPEZOID, 6, Monitor.NONE).scores(), 1e-6f);
			assertArrayEquals(freshIg, e.inputPathGradients(clean, lr, Quadrature.TRAPEZOID, 6).scores(), 1e-6f);
		}
	}

	/** The engine against the plain definition: a fresh network at each point, gradients read and summed by hand. */
	@Test
	void equalsThePlainDefinition() throws Exception {
		final StateDict theta = Fixtures.weights("msrresnet_x2");
		final StateDict thetaBar = CheckpointConverter.readWeights(Fixtures.file("msrresnet_x2.pth"), "params");
		final NetworkSpec spec = CheckpointConverter.inferSpec(theta);
		final FloatImage lr = random(3, 6, 7, 13);
		final FloatImage gt = random(3, 12, 14, 14);
		final int n = 5;
		final float[] engine;
		try (FaigEngine e = new FaigEngine(spec, thetaBar, theta)) {
			engine = e.attribute(lr, gt, Quadrature.RIEMANN, n).scores();
		}
		final Map<String, double[]> sum = new HashMap<>();
		synchronized (io.github.faig.nn.Engines.GRADIENT_LOCK) {
			Engines.workerThread();
			for (int k = 1; k <= n; k++) {
				final StateDict g = new StateDict();
				for (final String name : theta.names()) {
					final float[] a = theta.get(name).data();
					final float[] b = thetaBar.get(name).data();
					final float[] v = new float[a.length];
					for (int i = 0; i < v.length; i++) v[i] = (float) (b[i] + (k / (double) n) * (a[i] - b[i]));
					g.put(name, new Tensor(theta.get(name).shape(), v));
				}
				try (NDManager m = Engines.newManager()) {
					final SrNetwork net = new SrNetwork(spec).load(g, m);
					for (final NDArray p : net.paramArrays()) p.setRequiresGradient(true);
					try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
						final NDArray x = m.create(lr.data(), new Shape(1, 3, 6, 7));
						final NDArray y = m.create(gt.data(), new Shape(1, 3, 12, 14));
						gc.backward(net.forward(x).sub(y).square().sum());
					}
					for (final String name : net.parameterNames()) {
						final float[] gr = net.param(name).getGradient().toFloatArray();
						final double[] acc = sum.computeIfAbsent(name, x -> new double[gr.length]);
						for (int i = 0; i < gr.length; i++) acc[i] += gr[i];
					}
				}
			}
		}
		final FilterIndex fi = FilterIndex.of(spec);
		final float[] plain = new float[fi.filterCount()];
		for (int l = 0; l < fi.layers().size(); l++) {
			final ConvLayer c = fi.layers().get(l);
			final double[] acc = sum.get(c.weightName());
			final float[] a = theta.get(c.weightName()).data();
			final float[] b = thetaBar.get(c.weightName()).data();
			for (int o = 0; o < c.out(); o++) {
				for (int i = 0; i < c.in(); i++) {
					double s = 0;
					for (int k = 0; k < 9; k++) {
						final int w = (o * c.in() + i) * 9 + k;
						s += Math.abs((b[w] - (double) a[w]) * acc[w] / n);
					}
					plain[fi.index(l, o, i)] = (float) s;
				}
			}
		}
		float max = 0;
		for (final float v : plain) max = Math.max(max, Math.abs(v));
		for (int f = 0; f < plain.length; f++) assertEquals(plain[f], engine[f], 1e-4 * max, "filter " + f);
	}

	@Test
	void degradationRankingsAreExactReverses() {
		final StateDict theta = target();
		final StateDict thetaBar = perturb(theta, null, 0.05, 15);
		// LR sides of 12 and more: crops of the tiny network's receptive field (11 pixels)
		final List<FloatImage> gts = List.of(random(3, 24, 24, 16), random(3, 24, 26, 17));
		try (FaigEngine e = new FaigEngine(SPEC, thetaBar, theta)) {
			final DegradationAttribution da = new DegradationAttribution(e, io.github.faig.degrade.DegradationParams
				.defaults(), 1, Quadrature.TRAPEZOID, 4, 11, 2);
			final int[] calls = { 0 };
			final DegradationAttribution.Result r = da.run(gts, List.of("a", "b"), Monitor.of((m, d, t) -> calls[0]++,
				() -> false));
			assertEquals(8, calls[0]);
			assertEquals(8, r.inputs().size());
			final int[] b = r.blur().order();
			final int[] nz = r.noise().order();
			for (int i = 0; i < b.length; i++) assertEquals(b[i], nz[b.length - 1 - i]);
			assertEquals(FilterIndex.of(SPEC).filterCount(), b.length);
			// The blur score is the mean of S(blur) - S(noise) over the pairs.
			double expect = 0;
			final int f = b[0];
			for (final DegradationAttribution.Input in : r.inputs()) {
				expect += (in.degradation() == io.github.faig.degrade.Degradation.BLUR ? 1 : -1) * in.attribution()
					.scores()[f];
			}
			assertEquals(expect / 4, r.blurMinusNoise()[f], 1e-5 * Math.abs(expect));
		}
	}

	@Test
	void quadratureWeightsIntegratePolynomials() {
		for (final Quadrature q : Quadrature.values()) {
			final double[][] r = q.rule(6);
			double one = 0;
			double cubic = 0;
			for (int k = 0; k < 6; k++) {
				one += r[1][k];
				cubic += r[1][k] * Math.pow(r[0][k], 3);
			}
			assertEquals(1.0, one, 1e-12, q.label());
			if (q == Quadrature.GAUSS_LEGENDRE) assertEquals(0.25, cubic, 1e-12);
		}
		assertArrayEquals(new double[] { 0.25, 0.5, 0.75, 1.0 }, Quadrature.RIEMANN.rule(4)[0], 1e-15);
		assertEquals(0.5, Quadrature.GAUSS_LEGENDRE.rule(1)[0][0], 1e-12);
	}
}
