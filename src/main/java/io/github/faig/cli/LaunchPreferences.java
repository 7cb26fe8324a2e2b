package io.github.faig.cli;

import java.util.Map;
import java.util.TreeMap;
import java.util.prefs.AbstractPreferences;
import java.util.prefs.Preferences;
import java.util.prefs.PreferencesFactory;

/**
 * Preferences that live only as long as one launch: the {@code ./faig} launcher installs this factory so a headless
 * run depends only on its command line (SciJava would otherwise fill every input not given with the value remembered
 * from the last run, even a rejected one), and the user's own Fiji preferences are neither read nor changed.
 * <p>
 * Kept in memory rather than in a temporary folder: the JDK's own preference-sync hook at exit would race a hook that
 * deletes such a folder and warn "Prefs file removed in background".
 */
public final class LaunchPreferences implements PreferencesFactory {

	/**
	 * The roots, in a holder of their own: creating a node initialises {@link Preferences}, which picks its factory
	 * once for the JVM. Were they fields of this class, {@link #install()} (whose call initialises this class) would
	 * make the JDK pick its file-backed default before the property below is set, and every run would read and write
	 * the user's {@code ~/.java/.userPrefs} (Fiji's recent files among them).
	 */
	private static final class Roots {

		static final Preferences USER = new Node(null, "");
		static final Preferences SYSTEM = new Node(null, "");
	}

	/** The name of the system property that selects a {@link PreferencesFactory}. */
	private static final String FACTORY_PROPERTY = "java.util.prefs.PreferencesFactory";

	/** Public and without arguments, as {@link Preferences} instantiates its factory reflectively. */
	public LaunchPreferences() {}

	/**
	 * Selects this factory for the JVM unless one was chosen already; must run before anything touches
	 * {@link Preferences}.
	 */
	static void install() {
		if (System.getProperty(FACTORY_PROPERTY) == null && System.getProperty("java.util.prefs.userRoot") == null) {
			System.setProperty(FACTORY_PROPERTY, LaunchPreferences.class.getName());
		}
	}

	@Override
	public Preferences userRoot() {
		return Roots.USER;
	}

	@Override
	public Preferences systemRoot() {
		return Roots.SYSTEM;
	}

	/** One node; AbstractPreferences does the locking, the caching of children and the events. */
	private static final class Node extends AbstractPreferences {

		private final Map<String, String> values = new TreeMap<>();

		Node(final Node parent, final String name) {
			super(parent, name);
		}

		@Override
		protected void putSpi(final String key, final String value) {
			values.put(key, value);
		}

		@Override
		protected String getSpi(final String key) {
			return values.get(key);
		}

		@Override
		protected void removeSpi(final String key) {
			values.remove(key);
		}

		@Override
		protected void removeNodeSpi() {
			values.clear();
		}

		@Override
		protected String[] keysSpi() {
			return values.keySet().toArray(new String[0]);
		}

		@Override
		protected String[] childrenNamesSpi() {
			// Only children created in this launch exist, and AbstractPreferences already knows those.
			return new String[0];
		}

		@Override
		protected AbstractPreferences childSpi(final String name) {
			return new Node(this, name);
		}

		@Override
		protected void syncSpi() {
			// Nothing is stored anywhere.
		}

		@Override
		protected void flushSpi() {
			// Nothing is stored anywhere.
		}
	}
}
