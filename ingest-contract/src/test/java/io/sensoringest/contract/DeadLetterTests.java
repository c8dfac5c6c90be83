package io.sensoringest.contract;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterTests {

	private static final Map<String, Object> CHUNK = Map.of(ChunkMetadata.SOURCE_FILE, "a.csv",
			ChunkMetadata.FIRST_LINE, 2L, ChunkMetadata.ROW_COUNT, 5);

	@Test
	void theConsumersCopyCarriesTheReasonAndTheDeliveries() {
		Map<String, Object> headers = DeadLetter.headers(CHUNK, "PostgreSQL refused it", false);

		assertThat(headers).containsAllEntriesOf(CHUNK);
		assertThat(DeadLetter.reason(headers)).isEqualTo("PostgreSQL refused it");
		assertThat(DeadLetter.recordedDeliveries(headers)).contains(1L);
	}

	@Test
	void deliveriesComeFromTheQuorumQueuesCountOrTheRedeliveredFlag() {
		assertThat(DeadLetter.deliveries(Map.of("x-delivery-count", 3L), true)).isEqualTo(4);
		assertThat(DeadLetter.deliveries(null, true)).isEqualTo(2);
		assertThat(DeadLetter.deliveries(Map.of(), false)).isEqualTo(1);
	}

	@Test
	void aMessageTheBrokerDeadLetteredGivesTheBrokersReason() {
		Map<String, Object> headers = Map.of("x-death", List.of(Map.of("reason", "delivery_limit", "count", 1L)));

		assertThat(DeadLetter.reason(headers)).isEqualTo("RabbitMQ dead-lettered it: delivery_limit");
		assertThat(DeadLetter.recordedDeliveries(headers)).isEmpty();
		assertThat(DeadLetter.reason(null)).isEqualTo("unknown");
		assertThat(DeadLetter.reason(Map.of())).isEqualTo("unknown");
	}

	@Test
	void aReplayedMessageLosesEverythingDeadLetteringAdded() {
		Map<String, Object> dead = DeadLetter.headers(CHUNK, "reason", true);
		dead.put("x-death", List.of());
		dead.put("x-delivery-count", 5L);

		assertThat(DeadLetter.withoutDeadLetterHeaders(dead)).isEqualTo(CHUNK);
	}

}
