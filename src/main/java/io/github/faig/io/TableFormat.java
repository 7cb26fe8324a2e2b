package io.github.faig.io;

import java.io.File;
import java.io.IOException;
import java.util.List;

/**
 * A file format for result {@link Rows}. Every command writes its tables through {@link AtomicOutputs#table}, once
 * per format of {@link #ALL}; a new output format is one class implementing this and its entry in {@link #ALL}.
 */
public interface TableFormat {

	/** The formats every result table is written in: CSV ({@link Csv#TABLE}). */
	List<TableFormat> ALL = List.of(Csv.TABLE);

	/** The file name extension, without the dot: {@code csv}. */
	String extension();

	/** Writes {@code file} (created or replaced) holding {@code rows}. */
	void write(File file, Rows rows) throws IOException;
}
