package io.github.faig.tools;

import java.io.File;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import ai.djl.ndarray.NDManager;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.image.FloatImage;
import io.github.faig.nn.Engines;
import io.github.faig.nn.SrNetwork;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.train.Evaluator;
import io.github.faig.train.HrDataset;

/**
 * The model card's table: PSNR and SSIM of every model of a folder, and of bilinear upsampling, on the validation
 * split of the training photographs, for clean, blurry, noisy and blur+noise inputs (whole images, noise seeded per
 * image).
 *
 * <pre>
 * scripts/dev-tool.sh model-card sample-models data/photos [max-side]
 * scripts/dev-tool.sh model-card sample-models/msrresnet-x2-baseline:results/training data/photos 384
 * </pre>
 */
public final class ModelCard {

	private ModelCard() {}

	public static int run(final PrintStream out, final PrintStream err, final String... args) {
		if (args.length < 2) {
			err.println("usage: model-card <models-dir>[:<models-dir or model>...] <photos-dir-with-manifest> [max-side]");
			return 2;
		}
		try {
			// one or more folders of model packages, or packages themselves, separated like a class path
			final List<File> dirList = new ArrayList<>();
			for (final String part : args[0].split(Pattern.quote(File.pathSeparator))) {
				final File f = new File(part);
				if (new File(f, ModelPackage.JSON).isFile()) dirList.add(f);
				else {
					final File[] inside = f.listFiles(d -> new File(d, ModelPackage.JSON).isFile());
					if (inside == null) throw new IllegalArgumentException("models folder " + f + " does not exist");
					Arrays.sort(inside);
					dirList.addAll(Arrays.asList(inside));
				}
			}
			if (dirList.isEmpty()) throw new IllegalArgumentException("no model packages in " + args[0]);
			final HrDataset val = HrDataset.load(new File(args[1]), "validation");
			final int maxSide = args.length > 2 ? Integer.parseInt(args[2]) : 0;
			final List<FloatImage> images = new ArrayList<>();
			for (int i = 0; i < val.size(); i++) images.add(val.image(i));
			// grey networks are scored on the photographs' luminance, as they were trained
			final HrDataset greyVal = val.luminance();
			final List<FloatImage> greyImages = new ArrayList<>();
			for (int i = 0; i < greyVal.size(); i++) greyImages.add(greyVal.image(i));
			boolean greyFloor = false;
			final Evaluator ev = new Evaluator(DegradationParams.defaults(), 12345, maxSide);
			final List<Degradation> ds = List.of(Degradation.values());
			final Map<String, Map<Degradation, Evaluator.Score>> rows = new LinkedHashMap<>();
			final List<ModelPackage> packages = new ArrayList<>();
			Engines.workerThread();
			try (NDManager m = Engines.newManager()) {
				rows.put("bilinear (floor)", ev.evaluate(null, m, images, ds));
				for (final File d : dirList) {
					final ModelPackage p = ModelPackage.read(d);
					packages.add(p);
					if (p.spec().grey() && !greyFloor) {
						rows.put("bilinear (floor, luminance)", ev.evaluate(null, m, greyImages, ds));
						greyFloor = true;
					}
					try (NDManager sub = m.newSubManager()) {
						final SrNetwork net = new SrNetwork(p.spec()).load(p.weights(), sub);
						rows.put(p.name(), ev.evaluate(net, sub, p.spec().grey() ? greyImages : images, ds));
					}
					err.println("model-card: " + p.name() + " done");
				}
			}
			out.println(String.format(Locale.ROOT, "Validation split: %d photographs (%s), %s; PSNR (dB) on RGB and " +
				"SSIM on BT.601 luma (grey networks: on the luminance photographs), 8-bit outputs, %d-pixel border " +
				"cropped; noise seeded per image.", images.size(),
				args[1], maxSide > 0 ? "centre crops of at most " + maxSide + " px" : "whole images", 2));
			out.println();
			out.println("| model | clean PSNR / SSIM | blur PSNR / SSIM | noise PSNR / SSIM | blur+noise PSNR / SSIM |");
			out.println("| --- | --- | --- | --- | --- |");
			for (final Map.Entry<String, Map<Degradation, Evaluator.Score>> r : rows.entrySet()) {
				final StringBuilder s = new StringBuilder("| " + r.getKey() + " |");
				for (final Degradation d : ds) {
					final Evaluator.Score sc = r.getValue().get(d);
					s.append(String.format(Locale.ROOT, " %.2f / %.4f |", sc.psnr(), sc.ssim()));
				}
				out.println(s);
			}
			// each target against the baseline of the same network: what the pairs must show
			for (final ModelPackage t : packages) {
				if (!t.role().equals("target")) continue;
				for (final ModelPackage b : packages) {
					if (!b.role().equals("baseline") || !b.spec().equals(t.spec())) continue;
					final StringBuilder s = new StringBuilder("| " + t.name() + " − " + b.name() + " |");
					for (final Degradation d : ds) {
						s.append(String.format(Locale.ROOT, " %+.2f dB |", rows.get(t.name()).get(d).psnr() - rows.get(b
							.name()).get(d).psnr()));
					}
					out.println(s);
				}
			}
			return 0;
		}
		catch (final Exception e) {
			err.println("model-card failed: " + e.getMessage());
			return 1;
		}
	}
}
