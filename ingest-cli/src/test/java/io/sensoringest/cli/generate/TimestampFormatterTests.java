package io.sensoringest.cli.generate;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampFormatterTests {

	@Test
	void writesMillisecondsAndOffset() {
		assertThat(format("Asia/Shanghai", ZonedDateTime.parse("2021-01-01T00:00:00+08:00[Asia/Shanghai]")))
			.isEqualTo("2021-01-01T00:00:00.000+08:00");
		assertThat(format("UTC", ZonedDateTime.parse("2021-06-30T23:59:59.999Z[UTC]")))
			.isEqualTo("2021-06-30T23:59:59.999+00:00");
		assertThat(format("America/St_Johns", ZonedDateTime.parse("2021-01-01T12:00:00.5-03:30[America/St_Johns]")))
			.isEqualTo("2021-01-01T12:00:00.500-03:30");
	}

	@Test
	void followsTheOffsetAcrossDaylightSavingChangesInBothDirections() {
		TimestampFormatter formatter = new TimestampFormatter(ZoneId.of("Europe/Berlin"));
		long spring = ZonedDateTime.parse("2021-03-28T01:59:59+01:00").toInstant().toEpochMilli();
		long autumn = ZonedDateTime.parse("2021-10-31T02:59:59+02:00").toInstant().toEpochMilli();

		assertThat(format(formatter, spring)).isEqualTo("2021-03-28T01:59:59.000+01:00");
		assertThat(format(formatter, spring + 1000)).isEqualTo("2021-03-28T03:00:00.000+02:00");
		assertThat(format(formatter, autumn)).isEqualTo("2021-10-31T02:59:59.000+02:00");
		assertThat(format(formatter, autumn + 1000)).isEqualTo("2021-10-31T02:00:00.000+01:00");
		assertThat(format(formatter, spring)).isEqualTo("2021-03-28T01:59:59.000+01:00");
	}

	@Test
	void writesHistoricOffsetWithSecondsAsPythonDoes() {
		assertThat(TimestampFormatter.offsetText(8 * 3600 + 5 * 60 + 43)).isEqualTo("+08:05:43");
		assertThat(TimestampFormatter.offsetText(-(3 * 3600 + 30 * 60))).isEqualTo("-03:30");
		assertThat(TimestampFormatter.offsetText(0)).isEqualTo("+00:00");
	}

	private static String format(String zone, ZonedDateTime time) {
		return format(new TimestampFormatter(ZoneId.of(zone)), time.toInstant().toEpochMilli());
	}

	private static String format(TimestampFormatter formatter, long epochMillis) {
		StringBuilder out = new StringBuilder();
		formatter.append(epochMillis, out);
		return out.toString();
	}

}
