package io.sensoringest.consumer.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

import io.sensoringest.contract.SensorRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordWriterTests {

	@Test
	void writesCopyBinaryWithPostgresEpochMicrosUtf8AndIeeeBits() {
		ByteBuffer copy = ByteBuffer.wrap(RecordWriter
			.copyBinary(List.of(new SensorRecord(OffsetDateTime.parse("2000-01-01T08:00:01.5+08:00"), "ü", 0.25))));

		byte[] signature = new byte[11];
		copy.get(signature);
		assertThat(signature).isEqualTo("PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1));
		assertThat(copy.getInt()).as("flags").isZero();
		assertThat(copy.getInt()).as("header extension").isZero();
		assertThat(copy.getShort()).as("fields").isEqualTo((short) 3);
		assertThat(copy.getInt()).isEqualTo(8);
		assertThat(copy.getLong()).as("micros since 2000-01-01Z").isEqualTo(1_500_000);
		assertThat(copy.getInt()).isEqualTo(2);
		assertThat(new byte[] { copy.get(), copy.get() }).isEqualTo("ü".getBytes(StandardCharsets.UTF_8));
		assertThat(copy.getInt()).isEqualTo(8);
		assertThat(copy.getDouble()).isEqualTo(0.25);
		assertThat(copy.getShort()).as("trailer").isEqualTo((short) -1);
		assertThat(copy.hasRemaining()).isFalse();
	}

}
