package io.github.faig.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The shape of the menu commands (README: Architecture): each command's {@code execute()} is at most
 * {@value #MAX_LINES} lines (its parameters plus a call; the work lives in the plain-Java core and the presentation
 * in {@code ij}), and no input name is declared by two commands' own fields where a shared group
 * ({@code ImageCommand}, {@code DegradationCommand}) declares it once.
 */
class CommandShapeTest {

	static final int MAX_LINES = 25;

	private static final Path COMMANDS = Path.of("src", "main", "java", "io", "github", "faig", "command");

	/** The lines between {@code execute()}'s opening brace and its closing brace (the method's tab-indented end). */
	@Test
	void executeIsShort() throws IOException {
		final Pattern start = Pattern.compile("\\n\\t(?:protected |public )?(?:final )?void execute\\(\\)[^{]*\\{\\n");
		final List<String> long_ = new ArrayList<>();
		int seen = 0;
		for (final Path f : sources()) {
			final String s = Files.readString(f, StandardCharsets.UTF_8);
			final Matcher m = start.matcher(s);
			if (!m.find()) continue;
			final int end = s.indexOf("\n\t}\n", m.end());
			assertTrue(end > 0, f + ": execute() has no end at one tab");
			final long lines = s.substring(m.end(), end + 1).lines().count();
			seen++;
			if (lines > MAX_LINES) long_.add(f.getFileName() + ": " + lines + " lines");
		}
		assertTrue(seen >= 11, "found " + seen + " execute() methods");
		assertEquals(List.of(), long_, "execute() longer than " + MAX_LINES + " lines");
	}

	/**
	 * No command declares a shared group again: no command's own fields hold two or more of a group's inputs under
	 * the group's names and labels (a command may have an input of the same name that means something else, with
	 * its own label, such as Compute Filters' ground-truth stack {@code image}).
	 */
	@Test
	void sharedGroupsDeclaredOnce() throws IOException {
		final List<String> groupFiles = List.of("ImageCommand.java", "ImageFolderCommand.java",
			"DegradationCommand.java");
		final Map<String, Map<String, String>> groups = new HashMap<>();
		for (final String g : groupFiles) groups.put(g, inputs(Files.readString(COMMANDS.resolve(g))));
		assertTrue(groups.get("ImageCommand.java").keySet().containsAll(List.of("image", "normalization")) && groups
			.get("DegradationCommand.java").keySet().containsAll(List.of("blur_sigma", "seed")), groups.toString());
		final List<String> again = new ArrayList<>();
		for (final Path f : sources()) {
			if (groupFiles.contains(f.getFileName().toString())) continue;
			final Map<String, String> own = inputs(Files.readString(f, StandardCharsets.UTF_8));
			for (final Map.Entry<String, Map<String, String>> g : groups.entrySet()) {
				final List<String> same = new ArrayList<>();
				for (final Map.Entry<String, String> in : g.getValue().entrySet()) {
					if (in.getValue().equals(own.get(in.getKey()))) same.add(in.getKey());
				}
				if (same.size() >= 2) again.add(f.getFileName() + " declares " + same + " of " + g.getKey());
			}
		}
		assertEquals(List.of(), again);
	}

	/** A source's own inputs: field name to label. */
	private static Map<String, String> inputs(final String source) {
		final Pattern field = Pattern.compile("@Parameter\\((?:[^()\"]|\"[^\"]*\"|\\([^()]*\\))*\\)\\s*" +
			"(?:protected |private |public )?(?:final )?[\\w.<>?, ]+\\s(\\w+)\\s*[=;]");
		final Pattern label = Pattern.compile("label = \"([^\"]*)\"");
		final Map<String, String> out = new HashMap<>();
		final Matcher m = field.matcher(source);
		while (m.find()) {
			final Matcher l = label.matcher(m.group());
			out.put(m.group(1), l.find() ? l.group(1) : "");
		}
		return out;
	}

	private static List<Path> sources() throws IOException {
		try (Stream<Path> s = Files.list(COMMANDS)) {
			return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
		}
	}
}
