package io.github.faig.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HrDatasetTest {

	/** #29: a hidden file (README: hidden files are not inputs) or a folder named like an image is skipped. */
	@Test
	void hiddenFilesAndFoldersAreNotPhotographs(@TempDir final Path dir) throws Exception {
		ImageIO.write(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("a.png").toFile());
		Files.writeString(dir.resolve(".hidden.png"), "not an image");
		Files.writeString(dir.resolve("._a.png"), "macOS resource fork");
		Files.createDirectory(dir.resolve("folder.png"));
		assertEquals(1, HrDataset.load(dir.toFile(), null).size());
	}
}
