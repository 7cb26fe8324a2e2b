package io.github.faig.ij;

import java.awt.Rectangle;

import ij.ImagePlus;
import ij.gui.Roi;

/** The part of an image a command works on: the bounding box of its area selection, when it has one. */
public final class Selections {

	private Selections() {}

	/**
	 * The bounds of {@code imp}'s area selection, clipped to the image; {@code null} when there is none, it is not an
	 * area (a line or points), or it covers the whole image.
	 */
	public static Rectangle bounds(final ImagePlus imp) {
		final Roi roi = imp == null ? null : imp.getRoi();
		if (roi == null || !roi.isArea()) return null;
		final Rectangle r = roi.getBounds().intersection(new Rectangle(0, 0, imp.getWidth(), imp.getHeight()));
		if (r.isEmpty()) {
			throw new IllegalArgumentException("the selection of '" + imp.getTitle() + "' lies outside the image");
		}
		return r.width == imp.getWidth() && r.height == imp.getHeight() && r.x == 0 && r.y == 0 ? null : r;
	}
}
