package io.github.faig.ij;

import ij.measure.ResultsTable;
import io.github.faig.io.Rows;

/**
 * The workflows' rows as ImageJ tables, the one conversion for every command: the same columns, in the same order,
 * that the CSV files hold, so a macro reads {@code getResult("os_blur", i)} or {@code getResultString("decision",
 * i)} by the names the files use. Text cells stay text; integers and reals become ImageJ's numbers.
 */
public final class ResultTables {

	private ResultTables() {}

	public static ResultsTable of(final Rows rows) {
		final ResultsTable t = new ResultsTable();
		for (int r = 0; r < rows.size(); r++) {
			t.incrementCounter();
			for (int c = 0; c < rows.columns().size(); c++) {
				final String name = rows.columns().get(c);
				final Object v = rows.value(r, c);
				if (rows.kind(c) == Rows.Kind.TEXT) t.addValue(name, (String) v);
				else t.addValue(name, ((Number) v).doubleValue());
			}
		}
		return t;
	}
}
