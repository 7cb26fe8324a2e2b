package io.github.faig.ij;

import java.awt.BorderLayout;
import java.util.ArrayList;
import java.util.List;

import javax.swing.DefaultComboBoxModel;
import javax.swing.JComboBox;
import javax.swing.JPanel;

import org.scijava.Priority;
import org.scijava.plugin.Plugin;
import org.scijava.widget.AbstractInputWidget;
import org.scijava.widget.InputWidget;
import org.scijava.widget.WidgetModel;
import org.scijava.widget.WidgetStyle;

import io.github.faig.nn.Architectures;

/**
 * The dialog's widget of an architecture input (style {@link #STYLE}): a choice list of the
 * registry's architectures ({@link Architectures#names()}), read when the dialog opens, so an architecture another
 * jar provides is offered without an edit here. A remembered value that is an alias shows as its canonical name; one
 * no architecture answers to stays first in the list, and the run refuses it in one line.
 * <p>
 * A Swing widget ranked above SciJava's text widget, as {@link PackageChoiceWidget}.
 * </p>
 */
@Plugin(type = InputWidget.class, priority = Priority.HIGH)
public class ArchitectureChoiceWidget extends AbstractInputWidget<String, JPanel> {

	/** Widget style of an architecture input (a {@code String}); commands refer to it as FaigCommand's. */
	public static final String STYLE = "faig-architecture";

	private JPanel panel;
	private JComboBox<String> combo;

	@Override
	public boolean supports(final WidgetModel model) {
		return super.supports(model) && model.getItem().getType() == String.class && WidgetStyle.isStyle(model
			.getItem(), STYLE);
	}

	/** The registry's names, with {@code current} first when it names none of them. */
	public static List<String> choices(final Object current) {
		final List<String> out = new ArrayList<>();
		if (current instanceof String s && !s.isBlank() && !Architectures.known(s)) out.add(s);
		out.addAll(Architectures.names());
		return out;
	}

	/** The entry showing {@code current}: its canonical name, itself if unknown, else the first architecture. */
	static String selection(final Object current) {
		if (current instanceof String s && !s.isBlank()) return Architectures.known(s) ? Architectures.canonical(s) : s;
		return Architectures.names().get(0);
	}

	@Override
	public void set(final WidgetModel model) {
		super.set(model);
		combo = new JComboBox<>(new DefaultComboBoxModel<>(choices(model.getValue()).toArray(new String[0])));
		combo.setSelectedItem(selection(model.getValue()));
		final String description = model.getItem().getDescription();
		if (description != null && !description.isEmpty()) combo.setToolTipText(description);
		combo.addActionListener(e -> updateModel());
		panel = new JPanel(new BorderLayout());
		panel.add(combo, BorderLayout.CENTER);
	}

	@Override
	public String getValue() {
		return (String) combo.getSelectedItem();
	}

	@Override
	public void refreshWidget() {
		final Object v = get().getValue();
		if (v == null || v.equals(combo.getSelectedItem())) return;
		combo.setModel(new DefaultComboBoxModel<>(choices(v).toArray(new String[0])));
		combo.setSelectedItem(selection(v));
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
