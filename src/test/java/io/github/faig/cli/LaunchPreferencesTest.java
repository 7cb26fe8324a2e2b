package io.github.faig.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import org.junit.jupiter.api.Test;

class LaunchPreferencesTest {

	@Test
	void nodesKeepValuesAndChildrenForTheLaunch() throws BackingStoreException {
		final Preferences root = new LaunchPreferences().userRoot();
		final Preferences node = root.node("org/scijava/module/FAIG Compute Filters");
		node.put("steps", "100");
		node.putInt("patch", 64);
		assertEquals("100", node.get("steps", null));
		assertEquals(64, node.getInt("patch", -1));
		assertArrayEquals(new String[] { "patch", "steps" }, node.keys());
		// The same path gives the same node, through a fresh factory too (one store per JVM, like the JDK's).
		assertEquals("100", new LaunchPreferences().userRoot().node("org/scijava/module/FAIG Compute Filters")
			.get("steps", null));
		assertTrue(root.nodeExists("org/scijava/module"));

		node.remove("steps");
		assertNull(node.get("steps", null));
		node.flush(); // nothing to write, and no error
		node.sync();
		node.removeNode();
		assertFalse(root.nodeExists("org/scijava/module/FAIG Compute Filters"));
		assertTrue(root.nodeExists("org/scijava/module"));
	}

	@Test
	void userAndSystemRootsAreSeparate() {
		final LaunchPreferences factory = new LaunchPreferences();
		factory.userRoot().put("only-user", "1");
		assertNull(factory.systemRoot().get("only-user", null));
		factory.userRoot().remove("only-user");
	}
}
