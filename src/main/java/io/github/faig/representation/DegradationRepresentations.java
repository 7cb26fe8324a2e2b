package io.github.faig.representation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.faig.image.FloatImage;
import io.github.faig.io.Rows;
import io.github.faig.nn.io.ModelPackage;
import io.github.faig.sr.SrModel;
import io.github.faig.workflow.Monitor;

/**
 * Where one network's deep features separate degradations (docs/method.md §7): labelled LR patches of ground-truth
 * images ({@link #patches}), their feature maps at one tap or every tap ({@link #features}), and per tap PCA and
 * discriminability ({@link #finish}). The network is loaded once; close it.
 */
public final class DegradationRepresentations implements AutoCloseable {

	/** The figures of one tap, with its depth (its place among the architecture's taps). */
	public record Layer(String tap, int depth, RepresentationAnalysis.Result result) {}

	/** One model's analysis: the patches (their classes and images) and the figures of each analysed tap. */
	public record ModelResult(String model, String shownTap, RepresentationSet.Patches patches, List<Layer> layers) {

		/** The figures of the tap shown in the scatter plot (the chosen or default one). */
		public RepresentationAnalysis.Result shown() {
			return layers.stream().filter(l -> l.tap().equals(shownTap)).findFirst().orElseThrow().result();
		}
	}

	/** representations.csv: one row per model and tap, the separation measures of its features. */
	public static Rows rows(final List<ModelResult> results, final List<DegradationClass> classes) {
		final Rows t = new Rows();
		for (final ModelResult m : results) {
			for (final Layer l : m.layers()) {
				final RepresentationAnalysis.Result r = l.result();
				final Rows.Row row = t.add().text("model", m.model()).text("layer", r.tap()).integer("depth", l.depth())
					.integer("samples", r.samples()).integer("features", r.features()).integer("pca_components", r
						.components()).real("chi_pca", r.chi()).real("identification_accuracy_heldout", r
							.identificationAccuracy());
				for (int c = 1; c < classes.size(); c++) {
					row.real("chi_clean_vs_" + classes.get(c).label(), r.pairwiseChi()[c]);
				}
			}
		}
		return t;
	}

	/** Patches per forward batch. */
	private static final int BATCH = 16;

	private final RepresentationOptions options;
	private final String name;
	private final SrModel model;
	private final String shownTap;
	private final List<String> taps;

	public DegradationRepresentations(final ModelPackage pkg, final RepresentationOptions options) {
		this.options = options;
		this.name = pkg.name();
		this.model = SrModel.load(pkg);
		this.shownTap = options.layer() != null ? options.layer() : model.network().architecture().defaultTap();
		this.taps = options.sweepLayers() ? model.network().architecture().tapNames() : List.of(shownTap);
	}

	/**
	 * Refuses images too small for {@code patchSize} LR pixels at the largest {@code scale} of the models compared.
	 */
	public static void checkImages(final List<FloatImage> groundTruths, final List<String> names, final int patchSize,
		final int scale)
	{
		if (groundTruths.size() < 2) throw new IllegalArgumentException("need at least 2 images (half fit, half held out)");
		for (int i = 0; i < groundTruths.size(); i++) {
			final FloatImage g = groundTruths.get(i);
			if (Math.min(g.width(), g.height()) < patchSize * scale) {
				throw new IllegalArgumentException("image " + names.get(i) + " (" + g.width() + "x" + g.height() + ") is " +
					"smaller than patch_size=" + patchSize + " LR pixels at x" + scale + ": expected a smaller patch_size");
			}
		}
	}

