package io.github.faig.command;

import java.io.File;

import org.scijava.plugin.Parameter;
import org.scijava.widget.FileWidget;

/**
 * An image command that also runs on every image file of a folder ({@code input_dir}, for macros and headless
 * lines), each processed as {@code input_file} would be. The dialog works on the active image, so it does not show
 * the folder.
 */
public abstract class ImageFolderCommand extends ImageCommand {

	@Parameter(label = "Input folder (instead of the image)", required = false, style = FileWidget.DIRECTORY_STYLE,
		description = "every image file of the folder, each processed as input_file would be", persist = false)
	protected File input_dir;

	/** A folder run is for macros and headless lines (macros/*.ijm): the dialog works on the active image. */
	@Override
	public java.util.Set<String> scriptOnlyInputs() {
		return IMAGE_STAND_INS;
	}

	/** The image files of {@code input_dir}, sorted by name. */
	protected File[] inputFiles() {
		return GroundTruths.imageFiles(input_dir, "input_dir");
	}
}
