package io.github.faig.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A result table as plain data: named columns in the order they were first filled, and rows of typed cells (text,
 * integer, real). The workflows' results give their tables as rows; {@link Csv#write(java.io.File, Rows)} writes
 * them and the ImageJ adapter shows them, so every output reads the same columns. A new output format reads
 * {@link #columns()}, {@link #kind} and {@link #value} (or {@link #text}) and nothing else.
 */
public final class Rows {

	/** What a column holds. */
	public enum Kind {
		/** {@link String}s. */
		TEXT,
		/** {@link Integer}s. */
		INTEGER,
		/** {@link Double}s, NaN and infinities included. */
		REAL
	}

	private final List<String> columns = new ArrayList<>();
	private final List<Kind> kinds = new ArrayList<>();
	private final List<Object[]> rows = new ArrayList<>();

	/**
	 * Declares a column ahead of the rows (after those declared or filled so far), so that a table with no rows
	 * still names its columns; a column is otherwise added by the first row that fills it.
	 */
	public Rows column(final String name, final Kind kind) {
		if (columns.contains(name)) throw new IllegalArgumentException("column '" + name + "' declared twice");
		columns.add(name);
		kinds.add(kind);
		return this;
	}

	/** Starts a new row at the end; fill it with the returned row's setters. */
	public Row add() {
		final Object[] r = new Object[columns.size()];
		Arrays.fill(r, NONE);
		rows.add(r);
		return new Row(rows.size() - 1);
	}

	/** The column names, in order. */
	public List<String> columns() {
		return Collections.unmodifiableList(columns);
	}

	public Kind kind(final int column) {
		return kinds.get(column);
	}

	public int size() {
		return rows.size();
	}

	/**
	 * The cell of {@code row} in {@code column}: a {@link String}, {@link Integer} or {@link Double} by the column's
	 * {@link Kind}.
	 *
	 * @throws IllegalStateException if that row left the column unfilled
	 */
	public Object value(final int row, final int column) {
		final Object[] r = rows.get(row);
		if (column >= r.length || r[column] == NONE) throw new IllegalStateException("row " + (row + 1) +
			" has no value for column '" + columns.get(column) + "'");
		return r[column];
	}

	/** The cell of {@code row} in the column named {@code column}. */
	public Object value(final int row, final String column) {
		final int c = columns.indexOf(column);
		if (c < 0) throw new IllegalArgumentException("no column '" + column + "' in " + columns);
		return value(row, c);
	}

	/**
	 * The cell as the project's text files write it: text as given (a line break as the two characters {@code \n}, a
	 * missing text as {@code NaN}, as ImageJ's tables have them); integers without a decimal point; reals at full
	 * precision in Java's locale-free form ({@link Double#toString}), those that are whole and below 10<sup>15</sup>
	 * in size without a decimal point, and NaN as {@code NaN}.
	 */
	public String text(final int row, final int column) {
		final Object v = value(row, column);
		if (v instanceof Double d) return real(d);
		if (v instanceof Integer i) return Integer.toString(i);
		return v == null ? "NaN" : ((String) v).replace("\n", "\\n");
	}

	private static String real(final double v) {
		if (Double.isNaN(v)) return "NaN";
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
	}

	/** A missing value (a null text is a value: ImageJ writes it as NaN). */
	private static final Object NONE = new Object();

	/** One row's setters: each fills a column, adding it (after the others) at its first use. */
	public final class Row {

		private final int index;

		private Row(final int index) {
			this.index = index;
		}

		public Row text(final String column, final String value) {
			return put(column, Kind.TEXT, value);
		}

		public Row integer(final String column, final int value) {
			return put(column, Kind.INTEGER, value);
		}

		public Row real(final String column, final double value) {
			return put(column, Kind.REAL, value);
		}

		private Row put(final String column, final Kind kind, final Object value) {
			int c = columns.indexOf(column);
			if (c < 0) {
				columns.add(column);
				kinds.add(kind);
				c = columns.size() - 1;
			}
			else if (kinds.get(c) != kind) {
				throw new IllegalArgumentException("column '" + column + "' holds " + kinds.get(c).name().toLowerCase(
					java.util.Locale.ROOT) + " cells, not " + kind.name().toLowerCase(java.util.Locale.ROOT));
			}
			Object[] r = rows.get(index);
			if (r.length <= c) {
				final int from = r.length;
				r = Arrays.copyOf(r, columns.size());
				Arrays.fill(r, from, r.length, NONE);
				rows.set(index, r);
			}
			else if (r[c] != NONE) {
				throw new IllegalArgumentException("column '" + column + "' filled twice in row " + (index + 1));
			}
			r[c] = value;
			return this;
		}
	}
}
