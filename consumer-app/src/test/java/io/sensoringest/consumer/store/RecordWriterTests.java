package io.sensoringest.consumer.store;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

import io.sensoringest.contract.SensorRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordWriterTests {

	@Test
	void writesCopyTextWithEscapes() {
		byte[] text = RecordWriter.copyText(
				List.of(new SensorRecord(OffsetDateTime.parse("2021-01-01T00:00:00.5+08:00"), "a\\b\tc\nd", 1.0E-5)));

		assertThat(new String(text, StandardCharsets.UTF_8))
			.isEqualTo("2021-01-01T00:00:00.5+08:00\ta\\\\b\\tc\\nd\t1.0E-5\n");
	}

}
