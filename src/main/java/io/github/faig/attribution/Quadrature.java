package io.github.faig.attribution;

import java.util.Locale;

/**
 * Rules for the path integral {@code ∫₀¹ ∂L/∂γ(α) dα} along {@code γ(α) = θ̄ + α(θ − θ̄)}, from the baseline θ̄
 * (α = 0) to the target θ (α = 1), as points α_k and weights w_k.
 * <ul>
 * <li>{@link #RIEMANN} — the reference's right Riemann sum: α_k = k/N, k = 1…N, w_k = 1/N (includes the target,
 * excludes the baseline).</li>
 * <li>{@link #TRAPEZOID} — N equally spaced points including both ends, end weights halved.</li>
 * <li>{@link #GAUSS_LEGENDRE} — N Gauss–Legendre nodes on [0, 1], exact for polynomials of degree 2N − 1.</li>
 * </ul>
 */
public enum Quadrature {
	RIEMANN("riemann"), TRAPEZOID("trapezoid"), GAUSS_LEGENDRE("gauss-legendre");

	private final String label;

	Quadrature(final String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

	public static Quadrature parse(final String s) {
		final String t = s.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
		for (final Quadrature q : values()) if (q.label.equals(t)) return q;
		if (t.equals("right-riemann") || t.equals("reference")) return RIEMANN;
		if (t.equals("gauss") || t.equals("gl")) return GAUSS_LEGENDRE;
		throw new IllegalArgumentException("unknown quadrature '" + s +
			"'; expected riemann, trapezoid or gauss-legendre");
	}

	/** Points {@code [0][k]} (α) and weights {@code [1][k]} for {@code n} points; weights sum to 1. */
	public double[][] rule(final int n) {
		if (n < 1 || (this == TRAPEZOID && n < 2)) {
			throw new IllegalArgumentException("steps must be >= " + (this == TRAPEZOID ? 2 : 1) + " for " + label +
				", got " + n);
		}
		final double[] a = new double[n];
		final double[] w = new double[n];
		switch (this) {
			case RIEMANN:
				for (int k = 0; k < n; k++) {
					a[k] = (k + 1) / (double) n;
					w[k] = 1.0 / n;
				}
				break;
			case TRAPEZOID:
				for (int k = 0; k < n; k++) {
					a[k] = k / (double) (n - 1);
					w[k] = (k == 0 || k == n - 1 ? 0.5 : 1.0) / (n - 1);
				}
				break;
			default:
				gaussLegendre(n, a, w);
		}
		return new double[][] { a, w };
	}

	/** Nodes and weights on [0, 1] by Newton's method on the Legendre polynomial. */
	private static void gaussLegendre(final int n, final double[] a, final double[] w) {
		for (int i = 0; i < n; i++) {
			double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
			double dp = 0;
			for (int it = 0; it < 100; it++) {
				double p0 = 1;
				double p1 = x;
				for (int k = 2; k <= n; k++) {
					final double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
					p0 = p1;
					p1 = p2;
				}
				if (n == 1) {
					p1 = x;
					p0 = 1;
				}
				dp = n * (x * p1 - p0) / (x * x - 1);
				final double dx = p1 / dp;
				x -= dx;
				if (Math.abs(dx) < 1e-15) break;
			}
			// Map [-1, 1] to [0, 1]: nodes ascending.
			a[n - 1 - i] = (x + 1) / 2;
			w[n - 1 - i] = 1.0 / ((1 - x * x) * dp * dp);
		}
	}

	@Override
	public String toString() {
		return label;
	}
}
