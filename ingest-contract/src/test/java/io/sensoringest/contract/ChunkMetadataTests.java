package io.sensoringest.contract;

import java.util.HashMap;
import java.util.Map;

import com.rabbitmq.client.impl.LongStringHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkMetadataTests {

	@Test
	void messageIdIsFingerprintFirstLineAndRowCount() {
		assertThat(ChunkMetadata.messageId("0123456789abcdef", 1002, 500)).isEqualTo("0123456789abcdef:1002:500");
	}

	@Test
	void chunksThatStartOnTheSameLineButHoldDifferentRowsNeverShareAnId() {
		ChunkMetadata two = ChunkMetadata.of("f", "a.csv", 2, 2, 0);
		ChunkMetadata five = ChunkMetadata.of("f", "a.csv", 2, 5, 0);

		assertThat(two.messageId()).isNotEqualTo(five.messageId());
		assertThat(ChunkMetadata.of("f", "a.csv", 2, 5, 0)).isEqualTo(five);
	}

	@Test
	void readsBackWhatItsHeadersCarryAsTheBrokerReturnsThem() {
		ChunkMetadata metadata = ChunkMetadata.of("f", "dir/a.csv", 2, 1000, 0);
		Map<String, Object> received = new HashMap<>(metadata.headers());
		received.put(ChunkMetadata.SOURCE_FILE, LongStringHelper.asLongString("dir/a.csv"));

		assertThat(ChunkMetadata.from("f:2:1000", received)).isEqualTo(metadata);
	}

	@Test
	void readsAMessageOfAnEarlierVersionWhoseIdAndHeadersDoNotSayWhereItsRowsStart() {
		Map<String, Object> headers = Map.of(ChunkMetadata.SOURCE_FILE, "a.csv", ChunkMetadata.FIRST_LINE, 2L,
				ChunkMetadata.ROW_COUNT, 1000);

		assertThat(ChunkMetadata.from("f:2", headers)).isEqualTo(new ChunkMetadata("f:2", "a.csv", 2, 1000, -1));
	}

	@Test
	void toleratesAMessageWithoutHeaders() {
		assertThat(ChunkMetadata.from(null, null)).isEqualTo(new ChunkMetadata(null, null, -1, -1, -1));
	}

}
