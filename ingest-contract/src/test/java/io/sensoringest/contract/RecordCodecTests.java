package io.sensoringest.contract;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordCodecTests {

	private static final OffsetDateTime T0 = OffsetDateTime.parse("2021-01-01T00:00:00.123+08:00");

	@Test
	void encodesOneLinePerRowInIsoWithOffset() {
		byte[] body = RecordCodec.encode(List.of(new SensorRecord(T0, "17fc695a_4", 0.9100387476052705),
				new SensorRecord(T0.plusSeconds(1), "17fc695a_4", 1.0E-5)));

		assertThat(new String(body, StandardCharsets.UTF_8))
			.isEqualTo("2021-01-01T00:00:00.123+08:00,17fc695a_4,0.9100387476052705\n"
					+ "2021-01-01T00:00:01.123+08:00,17fc695a_4,1.0E-5\n");
	}

	@Test
	void roundTripsSensorIdsThatNeedQuotingAndEveryDouble() {
		List<SensorRecord> rows = List.of(new SensorRecord(T0, "a,b", -0.0),
				new SensorRecord(T0, "say \"hi\"", Double.MAX_VALUE), new SensorRecord(T0, "two\nlines\r", 4.9E-324),
				new SensorRecord(OffsetDateTime.parse("2021-03-28T01:59:59.999999Z"), "ünïcødé ✓", 0.1));

		assertThat(RecordCodec.decode(RecordCodec.encode(rows))).isEqualTo(rows);
	}

	@Test
	void decodesAnEmptyBodyAsNoRows() {
		assertThat(RecordCodec.decode(new byte[0])).isEmpty();
	}

	@Test
	void rejectsBodiesNotInTheFormatNamingTheRow() {
		assertThatThrownBy(() -> decode("2021-01-01T00:00:00Z,a,1\nnot a row\n"))
			.isInstanceOf(MalformedBodyException.class)
			.hasMessage("row 2 of the body has no comma after record_time");
		assertThatThrownBy(() -> decode("yesterday,a,1\n")).hasMessageContaining("record_time 'yesterday'");
		assertThatThrownBy(() -> decode("2021-01-01T00:00:00Z,a,NaN\n")).hasMessageContaining("not a finite number");
		assertThatThrownBy(() -> decode("2021-01-01T00:00:00Z,a,1")).hasMessageContaining("line break");
		assertThatThrownBy(() -> decode("2021-01-01T00:00:00Z,\"open,1\n"))
			.hasMessageContaining("unterminated quoted sensor_id");
		assertThatThrownBy(() -> decode("2021-01-01T00:00:00,a,1\n"))
			.hasMessageContaining("not ISO-8601 with an offset");
	}

	private static List<SensorRecord> decode(String body) {
		return RecordCodec.decode(body.getBytes(StandardCharsets.UTF_8));
	}

}
