package io.github.faig.ij;

import java.util.ArrayList;
import java.util.List;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.measure.Calibration;
import io.github.faig.degrade.SynthesizeDegradations.Variant;
import io.github.faig.ij.ImagePlusBridge.OutputType;
import io.github.faig.image.ChannelScales;
import io.github.faig.image.FloatImage;
import io.github.faig.io.Rows;

/**
 * How Synthesize Degradations shows its variants: one image that keeps the input's dimensions meaningful, and a
 * table of every output plane's parameters.
 * <p>
 * The variants go on an axis the input does not use, so no axis means two things: an input without a time axis (a
 * single image, a z-stack, a multichannel image) gets its variants as frames (the frame interval cleared: they are
 * not times); a time-lapse keeps its frames (and frame interval) and slices, and its variants multiply its
 * channels, variant by variant (C1…Cn of the first variant, then of the next), each with its source channel's LUT.
 * The x and y calibration is resampled by the downscaling factor when the input was calibrated; z is kept.
 * </p>
 */
public final class DegradedImages {

	/**
	 * The variants as one image.
	 *
	 * @param planes the output planes' images, labels and scales, in the output's stack order
	 */
	public record Shown(ImagePlus image, Rows parameters, List<FloatImage> planes, List<String> labels,
		List<ChannelScales> scales)
	{}

	private DegradedImages() {}

	/** Whether the variants of {@code source} become channels (a time-lapse) rather than frames. */
	public static boolean variantsAsChannels(final ImagePlus source) {
		return source.getNFrames() > 1;
	}

	/**
	 * The variants of every plane of {@code source} laid out as the class comment says.
	 *
	 * @param made {@code made.get(s)}: the variants of stack slice {@code s + 1}, in the same order for every slice
	 * @param scales the source's channel scales (to map the variants back to the source's values)
	 * @param sliceNames the name of each source slice (for the labels)
	 * @param scale the downscaling factor
	 */
	public static Shown of(final ImagePlus source, final List<List<Variant>> made, final ChannelScales scales,
		final List<String> sliceNames, final OutputType type, final int scale, final String normalization,
		final String channels)
	{
		final int nc = source.getNChannels();
		final int nz = source.getNSlices();
		final int nt = source.getNFrames();
		final int nv = made.get(0).size();
		final boolean asChannels = variantsAsChannels(source);
		final List<FloatImage> planes = new ArrayList<>();
		final List<String> labels = new ArrayList<>();
		final List<ChannelScales> planeScales = new ArrayList<>();
		final Rows table = new Rows();
		// the output's stack order: channel fastest, then slice, then frame
		final int oc = asChannels ? nc * nv : nc;
		final int ot = asChannels ? nt : nt * nv;
		for (int t = 0; t < ot; t++) for (int z = 0; z < nz; z++) for (int c = 0; c < oc; c++) {
			final int v = asChannels ? c / nc : t / nt;
			final int sourceSlice = source.getStackIndex(c % nc + 1, z + 1, t % nt + 1);
			final Variant variant = made.get(sourceSlice - 1).get(v);
			final ChannelScales sc = ImagePlusBridge.sliceScales(source, scales, sourceSlice);
			planes.add(variant.image());
			labels.add(sliceNames.get(sourceSlice - 1) + " " + variant.degradation().label());
			planeScales.add(sc);
			addRow(table, planes.size(), labels.get(labels.size() - 1), variant, source.convertIndexToPosition(
				sourceSlice), sc, normalization, channels);
		}
		final ImagePlus image = image(source, ImageFiles.baseName(source.getTitle()) + "_degraded", planes, labels,
			planeScales, type, scale, oc, nz, ot, nv, asChannels);
		return new Shown(image, table, planes, labels, planeScales);
	}

	private static ImagePlus image(final ImagePlus source, final String title, final List<FloatImage> planes,
		final List<String> labels, final List<ChannelScales> scales, final OutputType type, final int scale,
		final int oc, final int nz, final int ot, final int nv, final boolean asChannels)
	{
		final Calibration cal = ImagePlusBridge.resampled(source.getCalibration(), scale);
		// the z spacing is the source's: only x and y are downscaled
		cal.pixelDepth = source.getCalibration().pixelDepth;
		// variants as frames are not times
		if (!asChannels) cal.frameInterval = 0;
		ImagePlus out = ImagePlusBridge.toImagePlus(title, planes, labels, type, cal, scales);
		if (out.getStackSize() == 1) return ImagePlusBridge.carryDisplay(out, source);
		// an RGB image as 32-bit: each plane became R, G, B channels
		final int perPlane = out.getStackSize() / planes.size();
		out.setDimensions(oc * perPlane, nz, ot);
		if (oc > 1 || nz > 1 || source.isHyperStack()) out.setOpenAsHyperStack(true);
		final boolean composite = source.isComposite() || asChannels && oc > 1 || perPlane == 3;
		if (out.getBitDepth() != 24 && out.getNChannels() > 1 && composite && !(out instanceof CompositeImage)) {
			final int mode = source.isComposite() ? ((CompositeImage) source).getMode() : CompositeImage.GRAYSCALE;
			final CompositeImage c = new CompositeImage(out, mode);
			c.setTitle(out.getTitle());
			c.setCalibration(out.getCalibration());
			out = c;
		}
		out.setProperty("Info", "FAIG Synthesize Degradations: " + nv + " variant(s) as " + (asChannels ?
			"channels (" + oc / nv + " per variant; the frames are the source's)" : "frames") + "\n");
		return ImagePlusBridge.carryDisplay(out, source);
	}

	private static void addRow(final Rows t, final int outSlice, final String label, final Variant v,
		final int[] czt, final ChannelScales scales, final String normalization, final String channels)
	{
		final double low = scales.of(0).low();
		final double high = scales.of(0).high();
		t.add().integer("slice", outSlice).integer("source_slice", v.sourceSlice()).text("label", label).text("variant", v
			.degradation().label()).real("blur_sigma", v.blurSigma()).integer("kernel_size", v.kernelSize()).integer(
				"scale", v.scale()).real("noise_sigma", v.noiseSigma()).text("noise_seed", Long.toString(v.noiseSeed()))
			.integer("width", v.image().width()).integer("height", v.image().height()).text("normalization",
				normalization).real("intensity_low", low).real("intensity_high", high)
			// where the plane came from, and the noise in the image's own values (σ × the channel's range)
			.integer("channel", czt[0]).integer("z_slice", czt[1]).integer("frame", czt[2]).text("normalize_channels",
				channels).real("noise_sigma_value", v.noiseSigma() * (high - low));
	}
}
