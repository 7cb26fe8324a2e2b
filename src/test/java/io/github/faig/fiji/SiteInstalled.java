package io.github.faig.fiji;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class's own copy of the given Fiji with the update site installed, a work folder inside it and two small
 * ground-truth images ({@code gt/a.png}, {@code gt/b.png}); the copy is deleted afterwards and the given Fiji checked
 * unchanged.
 */
@ExtendWith(FijiGiven.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SiteInstalled {

	protected Fiji.App app;
	protected Path work;
	protected Path gt;

	/** The copy's name, for its folder and logs. */
	protected abstract String name();

	@BeforeAll
	void install() throws Exception {
		app = Fiji.copy(name());
		Install.fromSite(app);
		work = Files.createDirectories(app.root.resolve("work"));
		gt = Inputs.groundTruth(work);
	}

	@AfterAll
	void cleanUp() throws IOException {
		Fiji.checkGivenUnchanged();
		if (app != null && !Fiji.keep()) Fiji.deleteTree(app.root);
	}
}
