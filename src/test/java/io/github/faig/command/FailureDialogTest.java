package io.github.faig.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A failure's reason in Fiji's GUI is ImageJ's message dialog, which breaks lines only where the text does. */
class FailureDialogTest {

	@Test
	void longReasonsAreBrokenAtSpacesAndKeepEveryWord() {
		final String reason = "BlindSuperResolution: an input of 264x213 pixels to SRCNNStyle(x2, num_feat=32, " +
			"num_block=4) needs about 387 MB of native memory, more than the 200 MB this machine can give it; use " +
			"smaller tiles (tile_size)";
		final String w = FaigCommand.wrapped(reason, 40);
		assertEquals(reason, w.replace('\n', ' '), "only spaces become line breaks");
		for (final String line : w.split("\n")) assertTrue(line.length() <= 40, line);
		assertTrue(w.lines().count() > 3);
		// a word longer than a line stands alone rather than being cut
		assertEquals("short\n/a/very/long/path/that/does/not/fit\nend", FaigCommand.wrapped(
			"short /a/very/long/path/that/does/not/fit end", 10));
		assertEquals("one line", FaigCommand.wrapped("one line", 100));
	}
}
