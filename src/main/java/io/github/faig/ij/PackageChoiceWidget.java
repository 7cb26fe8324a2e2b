package io.github.faig.ij;

import java.awt.BorderLayout;
import java.awt.EventQueue;
import java.util.List;

import javax.swing.DefaultComboBoxModel;
import javax.swing.JComboBox;
import javax.swing.JPanel;

import org.scijava.Priority;
import org.scijava.module.ModuleItem;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.ui.UIService;
import org.scijava.widget.AbstractInputWidget;
import org.scijava.widget.InputWidget;
import org.scijava.widget.WidgetModel;


/**
 * The dialog's widget of a FAIG model or filter-set input ({@link PackageChoices#MODEL_STYLE},
 * {@link PackageChoices#FILTER_SETS_STYLE}): a choice list of the bundled and installed packages, built when the dialog
 * opens, around the current (remembered) value, with a last entry that opens a chooser ({@link PackageChoices}).
 * <p>
 * A Swing widget, as SciJava's own in Fiji's dialogs: its component is a {@link JPanel}, so it goes only into a Swing
 * input panel (SciJava's {@code SwingInputPanel} takes widgets whose component type is {@code JPanel}), and it ranks
 * above SciJava's text and choice widgets, which would otherwise show these text inputs as a plain text field.
 * </p>
 */
@Plugin(type = InputWidget.class, priority = Priority.HIGH)
public class PackageChoiceWidget extends AbstractInputWidget<String, JPanel> {

	@Parameter(required = false)
	private UIService ui;

	private JPanel panel;
	private JComboBox<String> combo;
	private PackageChoices choices;

	/** Set while the list is changed here, so the combo box's events are not taken for the user's picks. */
	private boolean updating;

	/** The chooser behind the "Other …" entry: the UI's own file dialog (tests put a stub here). */
	PackageChoices.Chooser chooser = (title, start, style) -> ui == null ? null : ui.chooseFile(title,
		start, style);

	@Override
	public boolean supports(final WidgetModel model) {
		return super.supports(model) && PackageChoices.packageInput(model.getItem());
	}

	@Override
	public void set(final WidgetModel model) {
		super.set(model);
		final ModuleItem<?> item = model.getItem();
		choices = new PackageChoices(item, model.getValue());
		combo = new JComboBox<>();
		final String description = item.getDescription();
		if (description != null && !description.isEmpty()) combo.setToolTipText(description);
		panel = new JPanel(new BorderLayout());
		panel.add(combo, BorderLayout.CENTER);
		show();
		combo.addActionListener(e -> {
			if (updating) return;
			final String entry = (String) combo.getSelectedItem();
			if (PackageChoices.otherEntry(item).equals(entry)) {
				// the chooser opens once the list has closed (it would stay drawn over the dialog otherwise)
				EventQueue.invokeLater(() -> picked(entry));
			}
			else picked(entry);
		});
	}

	/** The user picked {@code entry}: the value, the list and the module's input follow. */
	private void picked(final String entry) {
		choices.pick(entry, chooser);
		show();
		updateModel();
	}

	/** Puts the list and its selection into the combo box. */
	private void show() {
		updating = true;
		try {
			final List<String> list = choices.choices();
			boolean same = combo.getItemCount() == list.size();
			for (int i = 0; same && i < list.size(); i++) same = list.get(i).equals(combo.getItemAt(i));
			if (!same) combo.setModel(new DefaultComboBoxModel<>(list.toArray(new String[0])));
			combo.setSelectedItem(choices.selected());
		}
		finally {
			updating = false;
		}
	}

	@Override
	public String getValue() {
		return choices.selected();
	}

	@Override
	public void refreshWidget() {
		if (EventQueue.isDispatchThread()) refresh();
		else EventQueue.invokeLater(this::refresh);
	}

	/** The value may have been set elsewhere (a callback, a preview): the list follows it. */
	private void refresh() {
		final Object v = get().getValue();
		if (v instanceof String && !((String) v).isEmpty() && !v.equals(PackageChoices.otherEntry(get().getItem()))) {
			choices.pick((String) v, chooser);
		}
		show();
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
