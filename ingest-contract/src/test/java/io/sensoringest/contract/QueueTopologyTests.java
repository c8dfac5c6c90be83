package io.sensoringest.contract;

import java.util.Map;

import io.sensoringest.contract.QueueTopology.QueueType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueueTopologyTests {

	@Test
	void quorumQueueDeadLettersToItsDlqWithAnExplicitDeliveryLimit() {
		QueueTopology topology = new QueueTopology("records", QueueType.QUORUM, 5);

		assertThat(topology.deadLetterExchange()).isEqualTo("records.dlx");
		assertThat(topology.deadLetterQueue()).isEqualTo("records.dlq");
		assertThat(topology.queueArguments())
			.containsExactlyInAnyOrderEntriesOf(Map.of("x-queue-type", "quorum", "x-dead-letter-exchange",
					"records.dlx", "x-dead-letter-routing-key", "records.dlq", "x-delivery-limit", 5));
	}

	@Test
	void classicQueueHasNoDeliveryLimit() {
		assertThat(new QueueTopology("q", QueueType.CLASSIC, 5).queueArguments())
			.containsEntry("x-queue-type", "classic")
			.doesNotContainKey("x-delivery-limit");
	}

	@Test
	void readsItsSettingsAndRejectsAnUnknownQueueType() {
		Map<String, String> values = Map.of("RABBITMQ_QUEUE_NAME", "q", "RABBITMQ_QUEUE_TYPE", "Classic",
				"RABBITMQ_DELIVERY_LIMIT", "3");
		assertThat(QueueTopology.from(Settings.of(values))).isEqualTo(new QueueTopology("q", QueueType.CLASSIC, 3));

		Map<String, String> bad = Map.of("RABBITMQ_QUEUE_NAME", "q", "RABBITMQ_QUEUE_TYPE", "stream",
				"RABBITMQ_DELIVERY_LIMIT", "3");
		assertThatThrownBy(() -> QueueTopology.from(Settings.of(bad)))
			.hasMessage("RABBITMQ_QUEUE_TYPE=stream is not one of quorum, classic");
	}

}
