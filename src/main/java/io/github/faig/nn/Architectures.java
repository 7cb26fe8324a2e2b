package io.github.faig.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The architectures FAIG runs: every {@link ArchitectureProvider} that {@link ServiceLoader} finds under
 * {@code META-INF/services/io.github.faig.nn.ArchitectureProvider}, looked up through this class's own class loader
 * (which sees the plugin's jar in Fiji, whatever the thread's context loader is) and then through the context class
 * loader, so an architecture shipped in another jar is found too. Found once per context class loader, on first use
 * (a plugin jar that a new class loader brings is seen from threads running under it). The built-in ones, in this
 * order: {@code MSRResNet}, {@code SRCNNStyle}, {@code EDSR}.
 */
public final class Architectures {

	/** The registry seen under each context class loader (a {@code null} one under the key of this class's). */
	private static final Map<ClassLoader, Registry> REGISTRIES = new WeakHashMap<>();

	private Architectures() {}

	private record Registry(List<ArchitectureProvider> all, Map<String, ArchitectureProvider> byKey) {}

	private static Registry registry() {
		final ClassLoader own = ArchitectureProvider.class.getClassLoader();
		final ClassLoader context = Thread.currentThread().getContextClassLoader();
		final ClassLoader key = context == null ? own : context;
		synchronized (REGISTRIES) {
			Registry r = REGISTRIES.get(key);
			if (r == null) {
				r = load(own, context);
				REGISTRIES.put(key, r);
			}
			return r;
		}
	}

	private static Registry load(final ClassLoader own, final ClassLoader context) {
		final List<ArchitectureProvider> all = new ArrayList<>();
		final Set<String> classes = new LinkedHashSet<>();
		try {
			for (final ArchitectureProvider p : ServiceLoader.load(ArchitectureProvider.class, own)) {
				if (classes.add(p.getClass().getName())) all.add(p);
			}
		}
		catch (final ServiceConfigurationError e) {
			throw new IllegalStateException("an architecture listed in META-INF/services/" + ArchitectureProvider.class
				.getName() + " could not be loaded: " + e.getMessage(), e);
		}
		if (context != null && context != own) {
			// best effort: an entry the context loader cannot give as this interface (another copy of this jar, a
			// broken third-party jar) is skipped, never fatal
			final Iterator<ArchitectureProvider> it = ServiceLoader.load(ArchitectureProvider.class, context)
				.iterator();
			for (int guard = 0; guard < 1000; guard++) {
				try {
					if (!it.hasNext()) break;
					final ArchitectureProvider p = it.next();
					if (classes.add(p.getClass().getName())) all.add(p);
				}
				catch (final ServiceConfigurationError e) {
					// skipped
				}
			}
		}
		if (all.isEmpty()) {
			throw new IllegalStateException("no network architecture found: META-INF/services/" +
				ArchitectureProvider.class.getName() + " is missing from the FAIG jar");
		}
		final Map<String, ArchitectureProvider> byKey = new LinkedHashMap<>();
		for (final ArchitectureProvider p : all) {
			final List<String> names = new ArrayList<>();
			names.add(p.name());
			names.addAll(p.aliases());
			for (final String n : names) {
				final ArchitectureProvider other = byKey.putIfAbsent(key(n), p);
				if (other != null && other != p) {
					throw new IllegalStateException("two architectures answer to the name '" + n + "': " + other.getClass()
						.getName() + " (" + other.name() + ") and " + p.getClass().getName() + " (" + p.name() +
						"); remove one of the jars that ship them");
				}
			}
		}
		return new Registry(Collections.unmodifiableList(all), Collections.unmodifiableMap(byKey));
	}

	/** A name as compared: no surrounding blanks, lower case, without {@code -} and {@code _}. */
	static String key(final String name) {
		return name.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
	}

	/** Every architecture, built-in ones first. */
	public static List<ArchitectureProvider> all() {
		return registry().all();
	}

	/** The canonical names, in the order of {@link #all()}. */
	public static List<String> names() {
		final List<String> out = new ArrayList<>();
		for (final ArchitectureProvider p : all()) out.add(p.name());
		return out;
	}

	/**
	 * The accepted names, for messages: each canonical name with its aliases, e.g. "MSRResNet (or SRResNet),
	 * SRCNNStyle (or SRCNN) or EDSR (or EDSR-baseline)".
	 */
	public static String described() {
		final List<String> each = new ArrayList<>();
		for (final ArchitectureProvider p : all()) {
			each.add(p.aliases().isEmpty() ? p.name() : p.name() + " (or " + orList(p.aliases()) + ")");
		}
		return orList(each);
	}

	/**
	 * The architecture of a name or alias (case, {@code -} and {@code _} ignored). Throws
	 * {@link IllegalArgumentException} naming the accepted names when there is none.
	 */
	public static ArchitectureProvider get(final String name) {
		if (name == null) throw new IllegalArgumentException("architecture was not given");
		final ArchitectureProvider p = registry().byKey().get(key(name));
		if (p == null) {
			throw new IllegalArgumentException("unknown architecture '" + name + "'; expected " + described());
		}
		return p;
	}

	/** Whether a name or alias (case, {@code -} and {@code _} ignored) is an architecture's. */
	public static boolean known(final String name) {
		return name != null && registry().byKey().containsKey(key(name));
	}

	/** The canonical name of a name or alias, as {@link #get}. */
	public static String canonical(final String name) {
		return get(name).name();
	}

	/**
	 * The spec of a state dict, by the one architecture whose {@linkplain ArchitectureProvider#signature() signature}
	 * it holds. Throws {@link IllegalArgumentException} in one line when it holds none (naming what each
	 * architecture it partly resembles lacks) or more than one.
	 */
	public static NetworkSpec infer(final StateDict sd) {
		final List<ArchitectureProvider> whole = new ArrayList<>();
		final List<ArchitectureProvider> partial = new ArrayList<>();
		for (final ArchitectureProvider p : all()) {
			int held = 0;
			for (final String n : p.signature()) if (sd.contains(n)) held++;
			if (held == p.signature().size()) whole.add(p);
			else if (held > 0) partial.add(p);
		}
		if (whole.size() == 1) return whole.get(0).infer(sd);
		if (whole.size() > 1) {
			final List<String> n = new ArrayList<>();
			for (final ArchitectureProvider p : whole) n.add(p.name() + " " + p.signature());
			throw new IllegalArgumentException("weights hold the tensors of more than one architecture: " + String.join(
				", ", n) + "; expected one network's state dict");
		}
		final String first = sd.size() == 0 ? "it holds no tensors" : "first tensor is '" + sd.names().iterator()
			.next() + "'";
		if (!partial.isEmpty()) {
			final List<String> lacks = new ArrayList<>();
			for (final ArchitectureProvider p : partial) {
				final List<String> missing = new ArrayList<>();
				for (final String n : p.signature()) if (!sd.contains(n)) missing.add(n);
				lacks.add(p.name() + " weights lack " + String.join(" and ", missing));
			}
			throw new IllegalArgumentException("weights are incomplete: " + String.join("; ", lacks) + " (" + first +
				")");
		}
		final List<String> known = new ArrayList<>();
		for (final ArchitectureProvider p : all()) known.add(p.name() + " (" + String.join(", ", p.signature()) + ")");
		throw new IllegalArgumentException("weights are none of " + orList(known) + ": " + first);
	}

	/** "a", "a or b", "a, b or c". */
	static String orList(final List<String> items) {
		if (items.size() <= 1) return String.join("", items);
		return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
	}
}
