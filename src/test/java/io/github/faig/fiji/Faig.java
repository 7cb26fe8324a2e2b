package io.github.faig.fiji;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository's own headless launcher, ./faig: the reference a Fiji run is compared with. */
final class Faig {

	private static final AtomicInteger RUNS = new AtomicInteger();

	private Faig() {}

	/** Every command of {@code ./faig --list}: its label and the last item of its menu path, in the list's order. */
	static Map<String, String> commands() throws IOException, InterruptedException {
		final Map<String, String> m = new LinkedHashMap<>();
		final Matcher l = Pattern.compile("(?m)^(\\S.*?)\\s+\\(\\[(.*)\\]\\)\\s*$").matcher(run(Fiji.repo(), "--list").ok()
			.out());
		while (l.find()) {
			final String[] path = l.group(2).split(",\\s*");
			m.put(l.group(1).trim(), path[path.length - 1].trim());
		}
		return m;
	}

	static Fiji.Result run(final Path workDir, final String... args) throws IOException, InterruptedException {
		final List<String> cmd = new ArrayList<>();
		cmd.add("bash");
		cmd.add(Fiji.repo().resolve("faig").toString());
		cmd.addAll(List.of(args));
		final ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
		pb.environment().remove("DISPLAY");
		return Fiji.run(pb, Duration.ofMinutes(4), Fiji.artifacts("fiji-it-logs").resolve("faig"),
			String.format("%03d", RUNS.incrementAndGet()));
	}
}
