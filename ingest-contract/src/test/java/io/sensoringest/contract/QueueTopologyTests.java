package io.sensoringest.contract;

import java.util.Map;

import io.sensoringest.contract.QueueTopology.QueueType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueueTopologyTests {

	@Test
	void quorumQueueIsReplicatedAndDeadLettersAtLeastOnceWithAnExplicitDeliveryLimit() {
		QueueTopology topology = new QueueTopology("records", QueueType.QUORUM, 5, 3);

		assertThat(topology.deadLetterExchange()).isEqualTo("records.dlx");
		assertThat(topology.deadLetterQueue()).isEqualTo("records.dlq");
		assertThat(topology.queueArguments()).containsExactlyInAnyOrderEntriesOf(
				Map.of("x-queue-type", "quorum", "x-dead-letter-exchange", "records.dlx", "x-dead-letter-routing-key",
						"records.dlq", "x-delivery-limit", 5, "x-quorum-initial-group-size", 3,
						"x-dead-letter-strategy", "at-least-once", "x-overflow", "reject-publish"));
		assertThat(topology.problems()).isEmpty();
	}

	@Test
	void whatCannotBeDeclaredIsNamedByField() {
		assertThat(new QueueTopology(" ", null, 0, 100).problems()).containsOnlyKeys("queueName", "type",
				"deliveryLimit", "quorumSize");
	}

	@Test
	void classicQueueHasNoDeliveryLimit() {
		assertThat(new QueueTopology("q", QueueType.CLASSIC, 5, QueueTopology.DEFAULT_QUORUM_SIZE).queueArguments())
			.containsEntry("x-queue-type", "classic")
			.doesNotContainKeys("x-delivery-limit", "x-dead-letter-strategy", "x-quorum-initial-group-size");
	}

}
