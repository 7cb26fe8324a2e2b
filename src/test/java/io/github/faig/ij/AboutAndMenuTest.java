package io.github.faig.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.scijava.ItemVisibility;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;

import io.github.faig.SciJavaTest;
import io.github.faig.cli.FaigMain;

/** Plugins › FAIG lists the commands in workflow order, and ends with About. */
class AboutAndMenuTest extends SciJavaTest {

	@Test
	void theMenuFollowsTheWorkflow() {
		final List<CommandInfo> faig = new ArrayList<>();
		for (final CommandInfo i : context.service(CommandService.class).getCommands()) {
			if (i.getClassName().startsWith("io.github.faig.") && i.getMenuPath() != null && i.getMenuPath().size() == 3) {
				faig.add(i);
			}
		}
		faig.sort(Comparator.comparingDouble(i -> i.getMenuPath().getLeaf().getWeight()));
		final List<String> order = new ArrayList<>();
		for (final CommandInfo i : faig) order.add(i.getLabel());
		assertEquals(List.of("FAIG Synthesize Degradations", "FAIG Blind Super-Resolution", "FAIG Compute Filters",
			"FAIG Mask Filters", "FAIG Masking Experiment", "FAIG Calibrate Thresholds", "FAIG Predict Degradation",
			"FAIG Degradation Map", "FAIG Degradation Representations", "FAIG Train Model", "FAIG Import Model",
			"FAIG About"), order);
		for (final CommandInfo i : faig) assertEquals("FAIG", i.getMenuPath().get(1).getName());
	}

	@Test
	void aboutShowsTheVersionCitationAndLicences() throws Exception {
		final CommandModule m = context.service(CommandService.class).run(AboutCommand.class, true).get();
		final String text = (String) m.getOutput("about");
		assertNotNull(text);
		assertTrue(text.startsWith("FAIG for Fiji " + AboutCommand.version() + "\n"), text);
		assertTrue(text.contains("Xie") && text.contains("NeurIPS") && text.contains("2021"), text);
		assertTrue(text.contains("Apache-2.0") && text.contains("BSD-3-Clause"), text);
		assertFalse(m.isCanceled());
	}

	@Test
	void theVersionIsThePoms() throws Exception {
		final String pom = Files.readString(Path.of("pom.xml"));
		// the project's own version: the first <version> after its artifactId
		final Matcher v = Pattern.compile("<artifactId>faig-fiji</artifactId>\\s*<version>([^<]+)</version>").matcher(
			pom);
		assertTrue(v.find());
		// from the build folder (as the tests run) the version is the pom's
		assertEquals(v.group(1), AboutCommand.version());
	}

	@Test
	void theVersionIsReadFromTheJarThatHoldsTheClass() throws Exception {
		// an installed jar's own version, not a constant compiled in: SciJava's jar, whose file name carries it
		final String jar = Path.of(org.scijava.Context.class.getProtectionDomain().getCodeSource().getLocation().toURI())
			.getFileName().toString();
		final Matcher m = Pattern.compile("scijava-common-(.+)\\.jar").matcher(jar);
		assertTrue(m.matches(), jar);
		assertEquals(m.group(1), AboutCommand.versionOf(org.scijava.Context.class));
	}

	@Test
	void longDialogsHaveSectionHeaders() {
		for (final String cls : new String[] { "io.github.faig.command.TrainModelCommand",
			"io.github.faig.command.ComputeFiltersCommand" })
		{
			final CommandInfo info = context.service(CommandService.class).getCommand(cls);
			int headers = 0;
			for (final ModuleItem<?> i : info.inputs()) {
				if (i.getVisibility() == ItemVisibility.MESSAGE) headers++;
			}
			assertTrue(headers >= 5, cls + ": " + headers + " section headers");
		}
		// headers are not inputs a headless line could set
		final ByteArrayOutputStream b = new ByteArrayOutputStream();
		FaigMain.run(context, new PrintStream(b), System.err, "--list");
		assertFalse(b.toString().contains("section_"), "--list shows a section header");
	}
}
