package io.sensoringest.producer.queue;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeoutException;

import io.sensoringest.contract.Failures;
import io.sensoringest.producer.Command;
import io.sensoringest.producer.Plural;
import io.sensoringest.producer.ProducerSettings;

import org.springframework.boot.ApplicationArguments;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@code dlq-show [--limit=N]}, behind {@code make dlq-show}: lists the dead-lettered
 * messages (id, source file, first line, rows, deliveries, reason) and leaves them where
 * they are. Exits 0 when the dead-letter queue is empty, 1 when it holds messages.
 */
@Component
@Profile("dlq-show")
class ShowDeadLettersCommand extends Command {

	private static final int DEFAULT_LIMIT = 100;

	private final ProducerSettings settings;

	private final PrintStream out = System.out;

	ShowDeadLettersCommand(ProducerSettings settings) {
		this.settings = settings;
	}

	@Override
	public void run(ApplicationArguments arguments) {
		if (!onlyOptions(arguments, "dlq-show [--limit=N]", "limit")) {
			return;
		}
		int limit = limit(arguments);
		if (limit < 0) {
			return;
		}
		String dlq = this.settings.topology().deadLetterQueue();
		try (DeadLetters deadLetters = new DeadLetters(this.settings.broker().connectionFactory(),
				this.settings.topology())) {
			long count = deadLetters.count();
			List<DeadLetters.Entry> entries = deadLetters.list(limit);
			this.out.printf("%s holds %s%s%n", dlq, Plural.of(count, "message"), (count > entries.size())
					? "; the first " + entries.size() + " (--limit=N shows more):" : (count > 0) ? ":" : "");
			if (!entries.isEmpty()) {
				this.out.printf("%-28s %-24s %9s %6s %10s  %s%n", "MESSAGE ID", "FILE", "LINE", "ROWS", "DELIVERIES",
						"REASON");
				entries.forEach((entry) -> this.out.printf("%-28s %-24s %9s %6s %10s  %s%n", text(entry.messageId()),
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

	private int limit(ApplicationArguments arguments) {
		List<String> values = arguments.getOptionValues("limit");
		if (values == null) {
			return DEFAULT_LIMIT;
		}
		try {
			int limit = Integer.parseInt(values.get(0));
			if (limit > 0) {
				return limit;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		fail("--limit=" + values.get(0) + " is not a positive number; usage: dlq-show [--limit=N]");
		return -1;
	}

	private static String text(String value) {
		return (value != null) ? value : "?";
	}

	private static String number(long value) {
		return (value >= 0) ? String.valueOf(value) : "?";
	}

}
