package io.github.faig.fiji;

import java.awt.Menu;
import java.awt.MenuBar;
import java.awt.MenuItem;

import ij.Menus;
import ij.plugin.frame.Recorder;

/**
 * Test-only helper that the GUI suite puts into its Fiji copy (jars/faig-suite-probe.jar; no menu entry): IJ1
 * macros read through {@code call("io.github.faig.fiji.SuiteProbe.…")} where the suite's keystrokes must go in
 * the real menu bar, and the macro recorder's text. It reads; it never runs a command.
 */
public final class SuiteProbe {

	private SuiteProbe() {}

	/**
	 * "M K J": the menu bar's menu count M, the keystrokes from the first menu leftwards to the Plugins menu K, the
	 * Down presses to the submenu (from its first item) and, inside it, to the command labelled LABEL, J.
	 */
	public static String menuPath(final String submenu, final String label) {
		final MenuBar bar = Menus.getMenuBar();
		if (bar == null) return "no menu bar";
		int plugins = -1;
		for (int i = 0; i < bar.getMenuCount(); i++)
			if ("Plugins".equals(bar.getMenu(i).getLabel())) plugins = i;
		if (plugins < 0) return "no Plugins menu";
		final Menu menu = bar.getMenu(plugins);
		final int sub = position(menu, submenu);
		if (sub < 0) return "no " + submenu + " in the Plugins menu";
		final int item = position((Menu) item(menu, submenu), label);
		return bar.getMenuCount() + " " + (bar.getMenuCount() - plugins) + " " + sub + " " + item;
	}

	/** The index of the item labelled LABEL among the items keyboard navigation visits (separators skipped). */
	private static int position(final Menu menu, final String label) {
		int n = 0;
		for (int i = 0; i < menu.getItemCount(); i++) {
			final MenuItem it = menu.getItem(i);
			if ("-".equals(it.getLabel())) continue;
			if (label.equals(it.getLabel())) return n;
			n++;
		}
		return -1;
	}

	private static MenuItem item(final Menu menu, final String label) {
		for (int i = 0; i < menu.getItemCount(); i++)
			if (label.equals(menu.getItem(i).getLabel())) return menu.getItem(i);
		return null;
	}

	/** The macro recorder's text (Plugins > Macros > Record...), or "" when it is not open. */
	public static String recorderText() {
		final Recorder r = Recorder.getInstance();
		return r == null ? "" : r.getText();
	}
}
