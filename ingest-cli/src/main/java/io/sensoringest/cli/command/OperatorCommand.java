package io.sensoringest.cli.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.sensoringest.boot.AppStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of the operator's commands: it runs once, and the process exits with the status it
 * set, 0 unless it said otherwise. Settings are read when it runs, after its options were
 * checked, so that {@code --help} needs none.
 */
public abstract class OperatorCommand implements Callable<Integer> {

	/**
	 * Exit status when something is not (yet) as it should be: rows or files rejected,
	 * rows missing.
	 */
	public static final int INCOMPLETE = 1;

	/** Exit status for bad usage, a bad setting or another fatal error. */
	public static final int FATAL = AppStart.FATAL;

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
		this.exitCode = FATAL;
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
