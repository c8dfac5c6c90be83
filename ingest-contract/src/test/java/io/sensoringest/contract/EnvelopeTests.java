package io.sensoringest.contract;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.impl.LongStringHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EnvelopeTests {

	private final ChunkMetadata a = ChunkMetadata.of("fa", "a.csv", 2, 100, 0);

	private final ChunkMetadata b = ChunkMetadata.of("fb", "dir/b.csv", 2, 40, 0);

	@Test
	void aMessageOfOneSegmentIsTheOneFileMessageOfEarlierVersions() {
		Envelope envelope = Envelope.of(List.of(this.a));

		assertThat(envelope.packed()).isFalse();
		assertThat(envelope.messageId()).isEqualTo("fa:2:100");
		assertThat(envelope.headers()).isEqualTo(this.a.headers());
		assertThat(Envelope.from("fa:2:100", this.a.headers())).isEqualTo(envelope);
	}

	@Test
	void aPackedMessageIsNamedByItsSegmentsInTheirOrder() {
		Envelope packed = Envelope.of(List.of(this.a, this.b));

		assertThat(packed.messageId()).startsWith(Envelope.PACKED_PREFIX).hasSize(Envelope.PACKED_PREFIX.length() + 32);
		assertThat(Envelope.of(List.of(this.a, this.b)).messageId()).isEqualTo(packed.messageId());
		assertThat(Envelope.of(List.of(this.b, this.a)).messageId()).isNotEqualTo(packed.messageId());
		assertThat(Envelope.of(List.of(this.a, ChunkMetadata.of("fb", "dir/b.csv", 2, 41, 0))).messageId())
			.isNotEqualTo(packed.messageId());
		assertThat(packed.rowCount()).isEqualTo(140);
	}

	@Test
	void readsBackWhatItsHeadersCarryAsTheBrokerReturnsThem() {
		Envelope packed = Envelope.of(List.of(this.a, this.b));
		// the broker hands strings back as long strings, and numbers as it likes
		Map<String, Object> received = new HashMap<>();
		List<Object> tables = ((List<?>) packed.headers().get(Envelope.SEGMENTS)).stream().map((table) -> {
			Map<String, Object> copy = new HashMap<>();
			((Map<?, ?>) table).forEach((key, value) -> copy.put((String) key,
					(value instanceof String text) ? LongStringHelper.asLongString(text) : value));
			return (Object) copy;
		}).toList();
		received.put(Envelope.SEGMENTS, tables);

		assertThat(Envelope.from(packed.messageId(), received)).isEqualTo(packed);
	}

	@Test
	void segmentsThatNameNoSegmentAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Envelope.from("packed:x", Map.of(Envelope.SEGMENTS, "not a list")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Envelope.from("packed:x", Map.of(Envelope.SEGMENTS, List.of(Map.of("file", "a.csv")))));
	}

	@Test
	void describesWhereItsRowsComeFrom() {
		assertThat(Envelope.of(List.of(this.a)).describe()).isEqualTo("a.csv line 2");
		List<ChunkMetadata> five = List.of(this.a, this.b, ChunkMetadata.of("fc", "c.csv", 2, 1, 0),
				ChunkMetadata.of("fd", "d.csv", 5, 1, 0), ChunkMetadata.of("fe", "e.csv", 2, 1, 0));
		assertThat(Envelope.of(five).describe())
			.isEqualTo("5 files: a.csv line 2, dir/b.csv line 2, c.csv line 2 and 2 more segments");
	}

}
