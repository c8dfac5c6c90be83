package io.sensoringest.cli.status;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dlq show} and {@code dlq replay}: the dead-letter queue, behind
 * {@code make dlq-show} and {@code make dlq-replay}.
 */
@Command(name = "dlq", mixinStandardHelpOptions = true, header = "The dead letters: show them, replay them.",
		subcommands = { ShowDeadLettersCommand.class, ReplayDeadLettersCommand.class }, footerHeading = "%nExamples:%n",
		footer = { "  make dlq-show", "  make dlq-replay" })
public class DlqCommand implements Runnable {

	@Spec
	CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "name what to do: show or replay");
	}

}
