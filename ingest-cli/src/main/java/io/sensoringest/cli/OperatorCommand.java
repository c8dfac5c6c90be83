package io.sensoringest.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import sun.misc.Signal;
import org.slf4j.LoggerFactory;

/**
 * One of the operator's commands: it runs once, and the process exits with the status it
 * set, 0 unless it said otherwise. Settings are read when it runs, after its options were
 * checked, so that {@code --help} needs none.
 */
public abstract class OperatorCommand implements Callable<Integer> {

	private static final Logger logger = LoggerFactory.getLogger(OperatorCommand.class);

	private int exitCode;

	/** Does the command's work; reports through {@link #fail} and {@link #exitWith}. */
	protected abstract void execute(OperatorSettings settings) throws Exception;

	@Override
	public Integer call() throws Exception {
		execute(OperatorSettings.load());
		return this.exitCode;
	}

	/**
	 * Reports, in one line, why the command cannot go on, and makes the exit status 2.
	 */
	protected void fail(String message) {
		logger.error(message);
		this.exitCode = IngestCli.FATAL;
	}

	/**
	 * Makes SIGTERM and Ctrl-C call {@code stop} instead of ending the JVM at once, so
	 * that the command can finish what it holds and exit with its own status.
	 */
	protected static void onStopSignals(Runnable stop) {
		for (String signal : new String[] { "TERM", "INT" }) {
			Signal.handle(new Signal(signal), (received) -> {
				logger.warn("SIG{}: stopping", signal);
				stop.run();
			});
		}
	}

	/**
	 * Makes SIGTERM and Ctrl-C end the command with exit status 0, after the shutdown
	 * hooks stopped every process it started: for commands whose work is a measurement or
	 * a test, which a stop leaves nothing to finish of.
	 */
	protected static void exitZeroOnStopSignals() {
		onStopSignals(() -> new Thread(() -> System.exit(0), "stop").start());
	}

	/** Sets the exit status. */
	protected void exitWith(int status) {
		this.exitCode = status;
	}

	/**
	 * Returns whether a jar option names a file; fails the command when it does not.
	 * @param option the option, for the message
	 */
	protected boolean isJar(Path jar, String option) {
		if (Files.isRegularFile(jar)) {
			return true;
		}
		fail(option + "=" + jar + " is not a file (make build makes the jars)");
		return false;
	}

}
