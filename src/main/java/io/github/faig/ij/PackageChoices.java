package io.github.faig.ij;

import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.scijava.module.ModuleItem;
import org.scijava.widget.FileWidget;
import org.scijava.widget.WidgetStyle;

import io.github.faig.nn.io.ModelLocator;

/**
 * The choice list a dialog shows for a model or filter-set input ({@link #MODEL_STYLE},
 * {@link #FILTER_SETS_STYLE}), and what picking an entry does: the current value first, then the bundled
 * and installed packages ({@link ModelLocator}, read when the dialog opens), then the chooser entry, which opens a
 * chooser; the chosen path becomes the value and heads the list, and a cancelled chooser keeps the value before.
 * Plain Java, so the rules are tested without a screen; {@link PackageChoiceWidget} shows them.
 */
public final class PackageChoices {

	/**
	 * Widget style of a model input (a {@code String}): the dialog offers the bundled and installed models (every
	 * package {@link ModelLocator} finds by name), the current value, and {@link #OTHER_MODEL} to pick a package
	 * folder or {@code .zip}. Macros and headless lines still give any name or path.
	 */
	public static final String MODEL_STYLE = "faig-model";

	/** Widget style of a filter-set input (a {@code String}): as {@link #MODEL_STYLE}, for filter-set folders. */
	public static final String FILTER_SETS_STYLE = "faig-filter-sets";

	/** The last choice of a model input: opens a chooser for a package folder or {@code .zip}. */
	public static final String OTHER_MODEL = "Other folder or .zip\u2026";

	/** The last choice of a filter-set input: opens a folder chooser. */
	public static final String OTHER_FILTER_SETS = "Other folder\u2026";

	/** Opens the dialog's chooser: (title, start, {@link FileWidget} style) to the chosen file or {@code null}. */
	public interface Chooser {

		File choose(String title, File start, String style);
	}

	/** The file that makes a folder a model package. */
	private static final String MODEL_JSON = "model.json";

	private final ModuleItem<?> item;
	private final List<String> choices = new ArrayList<>();
	private String selected;

	/** The list of {@code item} around its current value {@code current} (a remembered one, or the default). */
	public PackageChoices(final ModuleItem<?> item, final Object current) {
		if (!packageInput(item)) throw new IllegalArgumentException(item.getName() + " is not a model or filter-set input");
		this.item = item;
		final String v = current instanceof String && !((String) current).isBlank() ? (String) current : null;
		// an optional input without a value keeps "not given" as its first choice
		if (v == null && !item.isRequired()) choices.add("");
		if (v != null) choices.add(v);
		for (final String n : WidgetStyle.isStyle(item, FILTER_SETS_STYLE) ? ModelLocator.bundledSets()
			: ModelLocator.bundledNames()) if (!choices.contains(n)) choices.add(n);
		choices.add(otherEntry(item));
		selected = choices.get(0);
	}

	/** The entries, in order; the last is the chooser entry. */
	public List<String> choices() {
		return Collections.unmodifiableList(choices);
	}

	/** The value the dialog holds now (never the chooser entry). */
	public String selected() {
		return selected;
	}

	/**
	 * The user picked {@code entry}: the chooser entry opens {@code chooser} (a package folder or {@code .zip} for a
	 * model, a folder for filter sets); the chosen path becomes the value and the first entry. A cancelled chooser
	 * keeps the value before. Any other entry (or a value set from outside, e.g. a macro recorder's replay) becomes
	 * the value, added first if it is not listed. A model package's {@code model.json} picked in the chooser (Fiji's
	 * file dialog picks no folders) stands for its folder. Returns the value.
	 */
	public String pick(final String entry, final Chooser chooser) {
		if (!otherEntry(item).equals(entry)) {
			if (entry != null && !choices.contains(entry)) choices.add(0, entry);
			if (entry != null) selected = entry;
			return selected;
		}
		final File start = selected != null && !selected.isEmpty() && new File(selected).exists() ? new File(selected)
			: null;
		final File chosen = chooser.choose(item.getLabel(), start, chooserStyle(item));
		if (chosen == null) return selected;
		// Fiji's file dialog picks files only: a package's model.json stands for its folder
		final String path = chosen.getName().equals(MODEL_JSON) && chosen.isFile() && chosen.getParentFile() != null
			? chosen.getParent() : chosen.getPath();
		choices.remove(path);
		choices.add(0, path);
		selected = path;
		return selected;
	}

	/** Whether {@code item} names a model or filter-set package (see {@link #MODEL_STYLE}). */
	public static boolean packageInput(final ModuleItem<?> item) {
		return item.getType() == String.class && (WidgetStyle.isStyle(item, MODEL_STYLE) || WidgetStyle
			.isStyle(item, FILTER_SETS_STYLE));
	}

	/** The chooser entry of a package input: {@link #OTHER_MODEL} or {@link #OTHER_FILTER_SETS}. */
	public static String otherEntry(final ModuleItem<?> item) {
		return WidgetStyle.isStyle(item, FILTER_SETS_STYLE) ? OTHER_FILTER_SETS
			: OTHER_MODEL;
	}

	/** What the chooser picks: a folder (filter sets) or a folder or file (a model package or its {@code .zip}). */
	static String chooserStyle(final ModuleItem<?> item) {
		return WidgetStyle.isStyle(item, FILTER_SETS_STYLE) ? FileWidget.DIRECTORY_STYLE
			: FileWidget.FILE_AND_DIRECTORY_STYLE;
	}
}
