package io.github.faig.fiji;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/** Small inputs for the suite: crops of the demo photographs (real textures, a few kilobytes each). */
final class Inputs {

	private Inputs() {}

	/** Two 48x48 RGB crops, a.png and b.png, in DIR/gt; returns that folder. */
	static Path groundTruth(final Path dir) throws IOException {
		final Path gt = Files.createDirectories(dir.resolve("gt"));
		crop("building.png", 120, 80, 48, gt.resolve("a.png"));
		crop("fruits.png", 100, 100, 48, gt.resolve("b.png"));
		return gt;
	}

	static void crop(final String photo, final int x, final int y, final int size, final Path to) throws IOException {
		final BufferedImage src = ImageIO.read(Fiji.repo().resolve("src/demo/images").resolve(photo).toFile());
		final BufferedImage c = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
		c.getGraphics().drawImage(src.getSubimage(x, y, size, size), 0, 0, null);
		// the format follows the name (png, tif, gif): the macros must take every image type the commands read
		final String name = to.getFileName().toString();
		final String format = name.substring(name.lastIndexOf('.') + 1);
		if (!ImageIO.write(c, format, to.toFile())) throw new IOException("no ImageIO writer for " + name);
	}
}
