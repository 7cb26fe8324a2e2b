package io.github.faig.train;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.faig.degrade.Degradation;
import io.github.faig.degrade.DegradationParams;
import io.github.faig.degrade.Degrader;
import io.github.faig.image.FloatImage;
import io.github.faig.image.ImageMetrics;
import io.github.faig.nn.Architecture;
import io.github.faig.nn.Engines;
import io.github.faig.nn.SrNetwork;
import io.github.faig.sr.SuperResolver;
import io.github.faig.workflow.Monitor;

/**
 * PSNR and SSIM of a network (or of plain bilinear upsampling, the floor) on degraded versions of ground-truth
 * images, as SR papers report them: outputs rounded to 8 bits, {@code scale} border pixels cropped, PSNR on RGB,
 * SSIM on the BT.601 luma. The noise of image {@code i} is seeded with {@code seed + i}.
 */
public final class Evaluator {

	/** Mean PSNR (dB) and SSIM over the images. */
	public record Score(double psnr, double ssim, int images) {}

	private final DegradationParams params;
	private final long seed;
	private final int maxSide;

	/** @param maxSide HR images larger than this are centre-cropped to it (bounds the cost); 0 for whole images */
	public Evaluator(final DegradationParams params, final long seed, final int maxSide) {
		this.params = params;
		this.seed = seed;
		this.maxSide = maxSide;
	}

	/** Scores of {@code net} (or bilinear when {@code net} is {@code null}) for each degradation. */
	public Map<Degradation, Score> evaluate(final SrNetwork net, final NDManager manager, final List<FloatImage> hr,
		final List<Degradation> degradations)
	{
		final Degrader degrader = new Degrader(params);
		final Map<Degradation, Score> out = new EnumMap<>(Degradation.class);
		Engines.workerThread();
		for (final Degradation d : degradations) {
			double psnr = 0;
			double ssim = 0;
			for (int i = 0; i < hr.size(); i++) {
				final FloatImage gt = degrader.groundTruth(centre(hr.get(i)));
				final FloatImage lr = degrader.degrade(gt, d, seed + i);
				final FloatImage sr = net != null ? new SuperResolver(net, manager).apply(lr, 256, net.architecture()
					.receptiveRadius(), Monitor.NONE) : bilinear(lr, params.scale(), manager);
				psnr += ImageMetrics.psnr8(sr, gt, params.scale());
				ssim += ImageMetrics.ssimY(sr, gt, params.scale());
			}
			out.put(d, new Score(psnr / hr.size(), ssim / hr.size(), hr.size()));
		}
		return out;
	}

	private FloatImage centre(final FloatImage img) {
		if (maxSide <= 0 || img.width() <= maxSide && img.height() <= maxSide) return img;
		final int h = Math.min(maxSide, img.height());
		final int w = Math.min(maxSide, img.width());
		return img.crop((img.height() - h) / 2, (img.width() - w) / 2, h, w);
	}

	/** Bilinear upsampling (align_corners = False), the networks' own image residual. */
	public static FloatImage bilinear(final FloatImage lr, final int scale, final NDManager manager) {
		try (NDManager sub = manager.newSubManager()) {
			final NDArray x = sub.create(lr.data(), new Shape(1, lr.channels(), lr.height(), lr.width()));
			return new FloatImage(lr.channels(), lr.height() * scale, lr.width() * scale, Architecture
				.bilinearUpsample(x, scale).toFloatArray());
		}
	}
}
