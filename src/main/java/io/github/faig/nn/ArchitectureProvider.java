package io.github.faig.nn;

import java.util.List;

/**
 * One kind of network FAIG runs, found by {@link Architectures} through {@link java.util.ServiceLoader}: every
 * implementation is listed in {@code META-INF/services/io.github.faig.nn.ArchitectureProvider} and has a public
 * no-argument constructor. Everything that differs between architectures lives here, so adding one is one class
 * (its provider, holding its {@link Architecture}), one line in that service file and its test:
 * <ul>
 * <li>its names ({@link #name()}, {@link #aliases()}) and extra hyper-parameters ({@link #options()});</li>
 * <li>which {@link NetworkSpec}s it accepts ({@link #check});</li>
 * <li>the network itself ({@link #build}): its convolutions, named with the state-dict keys of BasicSR (or of the
 * reference code) in state-dict order, which is also FAIG's filter numbering, its forward pass and feature
 * taps;</li>
 * <li>its initial weights for training ({@link #initialWeights});</li>
 * <li>how a state dict of it is recognised and its spec read off the tensor names and shapes, channels included
 * ({@link #signature()}, {@link #infer}), for Import Model;</li>
 * <li>the FAIG quadrature a study found sufficient for it ({@link #quadratureAdvice()}), which Compute Filters'
 * completeness warning suggests.</li>
 * </ul>
 * Train Model's architecture list and every command's check of an architecture name read the registry, so a new
 * provider appears there without another edit.
 * Implementations are stateless and must not depend on ImageJ: the registry runs in a plain JVM as in Fiji.
 */
public interface ArchitectureProvider {

	/** The canonical name, as written to {@code model.json} and offered by Train Model (e.g. {@code MSRResNet}). */
	String name();

	/**
	 * Other names accepted for this architecture. Names are compared ignoring case, {@code -} and {@code _}, so
	 * {@code msr_resnet} already means {@code MSRResNet}.
	 */
	default List<String> aliases() {
		return List.of();
	}

	/**
	 * Hyper-parameters beyond scale, {@code num_feat} and {@code num_block}, with their defaults, in the order
	 * {@code model.json} lists them; empty for most architectures.
	 */
	default List<Option> options() {
		return List.of();
	}

	/**
	 * Throws {@link IllegalArgumentException}, in one line naming the value and what is allowed, when {@code spec}
	 * (already of this architecture, with {@code num_feat >= 1}, {@code num_block >= 0} and every option present and
	 * finite) is not one this architecture can build, for instance an unsupported scale.
	 */
	void check(NetworkSpec spec);

	/** The network of {@code spec} (a spec of this architecture that passed {@link #check}). */
	Architecture build(NetworkSpec spec);

	/**
	 * The weights a training run starts from, drawn from a Java generator seeded with {@code seed}, so the same on
	 * every run and machine: one tensor per name of {@link Architecture#layers()}' weights and biases, in that order.
	 */
	StateDict initialWeights(NetworkSpec spec, long seed);

	/**
	 * Tensor names that together identify a state dict of this architecture (e.g. {@code conv_first.weight} and
	 * {@code upconv1.weight} for MSRResNet). {@link Architectures#infer} gives a state dict to the one architecture
	 * whose signature it holds whole.
	 */
	List<String> signature();

	/**
	 * The spec of a state dict that holds this architecture's {@link #signature()}, read off its tensor names and
	 * shapes. Throws {@link IllegalArgumentException}, in one line, when the tensors do not make a network of this
	 * architecture (that every tensor has the right shape is checked afterwards, against the spec).
	 */
	NetworkSpec infer(StateDict weights);

	/**
	 * The FAIG quadrature rule and step count a study found to reproduce the reference rule's filter sets on a network
	 * of this architecture, with where the study is written up; {@code null} (the default) when no study was made,
	 * and Compute Filters then suggests a generic setting and says that it is not a finding.
	 */
	default QuadratureAdvice quadratureAdvice() {
		return null;
	}

	/**
	 * A quadrature finding: a rule by its label ({@code riemann}, {@code trapezoid}, {@code gauss-legendre}, as Compute
	 * Filters' {@code quadrature} input), its step count, and the study's write-up.
	 */
	record QuadratureAdvice(String rule, int steps, String basis) {

		public QuadratureAdvice {
			if (steps < 1) throw new IllegalArgumentException("quadrature advice needs at least one step, got " + steps);
		}
	}

	/**
	 * A hyper-parameter beyond the common ones: a number, or ({@code vector}) a list of numbers of the default's
	 * length. Written to {@code model.json} under {@code "options"}.
	 */
	record Option(String name, List<Double> defaults, boolean vector, String description) {

		public Option {
			if (defaults.isEmpty() || !vector && defaults.size() != 1) {
				throw new IllegalArgumentException("option " + name + ": a number has one default, a vector at least one");
			}
			defaults = List.copyOf(defaults);
		}

		/** A number. */
		public static Option number(final String name, final double dflt, final String description) {
			return new Option(name, List.of(dflt), false, description);
		}

		/** A list of numbers of fixed length (that of the default). */
		public static Option vector(final String name, final String description, final double... dflt) {
			final Double[] d = new Double[dflt.length];
			for (int i = 0; i < d.length; i++) d[i] = dflt[i];
			return new Option(name, List.of(d), true, description);
		}
	}
}
