package io.sensoringest.contract;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IsoTimesTests {

	@ParameterizedTest
	@ValueSource(strings = { "2021-01-01T00:00:00Z", "2021-01-01T00:00:00.123+08:00",
			"2021-12-31T23:59:59.999999-03:30", "1999-03-28T01:59:59.5+01:00", "2021-01-01T00:00:00.000000001Z",
			"2021-01-01T00:00Z", "+300000-01-01T00:00:00Z", "2021-01-01T00:00:00+05:30:15" })
	void readsWhatTheGeneralParserReads(String text) {
		assertThat(IsoTimes.parse(text)).isEqualTo(OffsetDateTime.parse(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2021-01-01T00:00:00Z", "2021-01-01T00:00:00.1+08:00", "2021-01-01T00:00:00.12-03:30",
			"2021-01-01T00:00:00.000123Z", "2021-01-01T00:00:00.000000123+14:00", "0999-01-01T05:06:07Z",
			"+12021-01-01T00:00:00Z", "2021-01-01T00:00:00+05:30:15" })
	void writesWhatTheGeneralFormatterWrites(String text) {
		OffsetDateTime time = OffsetDateTime.parse(text);
		StringBuilder out = new StringBuilder();

		IsoTimes.format(time, out);

		assertThat(out).hasToString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2021-02-30T00:00:00Z", "2021-01-01T24:00:00Z", "2021-01-01T00:00:00+19:00",
			"2021-01-01T00:00:00+18:30", "2021-01-01T00:00:00", "2021-0a-01T00:00:00Z", "2021-01-01 00:00:00Z" })
	void refusesWhatTheGeneralParserRefuses(String text) {
		assertThatThrownBy(() -> IsoTimes.parse(text)).isInstanceOf(DateTimeException.class);
	}

}
