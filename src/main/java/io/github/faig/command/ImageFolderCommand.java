package io.github.faig.command;

import java.io.File;

import org.scijava.plugin.Parameter;
import org.scijava.widget.FileWidget;

import io.github.faig.ij.GroundTruths;
import io.github.faig.workflow.Batch;
import io.github.faig.workflow.FolderRun;

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

	/**
	 * Makes the {@code outputs} of every image file of {@code input_dir} ({@link FolderRun}: a {@link Batch} on the
	 * workflow, a folder going on past a bad file) and writes them into {@code outputDir}, the failed files listed in
	 * {@code failedCsv}.
	 *
	 * @param done what happened to the files that did not fail, for the message ("super-resolved")
	 */
	protected <S> void runFolder(final File outputDir, final Batch<S> batch, final FolderRun.Outputs<S> outputs,
		final String done, final String failedCsv) throws java.io.IOException
	{
		// a Java property (FAIG_JAVA_OPTS=-Dfaig.folder.round=N), read here so the workflow reads no global
		final int round = FolderRun.round(System.getProperty("faig.folder.round"));
		FolderRun.run(inputFiles(), outputDir, batch, outputs, round, monitor(), folderFailures(), done, failedCsv);
	}

	/** The image files of {@code input_dir}, sorted by name. */
	protected File[] inputFiles() {
		return GroundTruths.imageFiles(input_dir, "input_dir");
	}
}
