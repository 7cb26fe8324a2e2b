package io.github.faig.tools;

import java.io.File;
import java.io.PrintStream;
import java.util.List;

import com.google.gson.JsonObject;

import io.github.faig.nn.ConvLayer;
import io.github.faig.nn.Edsr;
import io.github.faig.nn.NetworkSpec;
import io.github.faig.nn.StateDict;
import io.github.faig.nn.Tensor;
import io.github.faig.nn.io.ModelPackage;

/**
 * An RGB network turned into a grey one ({@code num_in_ch = num_out_ch = 1}) that computes, for a grey image, exactly
 * what the RGB network followed by luminance computes for that image given as three equal channels:
 * <ul>
 * <li>the first convolution's weights are summed over R, G and B (three equal input channels make each output the
 * sum of the three kernels' responses);</li>
 * <li>the last convolution's weights and biases become {@code 0.299 R + 0.587 G + 0.114 B} of the three outputs'
 * (the luminance the project uses: the masking metric's and grey training data's); MSRResNet's bilinear skip adds the
 * same upsampled grey image to each channel, and the weights sum to 1, so it is added once as before.</li>
 * </ul>
 * The stage a grey sample pair starts from (RESULTS.md); EDSR is refused, since its mean shift is per channel and a
 * grey EDSR's is 0, which the zero padding at the borders does not let the first convolution absorb exactly.
 *
 * <pre>
 * scripts/dev-tool.sh grey-network &lt;rgb-model&gt; &lt;output-model&gt;
 * </pre>
 */
public final class GreyNetwork {

	/** The luminance weights (ITU-R BT.601), R, G, B. */
	static final double[] LUMINANCE = { 0.299, 0.587, 0.114 };

	private GreyNetwork() {}

	public static int run(final PrintStream out, final PrintStream err, final String... args) {
		if (args.length != 2) {
			err.println("usage: grey-network <rgb-model> <output-model>");
			return 2;
		}
		try {
			final File target = new File(args[1]);
			if (target.exists()) {
				err.println("grey-network: output-model '" + target + "' exists: expected a new folder");
				return 2;
			}
			final ModelPackage rgb = ModelPackage.read(new File(args[0]));
			final ModelPackage grey = convert(rgb, target.getName(), "scripts/dev-tool.sh grey-network " + args[0] +
				" " + args[1]);
			grey.write(target, "scripts/dev-tool.sh grey-network");
			out.println("grey-network: " + rgb.spec() + " -> " + grey.spec() + " in " + target);
			return 0;
		}
		catch (final Exception e) {
			err.println("grey-network: " + e.getMessage());
			return 1;
		}
	}

	/** The grey network of {@code rgb}, named {@code name}, its provenance holding {@code command} and rgb's own. */
	public static ModelPackage convert(final ModelPackage rgb, final String name, final String command) {
		final NetworkSpec spec = rgb.spec();
		if (spec.numInCh() != NetworkSpec.RGB || spec.numOutCh() != NetworkSpec.RGB) {
			throw new IllegalArgumentException("model " + rgb.name() + " is not an RGB network: " + spec);
		}
		if (spec.architecture().equals(Edsr.NAME)) {
			throw new IllegalArgumentException("EDSR's per-channel mean shift has no exact grey equivalent at the " +
				"image borders; train a grey EDSR instead");
		}
		final NetworkSpec greySpec = spec.withChannels(NetworkSpec.GREY);
		final StateDict w = weights(spec, rgb.weights());
		final JsonObject prov = new JsonObject();
		prov.addProperty("command", command);
		prov.addProperty("converted_from", rgb.name());
		prov.addProperty("conversion", "first conv summed over R, G, B; last conv combined as 0.299 R + 0.587 G + " +
			"0.114 B: for a grey image, exactly the RGB network on three equal channels followed by luminance");
		prov.add("init_provenance", rgb.provenance());
		return new ModelPackage(greySpec, name, rgb.role(), greySpec + " converted from " + rgb.name(), rgb.license(),
			prov, w);
	}

	/** The grey weights: every tensor as it was but the first convolution's weight and the last one's. */
	static StateDict weights(final NetworkSpec spec, final StateDict sd) {
		final List<ConvLayer> layers = spec.layers();
		final ConvLayer first = layers.get(0);
		final ConvLayer last = layers.get(layers.size() - 1);
		final StateDict out = new StateDict();
		for (final ConvLayer l : layers) {
			Tensor w = sd.get(l.weightName());
			Tensor b = sd.get(l.biasName());
			if (l == first) w = sumInputs(w);
			if (l == last) {
				w = combineOutputs(w);
				b = combineOutputs(b);
			}
			out.put(l.weightName(), w);
			out.put(l.biasName(), b);
		}
		return out;
	}

	/** {@code (out, 3, k, k)} to {@code (out, 1, k, k)}: the sum over the input channels. */
	private static Tensor sumInputs(final Tensor w) {
		final long[] s = w.shape();
		final int o = (int) s[0];
		final int kk = (int) (s[2] * s[3]);
		final float[] v = new float[o * kk];
		for (int i = 0; i < o; i++) {
			for (int k = 0; k < kk; k++) {
				double sum = 0;
				for (int c = 0; c < 3; c++) sum += w.data()[(i * 3 + c) * kk + k];
				v[i * kk + k] = (float) sum;
			}
		}
		return new Tensor(new long[] { o, 1, s[2], s[3] }, v);
	}

	/** {@code (3, …)} to {@code (1, …)}: the luminance of the three output channels' weights (or biases). */
	private static Tensor combineOutputs(final Tensor t) {
		final long[] s = t.shape().clone();
		final int per = t.numel() / 3;
		final float[] v = new float[per];
		for (int k = 0; k < per; k++) {
			double sum = 0;
			for (int c = 0; c < 3; c++) sum += LUMINANCE[c] * t.data()[c * per + k];
			v[k] = (float) sum;
		}
		s[0] = 1;
		return new Tensor(s, v);
	}
}
