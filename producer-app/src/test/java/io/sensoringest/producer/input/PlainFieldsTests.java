package io.sensoringest.producer.input;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Random;

import io.sensoringest.contract.RecordCodec;
import io.sensoringest.contract.SensorRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PlainFieldsTests {

	private static final String TIME = "2021-01-01T00:00:00Z";

	/** Far from UTC, so that a time read without its offset would differ. */
	private final RowParser rules = new RowParser(ZoneId.of("Pacific/Kiritimati"));

	@ParameterizedTest
	@ValueSource(strings = { "2021-01-01T00:00:00Z", "2020-02-29T23:59:59.123456+14:00", "0001-12-31T00:00:00.5-18:00",
			"2021-06-30T12:30:00+05:30" })
	void plainTimesAreTheTimesTheRulesRead(String text) {
		assertThat(PlainFields.isTime(bytes(text), 0, text.length())).isTrue();
		assertForwardedAsTheRulesReadIt(text, "s", "1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "2021-01-01 00:00:00Z", "2021-01-01T00:00:00", "2021-01-01t00:00:00z",
			"2021-01-01T00:00:00.1234567Z", "2021-01-01T00:00:00.Z", "2021-02-29T00:00:00Z", "2021-04-31T00:00:00Z",
			"2021-01-01T24:00:00Z", "2021-01-01T00:60:00Z", "2021-01-01T00:00:60Z", "2021-13-01T00:00:00Z",
			"2021-00-01T00:00:00Z", "2021-01-01T00:00:00+18:01", "2021-01-01T00:00:00+05:60",
			"2021-01-01T00:00:00+0530", "2021-01-01T00:00:00+08", " 2021-01-01T00:00:00Z", "2021-01-01T00:00Z",
			"+12021-01-01T00:00:00Z", "2021-01-01T00:00:00ZZ" })
	void timesOfAnyOtherShapeAreNotPlain(String text) {
		assertThat(PlainFields.isTime(bytes(text), 0, text.length())).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-1", "+1.50", ".5", "5.", "00012.3400", "-0" })
	void plainNumbersAreTheNumbersTheRulesRead(String text) {
		assertThat(PlainFields.isNumber(bytes(text), 0, text.length())).isTrue();
		assertForwardedAsTheRulesReadIt(TIME, "s", text);
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "", "-", ".", "1e3", "1E-3", "NaN", "Infinity", "0x10", "1.0d", " 1", "1 ", "1,5", "1.2.3" })
	void numbersOfAnyOtherShapeAreNotPlain(String text) {
		assertThat(PlainFields.isNumber(bytes(text), 0, text.length())).isFalse();
	}

	@Test
	void aNumberTooLongToBeSureOfIsNotPlain() {
		String long300 = "9".repeat(300);
		assertThat(PlainFields.isNumber(bytes(long300), 0, 300)).isTrue();
		assertForwardedAsTheRulesReadIt(TIME, "s", long300);
		assertThat(PlainFields.isNumber(bytes(long300 + "9"), 0, 301)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "s", "a b", "pipe 5' wide", "x_y.z:1/#" })
	void plainSensorIdsAreTheIdsTheRulesRead(String text) {
		assertThat(PlainFields.isSensorId(bytes(text), 0, text.length())).isTrue();
		assertForwardedAsTheRulesReadIt(TIME, text, "1");
	}

	@Test
	void sensorIdsOfAnyOtherShapeAreNotPlain() {
		for (String text : new String[] { "", " a", "a ", "a,b", "a\"b", "a\tb", "a\u007fb", "ä",
				"x".repeat(RowParser.MAX_SENSOR_ID + 1) }) {
			byte[] bytes = bytes(text);
			assertThat(PlainFields.isSensorId(bytes, 0, bytes.length)).as(text).isFalse();
		}
		String longest = "x".repeat(RowParser.MAX_SENSOR_ID);
		assertThat(PlainFields.isSensorId(bytes(longest), 0, longest.length())).isTrue();
	}

	@Test
	void everyRandomTimeThatIsPlainIsOneTheRulesAcceptAsItIs() {
		Random random = new Random(42);
		char[] alphabet = "0123456789-:T.Z+ ".toCharArray();
		int plain = 0;
		for (int n = 0; n < 200_000; n++) {
			char[] text = "2021-01-01T00:00:00.000000+00:00".toCharArray();
			for (int changes = 1 + random.nextInt(3); changes > 0; changes--) {
				text[random.nextInt(text.length)] = alphabet[random.nextInt(alphabet.length)];
			}
			String time = new String(text, 0, 20 + random.nextInt(text.length - 19));
			if (PlainFields.isTime(bytes(time), 0, time.length())) {
				plain++;
				assertForwardedAsTheRulesReadIt(time, "s", "1");
			}
		}
		assertThat(plain).isGreaterThan(1000);
	}

	/**
	 * The line as forwarded reads, for a consumer, as the record the rules make of it.
	 */
	private void assertForwardedAsTheRulesReadIt(String time, String sensorId, String value) {
		SensorRecord ruled = this.rules.parse(time, sensorId, value);
		String line = time + "," + sensorId + "," + value + "\n";
		assertThat(RecordCodec.decode(bytes(line))).as(line).containsExactly(ruled);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