	/**
	 * Refuses, before any work, an analysis whose patches and feature vectors would not fit the Java heap: every
	 * image gives {@code perImage} positions × the classes, each a 3-channel patch and, at each analysed tap, a
	 * {@code numFeat}-channel feature map of the patch's size.
	 */
	public static void checkMemory(final int images, final int classes, final int patchSize, final int perImage,
		final int numFeat, final int taps)
	{
		final long n = io.github.faig.io.MemoryBudget.product(images, classes, perImage);
		final long perPatch = io.github.faig.io.MemoryBudget.product(3L + (long) numFeat * Math.max(1, taps), patchSize,
			patchSize, Float.BYTES);
		io.github.faig.io.MemoryBudget.requireHeap("patches=" + perImage + " per image (" + n + " patches of " +
			patchSize + "x" + patchSize + " over " + images + " images and " + classes + " classes)", io.github.faig.io
				.MemoryBudget.product(n, perPatch), "lower patches or patch_size, or analyse one layer");
	}

	public String modelName() {
		return name;
	}

	public int scale() {
		return model.scale();
	}

	/** The taps analysed, in depth order. */
	public List<String> taps() {
		return taps;
	}

	/** The patches of image {@code index} of a set (the per-item step). */
	public RepresentationSet.Patches patches(final int index, final FloatImage groundTruth) {
		// degraded as the network sees images: a grey network's patches get grey noise (FloatImage.withChannels)
		return RepresentationSet.patches(index, groundTruth.withChannels(model.network().spec().numInCh()), options
			.classes(), options.patchSize(), options.patchesPerImage(), model.scale(), options.seed());
	}

	/** The patches of a whole set, image by image. */
	public RepresentationSet.Patches patches(final List<FloatImage> groundTruths) {
		final List<RepresentationSet.Patches> each = new ArrayList<>();
		for (int i = 0; i < groundTruths.size(); i++) each.add(patches(i, groundTruths.get(i)));
		return RepresentationSet.concat(each, options.classes());
	}

	/** The flattened feature maps of the patches at every analysed tap, without a gradient graph. */
	public Map<String, RepresentationSet.Vectors> features(final RepresentationSet.Patches p, final Monitor monitor) {
		return RepresentationSet.features(model, p, taps, BATCH, monitor);
	}

	/** PCA and discriminability of every analysed tap. */
	public List<Layer> finish(final Map<String, RepresentationSet.Vectors> vectors, final Monitor monitor) {
		final List<String> all = model.network().architecture().tapNames();
		final List<Layer> out = new ArrayList<>();
		for (final String t : taps) {
			monitor.checkCancelled();
			out.add(new Layer(t, all.indexOf(t), RepresentationAnalysis.analyse(vectors.get(t), options.classes().size(),
				options.components())));
		}
		return out;
	}

	/** The whole analysis of one model on a set of ground-truth images. */
	public ModelResult run(final List<FloatImage> groundTruths, final Monitor monitor) {
		final RepresentationSet.Patches p = patches(groundTruths);
		return new ModelResult(name, shownTap, p, finish(features(p, monitor), monitor));
	}

	/**
	 * The whole analysis of each model in turn on the same ground truths (the first model's is the one shown),
	 * after the images' sizes and the heap were checked for all of them.
	 */
	public static List<ModelResult> compare(final List<ModelPackage> models, final RepresentationOptions options,
		final List<FloatImage> groundTruths, final List<String> names, final Monitor monitor)
	{
		checkImages(groundTruths, names, options.patchSize(), models.stream().mapToInt(m -> m.spec().scale()).max()
			.orElse(1));
		for (final ModelPackage m : models) {
			checkMemory(groundTruths.size(), options.classes().size(), options.patchSize(), options.patchesPerImage(), m.spec()
				.numFeat(), options.sweepLayers() ? m.spec().numBlock() + 2 : 1);
		}
		final List<ModelResult> results = new java.util.ArrayList<>();
		for (int m = 0; m < models.size(); m++) {
			monitor.checkCancelled();
			monitor.progress("Features of " + models.get(m).name(), m, models.size());
			try (DegradationRepresentations r = new DegradationRepresentations(models.get(m), options)) {
				results.add(r.run(groundTruths, monitor));
			}
		}
		return results;
	}

	@Override
	public void close() {
		model.close();
	}
}
