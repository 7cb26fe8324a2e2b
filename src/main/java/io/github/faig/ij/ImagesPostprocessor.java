package io.github.faig.ij;

import org.scijava.Priority;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPostprocessorPlugin;
import org.scijava.module.process.PostprocessorPlugin;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.thread.ThreadService;
import org.scijava.ui.UIService;

import ij.ImagePlus;
import ij.WindowManager;
import ij.macro.Interpreter;

/**
 * Hands the {@link ImagePlus} outputs of this project's commands to the macro that ran them in a headless Fiji
 * ({@code fiji --headless -batch macro.ijm}): SciJava's display step has no window to open there and only logs
 * "Super-resolved = img[…]" on standard output, so a macro's {@code nImages}, {@code getTitle()} and
 * {@code selectImage} never saw the image. Each image joins the macro's batch-mode images and becomes the current
 * one, as ImageJ's own commands leave their results. With a GUI, imagej-legacy's display opens them as before; a
 * headless run without a macro writes them to {@code output_dir} and needs no log line either.
 */
@Plugin(type = PostprocessorPlugin.class, priority = Priority.LOW)
public class ImagesPostprocessor extends AbstractPostprocessorPlugin {

	@Parameter(required = false)
	private UIService ui;

	@Parameter(required = false)
	private ThreadService threads;

	@Override
	public void process(final Module module) {
		final Object command = module.getDelegateObject();
		if (command == null || !command.getClass().getName().startsWith(TablesPostprocessor.PACKAGE)) return;
		if (ui != null && !ui.isHeadless()) return;
		for (final ModuleItem<?> item : module.getInfo().outputs()) {
			if (!ImagePlus.class.isAssignableFrom(item.getType())) continue;
			final Object value = item.getValue(module);
			if (value instanceof ImagePlus imp) toMacro(imp);
			module.resolveOutput(item.getName());
		}
	}

	/**
	 * Makes {@code imp} the current image of the running macro. The command runs on a thread of SciJava's pool; the
	 * macro waits on the thread that started it, whose current image is the one its next line sees.
	 */
	private void toMacro(final ImagePlus imp) {
		if (Interpreter.getInstance() == null) return;
		if (Interpreter.isBatchMode()) Interpreter.addBatchModeImage(imp);
		final Thread here = Thread.currentThread();
		final Thread caller = threads != null ? threads.getParent(here) : null;
		if (caller == null || caller == here) {
			WindowManager.setTempCurrentImage(imp);
			return;
		}
		WindowManager.setTempCurrentImage(caller, imp);
		// the pool reuses this thread for a later line's command: left here, the image would be that command's
		// "current image" instead of the one the macro opened since
		WindowManager.setTempCurrentImage(here, null);
	}
}
