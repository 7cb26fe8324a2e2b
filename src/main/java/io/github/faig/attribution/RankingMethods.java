package io.github.faig.attribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The ranking methods the masking experiment compares: every {@link Provider} that {@link ServiceLoader} finds under
 * {@code META-INF/services/io.github.faig.attribution.RankingMethods$Provider}, in their {@link Provider#order()}.
 * A new method is one class (its {@link RankingMethod} with a nested provider) and its line in that service file.
 */
public final class RankingMethods {

	private RankingMethods() {}

	/**
	 * What the experiment offers the methods: the FAIG sets read from a filter-set folder ({@code null}: none),
	 * whether there are discovery images, the IG comparison's steps and crops, and the seed of the random order.
	 */
	public record Settings(FilterSets faigSets, boolean discovery, int igSteps, int cropSize, int crops, long seed) {}

	/** Makes one ranking method from the experiment's settings; stateless, with a public no-argument constructor. */
	public interface Provider {

		/** The method's name in tables ("FAIG", "IG", …), also how {@link #byName} finds it. */
		String name();

		/** Where the method stands in the experiment's table: lower first (the paper's FAIG, IG, |θ − θ̄|, random). */
		default int order() {
			return 100;
		}

		/** The method for {@code settings}, or {@code null} when they leave it out (IG without discovery images). */
		RankingMethod create(Settings settings);
	}

	/** Every provider found, in order (then by name). */
	public static List<Provider> providers() {
		final Map<String, Provider> found = new LinkedHashMap<>();
		// the plugin's own class loader (Fiji's), then the thread's (a test's or a script's additions)
		for (final ClassLoader l : new ClassLoader[] { RankingMethods.class.getClassLoader(), Thread.currentThread()
			.getContextClassLoader() })
		{
			if (l == null) continue;
			for (final Provider p : ServiceLoader.load(Provider.class, l)) found.putIfAbsent(p.getClass().getName(), p);
		}
		final List<Provider> out = new ArrayList<>(found.values());
		out.sort(Comparator.comparingInt(Provider::order).thenComparing(Provider::name));
		return out;
	}

	/** The methods {@code settings} allow, in the table's order. */
	public static List<RankingMethod> all(final Settings settings) {
		final List<RankingMethod> out = new ArrayList<>();
		for (final Provider p : providers()) {
			final RankingMethod m = p.create(settings);
			if (m != null) out.add(m);
		}
		return out;
	}

	/** The provider named {@code name} (ignoring case); a clear message listing the names when there is none. */
	public static Provider byName(final String name) {
		final List<String> names = new ArrayList<>();
		for (final Provider p : providers()) {
			if (p.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) return p;
			names.add(p.name());
		}
		throw new IllegalArgumentException("ranking method '" + name + "' is unknown: expected one of " + names);
	}
}
