package io.github.faig.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.gui.Plot;
import ij.measure.ResultsTable;
import io.github.faig.io.Csv;

/** The data behind a plot goes to CSV headless; no window opens without a GUI. */
class PlotsTest {

	@Test
	void theDataOfEveryPlotIsKeptWithItsTitle(@TempDir final Path dir) throws Exception {
		final Plot a = new Plot("blur", "x", "y");
		a.add("circle", new double[] { 1, 2, 3 }, new double[] { 10, 20, 30 });
		final Plot b = new Plot("noise", "x", "y");
		b.add("line", new double[] { 5, 6 }, new double[] { 0.5, 0.25 });
		final ResultsTable t = ResultTables.of(Plots.data(List.of(a, b)));
		assertEquals(3, t.size());
		final String[] h = t.getHeadings();
		assertTrue(String.join("|", h).contains("blur: "), String.join("|", h));
		assertEquals(30, t.getValue(h[1], 2), 1e-12);
		assertEquals(0.25, t.getValue(h[3], 1), 1e-12);
		assertTrue(Double.isNaN(t.getValue(h[3], 2)), "a shorter curve leaves its cells empty");
		final File csv = dir.resolve("d.csv").toFile();
		Csv.write(csv, Plots.data(List.of(a, b)));
		assertEquals(4, Files.readAllLines(csv.toPath()).size());
		assertFalse(Plots.gui(), "no ImageJ GUI in a test");
		Plots.show(List.of(a, b)); // a no-op without a GUI
	}

	@Test
	void eachCurveIsNamedByItsLegendLabel() {
		final Plot p = new Plot("mask deblurring filters, blurry input", "masked filters (%)", "metric");
		p.addPoints(new double[] { 1, 3 }, new double[] { 0.5, 0.7 }, Plot.LINE);
		p.addPoints(new double[] { 1, 3 }, new double[] { 0.2, 0.1 }, Plot.LINE);
		p.addLabel(0.01, 0.99, "a text label is no curve");
		p.addLegend("FAIG\nIG");
		final Plot q = new Plot("noise", "x", "y");
		q.addPoints(new double[] { 1, 2 }, new double[] { 9, 8 }, Plot.LINE);
		q.addPoints(new double[] { 1, 2 }, new double[] { 7, 6 }, Plot.LINE);
		q.addLegend("same\nsame");
		final ResultsTable t = ResultTables.of(Plots.data(List.of(p, q)));
		final List<String> h = List.of(t.getHeadings());
		assertTrue(h.contains("mask deblurring filters, blurry input: FAIG") && h.contains(
			"mask deblurring filters, blurry input: IG"), h.toString());
		assertEquals(0.7, t.getValue("mask deblurring filters, blurry input: FAIG", 1), 1e-6);
		assertEquals(0.1, t.getValue("mask deblurring filters, blurry input: IG", 1), 1e-6);
		// labels that do not tell the curves apart keep ImageJ's numbered names
		assertTrue(h.contains("noise: Y0") && h.contains("noise: Y1"), h.toString());
	}

}
