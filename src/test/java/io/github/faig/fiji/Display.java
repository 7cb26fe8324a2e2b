package io.github.faig.fiji;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An X display for the GUI suite: a fresh Xvfb on a free display number (Xvfb picks it, {@code -displayfd}), or the
 * display named by {@code FAIG_FIJI_DISPLAY}; driven with xdotool and photographed with ImageMagick's import.
 */
final class Display implements AutoCloseable {

	final String name;
	private final Process xvfb;

	private Display(final String name, final Process xvfb) {
		this.name = name;
		this.xvfb = xvfb;
	}

	static Display start() throws IOException, InterruptedException {
		final String given = Fiji.setting("faig.fiji.display", "FAIG_FIJI_DISPLAY");
		if (given != null) return new Display(given, null);
		final Process p = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten",
			"tcp").redirectError(ProcessBuilder.Redirect.DISCARD).start();
		final BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
		final String n = r.readLine();
		if (n == null || !n.trim().matches("\\d+")) {
			Fiji.kill(p);
			fail("Xvfb did not start (Debian package xvfb): " + n);
		}
		return new Display(":" + n.trim(), p);
	}

	/** Runs a tool (xdotool, import) on this display; returns its standard output, or null on a non-zero exit. */
	String tool(final String... cmd) throws IOException, InterruptedException {
		final ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
		pb.environment().put("DISPLAY", name);
		final Process p = pb.start();
		final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!p.waitFor(60, TimeUnit.SECONDS)) {
			Fiji.kill(p);
			return null;
		}
		return p.exitValue() == 0 ? out : null;
	}

	/** The visible windows whose name matches the regular expression. */
	List<String> windows(final String regex) throws IOException, InterruptedException {
		final String out = tool("xdotool", "search", "--onlyvisible", "--name", regex);
		final List<String> ids = new ArrayList<>();
		if (out != null) for (final String l : out.split("\n"))
			if (l.trim().matches("\\d+")) ids.add(l.trim());
		return ids;
	}

	/** The first visible window whose name matches, waiting up to the timeout. */
	String await(final String regex, final Duration timeout) throws IOException, InterruptedException {
		final long end = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < end) {
			final List<String> w = windows(regex);
			if (!w.isEmpty()) return w.get(0);
			Thread.sleep(300);
		}
		fail("no window named /" + regex + "/ within " + timeout.toSeconds() + " s; visible: " + names());
		return null;
	}

	/** Waits until no visible window matches. */
	void awaitGone(final String regex, final Duration timeout) throws IOException, InterruptedException {
		final long end = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < end) {
			if (windows(regex).isEmpty()) return;
			Thread.sleep(300);
		}
		fail("window /" + regex + "/ still open after " + timeout.toSeconds() + " s");
	}

	/** The names of the visible named windows (for a failure message). */
	String names() throws IOException, InterruptedException {
		final List<String> n = new ArrayList<>();
		for (final String id : windows(".+")) {
			final String name = tool("xdotool", "getwindowname", id);
			if (name != null && !name.isBlank()) n.add(name.trim());
		}
		return n.toString();
	}

	/** Raises the window above the others (no window manager here: X does it) and gives it the X focus. */
	void focus(final String id) throws IOException, InterruptedException {
		tool("xdotool", "windowraise", id);
		tool("xdotool", "windowfocus", "--sync", id);
	}

	/**
	 * Clicks inside a window at X, and Y pixels above its bottom edge: Java takes the keyboard focus on a click (an
	 * X focus change alone does not give it to the window's components).
	 */
	void clickNearBottom(final String id, final double x, final int fromBottom) throws IOException,
		InterruptedException
	{
		final String g = tool("xdotool", "getwindowgeometry", "--shell", id);
		int w = 0, h = 0;
		if (g != null) for (final String l : g.split("\n")) {
			if (l.startsWith("WIDTH=")) w = Integer.parseInt(l.substring(6).trim());
			if (l.startsWith("HEIGHT=")) h = Integer.parseInt(l.substring(7).trim());
		}
		final int px = x < 1 ? (int) (x * w) : (int) x; // a fraction of the width, or pixels
		tool("xdotool", "mousemove", "--window", id, Integer.toString(px), Integer.toString(Math.max(1, h -
			fromBottom)), "click", "1");
		Thread.sleep(300);
	}

	void keys(final String... keys) throws IOException, InterruptedException {
		for (final String k : keys) {
			tool("xdotool", "key", k);
			Thread.sleep(150);
		}
	}

	/** A PNG of one window, or of the whole screen for "root". */
	void screenshot(final String window, final Path png) throws IOException, InterruptedException {
		if (tool("import", "-window", window, png.toString()) == null) fail("import (ImageMagick) failed for " + png);
	}

	@Override
	public void close() throws InterruptedException {
		if (xvfb != null) Fiji.kill(xvfb);
	}
}
