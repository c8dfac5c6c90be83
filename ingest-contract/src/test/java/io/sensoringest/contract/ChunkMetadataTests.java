package io.sensoringest.contract;

import java.util.HashMap;
import java.util.Map;

import com.rabbitmq.client.impl.LongStringHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkMetadataTests {

	@Test
	void messageIdIsFingerprintAndFirstLine() {
		assertThat(ChunkMetadata.messageId("0123456789abcdef", 1002)).isEqualTo("0123456789abcdef:1002");
	}

	@Test
	void readsBackWhatItsHeadersCarryAsTheBrokerReturnsThem() {
		ChunkMetadata metadata = new ChunkMetadata("f:2", "dir/a.csv", 2, 1000);
		Map<String, Object> received = new HashMap<>(metadata.headers());
		received.put(ChunkMetadata.SOURCE_FILE, LongStringHelper.asLongString("dir/a.csv"));

		assertThat(ChunkMetadata.from("f:2", received)).isEqualTo(metadata);
	}

	@Test
	void toleratesAMessageWithoutHeaders() {
		assertThat(ChunkMetadata.from(null, null)).isEqualTo(new ChunkMetadata(null, null, -1, -1));
	}

}
