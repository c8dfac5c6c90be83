package io.sensoringest.producer.queue;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import io.sensoringest.contract.Failures;
import io.sensoringest.producer.Command;
import io.sensoringest.producer.Plural;
import io.sensoringest.producer.ProducerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@code dlq-replay}, behind {@code make dlq-replay}: moves every dead-lettered message
 * back to the work queue, as the producer sent it, and says how many it moved. The
 * consumers' ledger makes a message that was stored after all harmless.
 */
@Component
@Profile("dlq-replay")
class ReplayDeadLettersCommand extends Command {

	private static final Logger logger = LoggerFactory.getLogger(ReplayDeadLettersCommand.class);

	private final ProducerSettings settings;

	ReplayDeadLettersCommand(ProducerSettings settings) {
		this.settings = settings;
	}

	@Override
	public void run(ApplicationArguments arguments) throws InterruptedException {
		try (DeadLetters deadLetters = new DeadLetters(this.settings.broker().connectionFactory(),
				this.settings.topology())) {
			long moved = deadLetters.replay();
			logger.info("moved {} from {} back to {}", Plural.of(moved, "message"),
					this.settings.topology().deadLetterQueue(), this.settings.topology().queueName());
		}
		catch (IOException | TimeoutException ex) {
			fail("RabbitMQ at " + this.settings.broker().describe() + ": " + Failures.rootMessage(ex));
		}
	}

}
