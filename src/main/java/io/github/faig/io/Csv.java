package io.github.faig.io;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The one CSV dialect of every file the project writes (Apache Commons CSV): UTF-8, comma-separated, a header row,
 * a value quoted only when it needs it (RFC 4180: it holds a comma, a quote, a line break, or starts or ends with
 * what a reader could take for padding), and records ended by {@code "\n"} on every platform, so an output is the
 * same file whichever system wrote it. Numbers are formatted by the caller, locale-independently.
 */
public final class Csv {

	/** The dialect: RFC 4180 quoting, {@code "\n"} record separators. */
	public static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build();

	/** This dialect as the result tables' format: {@link #write(File, Rows)}, as {@code <name>.csv}. */
	public static final TableFormat TABLE = new TableFormat() {

		@Override
		public String extension() {
			return "csv";
		}

		@Override
		public void write(final File file, final Rows rows) throws IOException {
			Csv.write(file, rows);
		}
	};

	private Csv() {}

	/**
	 * A printer writing {@code file} (created or replaced), its header row already written; close it to finish the
	 * file. Each {@link CSVPrinter#printRecord(Object...)} writes one row; values are written with
	 * {@code String.valueOf}.
	 */
	public static CSVPrinter create(final File file, final String... header) throws IOException {
		final CSVPrinter p = new CSVPrinter(Files.newBufferedWriter(file.toPath(), StandardCharsets.UTF_8), FORMAT);
		try {
			p.printRecord((Object[]) header);
		}
		catch (final IOException | RuntimeException e) {
			p.close();
			throw e;
		}
		return p;
	}

	/** Writes {@code file}: the header row, then one row per array of values. */
	public static void write(final File file, final List<String> header, final List<? extends Object[]> rows)
		throws IOException
	{
		try (CSVPrinter p = create(file, header.toArray(new String[0]))) {
			for (final Object[] r : rows) p.printRecord(r);
		}
	}

	/**
	 * Writes {@code file}: the column names, then one line per row, each cell as {@link Rows#text}. Rows that name no
	 * column (none filled or {@link Rows#column declared}) give an empty first line, as an empty ImageJ table did.
	 */
	public static void write(final File file, final Rows rows) throws IOException {
		try (CSVPrinter p = create(file, rows.columns().toArray(new String[0]))) {
			final String[] cells = new String[rows.columns().size()];
			for (int r = 0; r < rows.size(); r++) {
				for (int c = 0; c < cells.length; c++) cells[c] = rows.text(r, c);
				p.printRecord((Object[]) cells);
			}
		}
	}

	/** Reads a file written in this dialect: its records after the header row, each value by its header name. */
	public static List<CSVRecord> read(final File file) throws IOException {
		try (Reader r = Files.newBufferedReader(file.toPath(), StandardCharsets.UTF_8)) {
			return FORMAT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
		}
	}
}
