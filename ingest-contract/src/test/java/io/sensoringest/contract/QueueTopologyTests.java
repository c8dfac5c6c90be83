package io.sensoringest.contract;

import java.util.Map;

import io.sensoringest.contract.QueueTopology.QueueType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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

}
