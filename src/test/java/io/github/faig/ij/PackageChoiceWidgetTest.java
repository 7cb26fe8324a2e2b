package io.github.faig.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.EventQueue;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.swing.JComboBox;
import javax.swing.JPanel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;
import org.scijava.widget.AbstractInputPanel;
import org.scijava.widget.InputWidget;
import org.scijava.widget.WidgetModel;
import org.scijava.widget.WidgetService;

import io.github.faig.SciJavaTest;
import io.github.faig.command.BlindSuperResolutionCommand;
import io.github.faig.command.ComputeFiltersCommand;
import io.github.faig.command.FaigCommand;

/**
 * The dialog's widget of a model input, picked and built as SciJava's input harvester does it (a Swing input panel
 * takes widgets whose component is a {@link JPanel}; SciJava's Swing UI itself is not on Maven Central, so this panel
 * stands in for its {@code SwingInputPanel}; the real dialog is checked in Fiji, see the README).
 */
class PackageChoiceWidgetTest extends SciJavaTest {

	/** A Swing input panel as SciJava's: it takes JPanel widgets. */
	static class SwingPanel extends AbstractInputPanel<JPanel, JPanel> {

		private final JPanel panel = new JPanel();

		@Override
		public Class<JPanel> getWidgetComponentType() {
			return JPanel.class;
		}

		@Override
		public JPanel getComponent() {
			return panel;
		}

		@Override
		public Class<JPanel> getComponentType() {
			return JPanel.class;
		}
	}

	/** A panel of another toolkit (AWT's takes {@code java.awt.Panel} widgets). */
	static class OtherPanel extends AbstractInputPanel<java.awt.Panel, java.awt.Panel> {

		@Override
		public Class<java.awt.Panel> getWidgetComponentType() {
			return java.awt.Panel.class;
		}

		@Override
		public java.awt.Panel getComponent() {
			return null;
		}

		@Override
		public Class<java.awt.Panel> getComponentType() {
			return java.awt.Panel.class;
		}
	}

	private static InputWidget<?, ?> widget(final AbstractInputPanel<?, ?> panel, final Module module,
		final String input)
	{
		final WidgetService widgets = context.service(WidgetService.class);
		final WidgetModel model = widgets.createModel(panel, module, module.getInfo().getInput(input), List.of());
		return widgets.create(model);
	}

	private static Module module(final Class<? extends FaigCommand> c) throws Exception {
		return context.service(ModuleService.class).createModule(context.service(CommandService.class).getCommand(c));
	}

	@SuppressWarnings("unchecked")
	private static JComboBox<String> combo(final InputWidget<?, ?> w) {
		return (JComboBox<String>) ((JPanel) w.getComponent()).getComponent(0);
	}

	private static List<String> items(final JComboBox<String> c) {
		final List<String> l = new ArrayList<>();
		for (int i = 0; i < c.getItemCount(); i++) l.add(c.getItemAt(i));
		return l;
	}

	@Test
	void aModelInputGetsAChoiceListOfTheBundledModelsAndTheChooser(@TempDir final Path dir) throws Exception {
		final Module m = module(BlindSuperResolutionCommand.class);
		final InputWidget<?, ?> w = widget(new SwingPanel(), m, "model");
		assertTrue(w instanceof PackageChoiceWidget, String.valueOf(w));
		final JComboBox<String> c = combo(w);
		final List<String> items = items(c);
		assertEquals("msrresnet-x2-target", items.get(0), "the current value first: " + items);
		assertTrue(items.contains("srcnn-x2-target"), items.toString());
		assertEquals(FaigCommand.OTHER_MODEL, items.get(items.size() - 1));
		assertEquals("msrresnet-x2-target", c.getSelectedItem());

		// the user picks a bundled model: the module's input follows
		c.setSelectedItem("srcnn-x2-target");
		assertEquals("srcnn-x2-target", m.getInput("model"));
		assertEquals("srcnn-x2-target", w.getValue());

		// "Other folder or .zip…": the chooser's folder becomes the value and heads the list
		final File picked = dir.resolve("my model").toFile();
		((PackageChoiceWidget) w).chooser = (title, start, style) -> picked;
		c.setSelectedItem(FaigCommand.OTHER_MODEL);
		EventQueue.invokeAndWait(() -> {}); // the chooser opens once the list has closed
		assertEquals(picked.getPath(), m.getInput("model"));
		assertEquals(picked.getPath(), c.getSelectedItem());
		assertEquals(picked.getPath(), items(c).get(0));

		// a cancelled chooser keeps it
		((PackageChoiceWidget) w).chooser = (title, start, style) -> null;
		c.setSelectedItem(FaigCommand.OTHER_MODEL);
		EventQueue.invokeAndWait(() -> {});
		assertEquals(picked.getPath(), m.getInput("model"));
		assertEquals(picked.getPath(), c.getSelectedItem());
	}

	@Test
	void aRememberedValueIsSelected() throws Exception {
		final Module m = module(ComputeFiltersCommand.class);
		m.setInput("target_model", "/data/models/mine"); // as SciJava's LoadInputsPreprocessor sets it
		final JComboBox<String> c = combo(widget(new SwingPanel(), m, "target_model"));
		assertEquals("/data/models/mine", c.getSelectedItem());
		assertEquals("/data/models/mine", c.getItemAt(0));
	}

	@Test
	void otherInputsAndOtherToolkitsKeepTheirOwnWidgets() throws Exception {
		final Module m = module(ComputeFiltersCommand.class);
		final InputWidget<?, ?> q = widget(new SwingPanel(), m, "quadrature");
		assertFalse(q instanceof PackageChoiceWidget, "a declared choice list keeps SciJava's widget");
		final InputWidget<?, ?> other = widget(new OtherPanel(), m, "baseline_model");
		assertFalse(other instanceof PackageChoiceWidget, "a JPanel widget in a non-Swing panel");
		assertNotNull(m);
	}
}
