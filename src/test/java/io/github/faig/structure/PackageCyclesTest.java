package io.github.faig.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The plugin's packages form no cycle: the graph of which package refers to which, read off the compiled classes
 * (every class name a class file mentions: its constant pool, descriptors and signatures), has no strongly connected
 * component of more than one package. Also: nothing below {@code command}, {@code ij} and {@code cli} refers to
 * ImageJ 1 or to those adapter packages.
 */
class PackageCyclesTest {

	private static final String ROOT = "io/github/faig/";

	/** A class name inside the plugin, as class files spell it: its package part, then a capitalised simple name. */
	private static final Pattern OWN = Pattern.compile("io/github/faig/((?:[a-z0-9_]+/)*)[A-Z]");

	@Test
	void noPackageCycle() throws IOException {
		final Map<String, Set<String>> graph = graph();
		assertTrue(graph.size() > 10, "read the compiled classes: " + graph.keySet());
		final List<Set<String>> cycles = new ArrayList<>();
		for (final Set<String> c : components(graph)) if (c.size() > 1) cycles.add(c);
		assertEquals(List.of(), cycles, "package cycles (each a set of packages reaching one another)");
	}

	/** An ImageJ 1 class as class files spell it ({@code ij/ImagePlus}), not this plugin's {@code …/faig/ij/…}. */
	private static final Pattern IMAGEJ1 = Pattern.compile("(?:^|[^A-Za-z0-9_/$])ij/(?:[a-z]+/)*[A-Z]");

	@Test
	void coreKnowsNoAdapter() throws IOException {
		final Set<String> adapters = Set.of("command", "ij", "cli", "demo");
		final Map<String, Set<String>> graph = graph();
		final List<String> wrong = new ArrayList<>();
		for (final Map.Entry<String, Set<String>> e : graph.entrySet()) {
			if (adapters.contains(top(e.getKey()))) continue;
			for (final String to : e.getValue()) if (adapters.contains(top(to))) wrong.add(e.getKey() + " -> " + to);
		}
		final Path classes = Path.of("target", "classes", ROOT);
		try (Stream<Path> files = Files.walk(classes)) {
			for (final Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
				final String pkg = classes.relativize(f.getParent()).toString().replace('/', '.');
				if (adapters.contains(top(pkg))) continue;
				if (IMAGEJ1.matcher(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).find()) {
					wrong.add(pkg + "." + f.getFileName() + " -> ImageJ 1");
				}
			}
		}
		assertEquals(List.of(), wrong, "core packages that refer to an adapter package or to ImageJ 1");
	}

	/** The first segment of a package below io.github.faig. */
	private static String top(final String pkg) {
		final int dot = pkg.indexOf('.');
		return dot < 0 ? pkg : pkg.substring(0, dot);
	}

	/** Package (below io.github.faig, dotted) to the packages its classes refer to. */
	static Map<String, Set<String>> graph() throws IOException {
		final Path classes = Path.of("target", "classes", ROOT);
		final Map<String, Set<String>> graph = new TreeMap<>();
		try (Stream<Path> files = Files.walk(classes)) {
			for (final Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
				final String pkg = classes.relativize(f.getParent()).toString().replace('/', '.');
				final Set<String> to = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
				// ISO-8859-1 keeps every byte as one char: class names are ASCII inside the modified UTF-8 pool
				final Matcher m = OWN.matcher(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
				while (m.find()) {
					final String p = m.group(1).isEmpty() ? "" : m.group(1).substring(0, m.group(1).length() - 1)
						.replace('/', '.');
					if (!p.equals(pkg) && !p.isEmpty()) to.add(p);
				}
			}
		}
		return graph;
	}

	/** The strongly connected components of {@code graph} (Tarjan's algorithm, iteratively deep enough here). */
	static List<Set<String>> components(final Map<String, Set<String>> graph) {
		final Map<String, Integer> index = new HashMap<>();
		final Map<String, Integer> low = new HashMap<>();
		final Deque<String> stack = new ArrayDeque<>();
		final Set<String> onStack = new java.util.HashSet<>();
		final List<Set<String>> out = new ArrayList<>();
		for (final String v : graph.keySet()) if (!index.containsKey(v)) connect(v, graph, index, low, stack, onStack, out);
		return out;
	}

	private static void connect(final String v, final Map<String, Set<String>> graph, final Map<String, Integer> index,
		final Map<String, Integer> low, final Deque<String> stack, final Set<String> onStack, final List<Set<String>> out)
	{
		index.put(v, index.size());
		low.put(v, index.get(v));
		stack.push(v);
		onStack.add(v);
		for (final String w : graph.getOrDefault(v, Set.of())) {
			if (!index.containsKey(w)) {
				connect(w, graph, index, low, stack, onStack, out);
				low.put(v, Math.min(low.get(v), low.get(w)));
			}
			else if (onStack.contains(w)) low.put(v, Math.min(low.get(v), index.get(w)));
		}
		if (low.get(v).equals(index.get(v))) {
			final Set<String> c = new TreeSet<>();
			String w;
			do {
				w = stack.pop();
				onStack.remove(w);
				c.add(w);
			}
			while (!w.equals(v));
			out.add(c);
		}
	}
}
