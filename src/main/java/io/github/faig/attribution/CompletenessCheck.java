package io.github.faig.attribution;

import java.util.List;
import java.util.Locale;

import io.github.faig.nn.ArchitectureProvider;
import io.github.faig.nn.Architectures;

/**
 * Judges the completeness identity of FAIG attributions (Σ signed attributions = L(θ̄) − L(θ)) and, when it fails
 * by more than {@link #maxRelativeError()}, suggests the path rule and step count that the quadrature study of
 * RESULTS.md found sufficient for the network's architecture.
 * <p>
 * An input whose loss gap |L(θ̄) − L(θ)| is below {@link #minLossGap()} (in the loss's own units: the sum of squared
 * errors of [0, 1] pixel values over the whole output) is exempt: there the relative error divides by a number near
 * zero and says little about the quadrature (flat crops where baseline and target agree).
 * </p>
 */
public final class CompletenessCheck {

	/** Relative completeness error above which an attribution is flagged: 5 %. */
	public static final double DEFAULT_MAX_RELATIVE_ERROR = 0.05;

	/**
	 * Loss gaps |L(θ̄) − L(θ)| below this are exempt from the check: 1.0 (sum of squared [0, 1] errors over the output;
	 * on a 64×64 LR crop that is a mean squared error of 2·10⁻⁵). Textured crops of the sample pairs have gaps of 10 to
	 * 600, flat ones (sky, walls) below 1.
	 */
	public static final double DEFAULT_MIN_LOSS_GAP = 1.0;

	/** One attribution's verdict. */
	public enum Verdict {
		/** Relative error at or below the level. */
		OK("ok"),
		/** Loss gap below the floor: not judged. */
		EXEMPT("exempt (small loss gap)"),
		/** Relative error above the level, loss gap at or above the floor. */
		EXCEEDS("exceeds");

		private final String label;

		Verdict(final String label) {
			this.label = label;
		}

		public String label() {
			return label;
		}
	}

	/** A path rule and step count, with where the figure comes from. */
	public record Recommendation(Quadrature rule, int steps, String basis, boolean studied) {

		/** As a Compute Filters macro fragment, e.g. {@code quadrature=gauss-legendre steps=16}. */
		public String options() {
			return "quadrature=" + rule.label() + " steps=" + steps;
		}
	}

	private final double maxRelativeError;
	private final double minLossGap;

	/** With the documented defaults ({@value #DEFAULT_MAX_RELATIVE_ERROR}, {@value #DEFAULT_MIN_LOSS_GAP}). */
	public CompletenessCheck() {
		this(DEFAULT_MAX_RELATIVE_ERROR, DEFAULT_MIN_LOSS_GAP);
	}

	public CompletenessCheck(final double maxRelativeError, final double minLossGap) {
		if (!(maxRelativeError > 0) || !(minLossGap >= 0)) {
			throw new IllegalArgumentException("need maxRelativeError > 0 and minLossGap >= 0, got " + maxRelativeError +
				", " + minLossGap);
		}
		this.maxRelativeError = maxRelativeError;
		this.minLossGap = minLossGap;
	}

	public double maxRelativeError() {
		return maxRelativeError;
	}

	public double minLossGap() {
		return minLossGap;
	}

	/** The verdict on one attribution (one without completeness figures, such as input-path IG, is exempt). */
	public Verdict verdict(final FaigEngine.Attribution a) {
		final double gap = Math.abs(a.lossGap());
		if (Double.isNaN(gap) || gap < minLossGap) return Verdict.EXEMPT;
		return a.completenessError() > maxRelativeError ? Verdict.EXCEEDS : Verdict.OK;
	}

	/** How many of {@code attributions} exceed the level. */
	public int exceeding(final List<FaigEngine.Attribution> attributions) {
		int n = 0;
		for (final FaigEngine.Attribution a : attributions) if (verdict(a) == Verdict.EXCEEDS) n++;
		return n;
	}

	/**
	 * The rule and step count the quadrature study ({@code scripts/benchmark.sh FaigBenchmark quadrature 4}, RESULTS.md
	 * §5 and §7) found to keep at least 98 % of the reference's (right Riemann, N = 100) top-1 % filters for both
	 * degradations, with the fewest steps; on the sample pairs their completeness error
	 * ({@code FaigBenchmark completeness}) is also far below the reference's. MSRResNet: Gauss–Legendre N = 8 (98.9 %
	 * and 98.9 %; completeness 0.16 % at N = 10). SRCNN-style: Gauss–Legendre N = 16 (98.7 % and 98.5 %; completeness
	 * 0.98 % at N = 10 and 0.055 % at N = 25, against 2.4 % for the reference rule at N = 100).
	 */
	public static Recommendation recommendation(final String architecture) {
		// the architecture's own finding (ArchitectureProvider.quadratureAdvice), if a study was made
		ArchitectureProvider.QuadratureAdvice a;
		try {
			a = Architectures.get(architecture).quadratureAdvice();
		}
		catch (final IllegalArgumentException e) {
			a = null; // a name no architecture answers to: the generic start below
		}
		if (a != null) return new Recommendation(Quadrature.parse(a.rule()), a.steps(), a.basis(), true);
		// no study on this architecture: the larger of the two studied settings is a start, not a finding
		return new Recommendation(Quadrature.GAUSS_LEGENDRE, 16, "the larger of the MSRResNet and SRCNN-style findings, " +
			"RESULTS.md §5 and §7", false);
	}

	/**
	 * A one-paragraph warning when any attribution exceeds the level, or {@code null} when none does: how many, the
	 * worst, and the suggested rule and step count for {@code architecture}.
	 */
	public String warning(final List<FaigEngine.Attribution> attributions, final String architecture) {
		int n = 0;
		int judged = 0;
		double worst = 0;
		for (final FaigEngine.Attribution a : attributions) {
			final Verdict v = verdict(a);
			if (v == Verdict.EXEMPT) continue;
			judged++;
			if (v == Verdict.EXCEEDS) {
				n++;
				worst = Math.max(worst, a.completenessError());
			}
		}
		if (n == 0) return null;
		final FaigEngine.Attribution first = attributions.get(0);
		final Recommendation r = recommendation(architecture);
		final boolean same = first.rule() == r.rule() && first.steps() >= r.steps();
		return String.format(Locale.ROOT, "completeness: %d of %d inputs (loss gap >= %.3g) have a relative error above " +
			"%.3g %% (worst %.3g %%) with %s N=%d. %s", n, judged, minLossGap, 100 * maxRelativeError, 100 * worst, first
				.rule().label(), first.steps(), !r.studied() ? "No quadrature study was made for " + architecture + "; try " + r
					.options() + " (" + r.basis() + ") and check the completeness table." : same ? "The quadrature study's setting for " + architecture + " (" + r
					.options() + ", " + r.basis() + ") is already in use: more steps may help." : "For " + architecture +
						" the quadrature study found " + r.options() + " sufficient (" + r.basis() + ").");
	}
}
