package io.sensoringest.producer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;

/**
 * One of the producer's commands: it runs once, and the process exits with the status it
 * set, 0 unless it said otherwise.
 */
public abstract class Command implements ApplicationRunner, ExitCodeGenerator {

	private static final Logger logger = LoggerFactory.getLogger(Command.class);

	private int exitCode;

	/**
	 * Reports, in one line, why the command cannot go on, and makes the exit status 2.
	 */
	protected void fail(String message) {
		logger.error(message);
		this.exitCode = ProducerApplication.FATAL;
	}

	/** Sets the exit status. */
	protected void exitWith(int status) {
		this.exitCode = status;
	}

	/**
	 * Returns the consumer's jar named by {@code --consumer-jar}; fails the command, and
	 * returns nothing, when the option does not name a file.
	 */
	protected Optional<Path> consumerJar(ApplicationArguments arguments, String command) {
		List<String> values = arguments.getOptionValues("consumer-jar");
		if (values == null || values.size() != 1 || !Files.isRegularFile(Path.of(values.get(0)))) {
			fail(command + " needs --consumer-jar=PATH naming the consumer's jar (make build makes it)");
			return Optional.empty();
		}
		return Optional.of(Path.of(values.get(0)));
	}

	/**
	 * Fails the command, and returns false, when an option is given that it does not
	 * know.
	 * @param usage the command's synopsis, for the message
	 * @param known the options it knows, without the dashes
	 */
	protected boolean onlyOptions(ApplicationArguments arguments, String usage, String... known) {
		Optional<String> unknown = arguments.getOptionNames()
			.stream()
			.filter((option) -> !List.of(known).contains(option))
			.findFirst();
		unknown.ifPresent((option) -> fail("unknown option --" + option + "; usage: " + usage));
		return unknown.isEmpty();
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
