package io.sensoringest.cli.status;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import io.sensoringest.cli.command.OperatorCommand;
import io.sensoringest.cli.command.OperatorSettings;
import io.sensoringest.cli.command.Reads;
import io.sensoringest.contract.Failures;
import io.sensoringest.contract.Plural;
import io.sensoringest.producer.settings.ProducerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/**
 * {@code dlq replay}, behind {@code make dlq-replay}: moves every dead-lettered message
 * back to the work queue, as the producer sent it, and says how many it moved. The
 * consumers' ledger makes a message that was stored after all harmless.
 */
@Reads({ "RABBITMQ_HOST", "RABBITMQ_PORT", "RABBITMQ_ADDRESSES", "RABBITMQ_QUEUE_NAME" })
@Command(name = "replay", mixinStandardHelpOptions = true,
		header = "Moves the dead-lettered messages back to the work queue, once the cause is fixed.",
		footerHeading = "%nExamples:%n",
		footer = { "  make dlq-replay                  # once the cause dlq-show names is fixed" })
class ReplayDeadLettersCommand extends OperatorCommand {

	private static final Logger logger = LoggerFactory.getLogger(ReplayDeadLettersCommand.class);

	@Override
	protected void execute(OperatorSettings operator) throws InterruptedException {
		ProducerSettings settings = operator.producer();
		try (DeadLetters deadLetters = new DeadLetters(settings.broker().nodes(), settings.topology())) {
			long moved = deadLetters.replay();
			logger.info("moved {} from {} back to {}", Plural.of(moved, "message"),
					settings.topology().deadLetterQueue(), settings.topology().queueName());
		}
		catch (IOException | TimeoutException ex) {
			fail("RabbitMQ at " + settings.broker().describe() + ": " + Failures.rootMessage(ex));
		}
	}

}
