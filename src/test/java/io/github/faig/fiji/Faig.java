package io.github.faig.fiji;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The repository's own headless launcher, ./faig: the reference a Fiji run is compared with. */
final class Faig {

	private static final AtomicInteger RUNS = new AtomicInteger();

	private Faig() {}

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
