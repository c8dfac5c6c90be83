package io.sensoringest.cli.status;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeoutException;

import io.sensoringest.cli.command.OperatorCommand;
import io.sensoringest.cli.command.OperatorSettings;
import io.sensoringest.cli.command.Reads;
import io.sensoringest.contract.Failures;
import io.sensoringest.contract.Plural;
import io.sensoringest.producer.settings.ProducerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dlq show [--limit=N]}, behind {@code make dlq-show}: lists the dead-lettered
 * messages (id, source file, first line, rows, deliveries, reason) and leaves them where
 * they are. Exits 0 when the dead-letter queue is empty, 1 when it holds messages.
 */
@Reads({ "RABBITMQ_HOST", "RABBITMQ_PORT", "RABBITMQ_ADDRESSES", "RABBITMQ_QUEUE_NAME" })
@Command(name = "show", mixinStandardHelpOptions = true,
		header = "Lists the dead-lettered messages and why, leaving them in place.",
		description = "Exit 0 when the dead-letter queue is empty, 1 when it holds messages.",
		footerHeading = "%nExamples:%n", footer = { "  make dlq-show", "  make dlq-show ARGS=\"--limit=100\"" })
class ShowDeadLettersCommand extends OperatorCommand {

	@Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "list at most N messages")
	int limit;

	private ProducerSettings settings;

	private final PrintStream out = System.out;

	@Override
	protected void execute(OperatorSettings operator) throws InterruptedException {
		if (this.limit < 1) {
			fail("--limit=" + this.limit + " is not a positive number; usage: dlq show [--limit=N]");
			return;
		}
		this.settings = operator.producer();
		String dlq = this.settings.topology().deadLetterQueue();
		try (DeadLetters deadLetters = new DeadLetters(this.settings.broker().nodes(), this.settings.topology())) {
			long count = deadLetters.count();
			List<DeadLetters.Entry> entries = deadLetters.list(this.limit);
			this.out.printf("%s holds %s%s%n", dlq, Plural.of(count, "message"), (count > entries.size())
					? "; the first " + entries.size() + " (--limit=N shows more):" : (count > 0) ? ":" : "");
			if (!entries.isEmpty()) {
				this.out.printf("%-34s %-24s %9s %6s %10s  %s%n", "MESSAGE ID", "FILE", "LINE", "ROWS", "DELIVERIES",
						"REASON");
				entries.forEach((entry) -> this.out.printf("%-34s %-24s %9s %6s %10s  %s%n", text(entry.messageId()),
						text(entry.sourceFile()), number(entry.firstLine()), number(entry.rowCount()),
						entry.deliveries().map(String::valueOf).orElse("?"), entry.reason().replaceAll("\\s+", " ")));
				this.out.println("make dlq-replay moves them back to " + this.settings.topology().queueName()
						+ " once the cause is fixed");
			}
			exitWith((count == 0) ? 0 : 1);
		}
		catch (IOException | TimeoutException ex) {
			fail("RabbitMQ at " + this.settings.broker().describe() + ": " + Failures.rootMessage(ex));
		}
	}

	private static String text(String value) {
		return (value != null) ? value : "?";
	}

	private static String number(long value) {
		return (value >= 0) ? String.valueOf(value) : "?";
	}

}
