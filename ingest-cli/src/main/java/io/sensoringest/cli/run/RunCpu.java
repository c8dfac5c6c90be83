package io.sensoringest.cli.run;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CPU seconds a {@code run} command spent, as its last line says them: the command
 * line's own JVM, which runs the producer in-process, and the consumer processes it
 * started (with the one that applied the migrations), read from {@code /proc} once they
 * have ended. {@code make bench} reads the line back from the command's output.
 *
 * @param commandLine the command line and its producer
 * @param consumers the consumers it started and stopped
 */
public record RunCpu(double commandLine, double consumers) {

	private static final Pattern LINE = Pattern
		.compile("cpu: command line and producer (\\d+\\.\\d+) s, consumers (\\d+\\.\\d+) s");

	/** Returns what this process and its ended children have spent so far. */
	public static RunCpu ofThisProcess() {
		return new RunCpu(ProcessCpu.ofThisProcess(), ProcessCpu.ofEndedChildren());
	}

	/** Returns the line the run command logs. */
	public String line() {
		return String.format("cpu: command line and producer %.2f s, consumers %.2f s", this.commandLine,
				this.consumers);
	}

	/**
	 * Returns the figures of the last such line in a command's output, or {@code null}
	 * when it has none.
	 */
	public static RunCpu find(String output) {
		Matcher line = LINE.matcher(output);
		RunCpu last = null;
		while (line.find()) {
			last = new RunCpu(Double.parseDouble(line.group(1)), Double.parseDouble(line.group(2)));
		}
		return last;
	}

}
