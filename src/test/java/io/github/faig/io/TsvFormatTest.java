package io.github.faig.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.faig.degrade.Degradation;
import io.github.faig.prediction.DecisionRule;
import io.github.faig.prediction.DegradationPredictor;
import io.github.faig.prediction.PredictDegradation;
import io.github.faig.prediction.Thresholds;

/**
 * The output seam, checked by doing it: a second output format (tab-separated values, as spreadsheets and
 * {@code cut}/{@code awk} read them) is this one class. It reads only {@link Rows}, so every result's rows are
 * written by it unchanged; no workflow, command or record was touched to add it. For the commands to write it
 * beside every CSV, it would also be listed in {@link TableFormat#ALL}: one line in a second file.
 */
class TsvFormatTest {

	/** The whole format: a header line, one line per row; a tab or line break inside a cell becomes a space. */
	static final TableFormat TSV = new TableFormat() {

		@Override
		public String extension() {
			return "tsv";
		}

		@Override
		public void write(final File file, final Rows rows) throws IOException {
			try (Writer w = Files.newBufferedWriter(file.toPath(), StandardCharsets.UTF_8)) {
				w.write(line(rows.columns()));
				for (int r = 0; r < rows.size(); r++) {
					final String[] cells = new String[rows.columns().size()];
					for (int c = 0; c < cells.length; c++) cells[c] = rows.text(r, c);
					w.write(line(List.of(cells)));
				}
			}
		}
	};

	private static String line(final List<String> cells) {
		return String.join("\t", cells.stream().map(s -> s.replaceAll("[\t\r\n]", " ")).toList()) + "\n";
	}

	@Test
	void predictionsAsTabSeparatedValuesBesideTheCsv(@TempDir final Path dir) throws Exception {
		final Rows rows = new Rows();
		final PredictDegradation.Image in = new PredictDegradation.Image("a, b.png", null, 1, 2, 3);
		new PredictDegradation.Result(in.name(), new DegradationPredictor.Prediction(new DegradationPredictor.Scores(
			0.25, Double.NaN, 1e-7, 2.0), new Thresholds(0.5, 0.125, 0.75), Degradation.BLUR), DecisionRule.PAPER)
				.addRow(rows, in);
		// what a command's write() does, with the TSV format listed beside CSV
		try (AtomicOutputs out = new AtomicOutputs(dir.toFile())) {
			out.table("predictions", rows, List.of(Csv.TABLE, TSV));
			out.commit();
		}
		assertEquals("image\tos_blur\tos_noise\tt_blur\tt_noise\tblur\tnoise\tdecision\tseconds\tchannel\tslice\tframe\t" +
			"decision_rule\treblur\tt_reblur\n" + "a, b.png\t0.25\tNaN\t0.5\t0.125\tyes\tno\tblur\t2\t1\t2\t3\tpaper\t" +
			"1.0E-7\t0.75\n", Files.readString(dir.resolve("predictions.tsv"), StandardCharsets.UTF_8));
		assertEquals("image,os_blur,os_noise,t_blur,t_noise,blur,noise,decision,seconds,channel,slice,frame," +
			"decision_rule,reblur,t_reblur\n" + "\"a, b.png\",0.25,NaN,0.5,0.125,yes,no,blur,2,1,2,3,paper,1.0E-7,0.75\n",
			Files.readString(dir.resolve("predictions.csv"), StandardCharsets.UTF_8));
	}
}
