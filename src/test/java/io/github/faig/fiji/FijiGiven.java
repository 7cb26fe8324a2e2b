package io.github.faig.fiji;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the Fiji integration suite only where a Fiji is given. Without one, every suite class is skipped and one line
 * (printed once per test JVM) says so and how to give one; a Fiji given but unusable fails loudly instead.
 */
public final class FijiGiven implements ExecutionCondition {

	private static final AtomicBoolean TOLD = new AtomicBoolean();

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(final ExtensionContext context) {
		final Path fiji = Fiji.given();
		if (fiji == null) {
			final String why = "Fiji integration suite skipped: no Fiji given (set FAIG_FIJI=<Fiji.app folder> and " +
				"FAIG_FIJI_LAUNCHER=<launcher>, or -Dfaig.fiji/-Dfaig.fiji.launcher; README: Fiji integration suite)";
			if (TOLD.compareAndSet(false, true)) System.out.println(why);
			return ConditionEvaluationResult.disabled(why);
		}
		if (!Files.isDirectory(fiji.resolve("jars")))
			throw new IllegalStateException("FAIG_FIJI=" + fiji + " is not a Fiji.app folder (no jars/ inside)");
		if (Fiji.launcherGiven() == null || !Files.isExecutable(Fiji.launcherGiven()))
			throw new IllegalStateException("no executable Fiji launcher: FAIG_FIJI_LAUNCHER=" + Fiji.launcherGiven() +
				" (give the launcher of " + fiji + ")");
		return ConditionEvaluationResult.enabled("Fiji given: " + fiji);
	}
}
