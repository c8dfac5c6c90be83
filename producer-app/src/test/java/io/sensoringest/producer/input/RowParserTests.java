package io.sensoringest.producer.input;

import java.time.OffsetDateTime;
import java.time.ZoneId;

import io.sensoringest.contract.SensorRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowParserTests {

	private final RowParser parser = new RowParser(ZoneId.of("Europe/Berlin"));

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			2021-01-01T00:00:00.000+08:00   | 2021-01-01T00:00:00+08:00
			2021-01-01 00:00:00+08:00       | 2021-01-01T00:00:00+08:00
			2021-01-01T00:00:00Z            | 2021-01-01T00:00:00Z
			2021-01-01t00:00:00z            | 2021-01-01T00:00:00Z
			2021-01-01T00:00:00.5-03:30     | 2021-01-01T00:00:00.5-03:30
			2021-01-01T00:00:00+08          | 2021-01-01T00:00:00+08:00
			2021-07-01T12:00:00             | 2021-07-01T12:00:00+02:00
			2021-01-01T12:00                | 2021-01-01T12:00:00+01:00
			2021-01-01T00:00:00.1234567+00:00 | 2021-01-01T00:00:00.123457Z
			""")
	void readsIsoTimesWithOrWithoutOffset(String text, String expected) {
		assertThat(this.parser.parse(text, "s", "1").recordTime()).isEqualTo(OffsetDateTime.parse(expected));
	}

	@Test
	void stripsBlanksAroundFields() {
		assertThat(this.parser.parse(" 2021-01-01T00:00:00Z ", "  a_1 ", " 0.5 "))
			.isEqualTo(new SensorRecord(OffsetDateTime.parse("2021-01-01T00:00:00Z"), "a_1", 0.5));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			textBlock = """
					``                     | s      | 1        | record_time is empty
					yesterday              | s      | 1        | record_time 'yesterday' is not an ISO-8601 date and time
					2021-02-30T00:00:00Z   | s      | 1        | record_time '2021-02-30T00:00:00Z' is not an ISO-8601 date and time
					2021-01-01T00:00:00+18:30 | s   | 1        | record_time '2021-01-01T00:00:00+18:30' is not an ISO-8601 date and time
					2021-01-01             | s      | 1        | record_time '2021-01-01' is not an ISO-8601 date and time
					2021-01-01T00:00:00Z   | ` `    | 1        | sensor_id is blank
					2021-01-01T00:00:00Z   | a\u0000b | 1      | sensor_id holds a control character
					2021-01-01T00:00:00Z   | a\uFFFDb | 1      | sensor_id is not valid UTF-8
					2021-01-01T00:00:00Z   | s      | ``       | value is empty
					2021-01-01T00:00:00Z   | s      | NaN      | value 'NaN' is not a number
					2021-01-01T00:00:00Z   | s      | Infinity | value 'Infinity' is not a number
					2021-01-01T00:00:00Z   | s      | 1,234.5  | value '1,234.5' is not a number
					2021-01-01T00:00:00Z   | s      | 0x1p3    | value '0x1p3' is not a number
					2021-01-01T00:00:00Z   | s      | 1.0d     | value '1.0d' is not a number
					2021-01-01T00:00:00Z   | s      | 1e999    | value '1e999' is out of range
					""")
	void rejectsRowsThatBreakARule(String time, String sensor, String value, String reason) {
		String sensorId = sensor.replace("\\u0000", "\u0000").replace("\\uFFFD", "\uFFFD");
		assertThatThrownBy(() -> this.parser.parse(time, sensorId, value)).isInstanceOf(RowException.class)
			.hasMessage(reason);
	}

	@Test
	void rejectsAnOverlongSensorIdWithoutEchoingIt() {
		assertThatThrownBy(() -> this.parser.parse("2021-01-01T00:00:00Z", "x".repeat(1_000_000), "1"))
			.hasMessage("sensor_id is longer than 200 characters");
	}

	@Test
	void acceptsEveryDecimalForm() {
		assertThat(this.parser.parse("2021-01-01T00:00:00Z", "s", "-1.5E-3").value()).isEqualTo(-0.0015);
		assertThat(this.parser.parse("2021-01-01T00:00:00Z", "s", ".5").value()).isEqualTo(0.5);
		assertThat(this.parser.parse("2021-01-01T00:00:00Z", "s", "+7").value()).isEqualTo(7);
		assertThat(this.parser.parse("2021-01-01T00:00:00Z", "s", "1e-05").value()).isEqualTo(1e-5);
	}

}
