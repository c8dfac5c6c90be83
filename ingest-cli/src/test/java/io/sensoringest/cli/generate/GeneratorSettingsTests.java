package io.sensoringest.cli.generate;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import io.sensoringest.contract.InvalidSettingException;
import io.sensoringest.cli.command.OperatorSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneratorSettingsTests {

	static Map<String, String> demo() {
		Map<String, String> values = new HashMap<>();
		values.put("TARGET_FILE_DIR", "records");
		values.put("GEN_NUM_SENSORS", "1000");
		values.put("GEN_NUM_RECORDS", "100000");
		values.put("GEN_START_DATE", "2021-01-01");
		values.put("GEN_RECORD_INTERVAL", "1");
		values.put("GEN_TIMEZONE", "Asia/Shanghai");
		values.put("GEN_SEED", "42");
		return values;
	}

	/**
	 * Returns the settings bound as the CLI binds them, with the values given in front.
	 */
	static GeneratorSettings bind(Map<String, String> values) {
		return GeneratorSettings.from(OperatorSettings.load(values).cli().generate());
	}

	@Test
	void readsTheDemoSettings() {
		GeneratorSettings settings = bind(demo());

		assertThat(settings).isEqualTo(new GeneratorSettings(Path.of("records"), 1000, 100000,
				LocalDateTime.of(2021, 1, 1, 0, 0), 1000, ZoneId.of("Asia/Shanghai"), 42));
		assertThat(settings.totalRows()).isEqualTo(100_000_000L);
	}

	@Test
	void readsFractionalIntervalAndLocalDateTimeStart() {
		Map<String, String> values = demo();
		values.put("GEN_RECORD_INTERVAL", "0.25");
		values.put("GEN_START_DATE", "2021-03-28T01:59:00");

		GeneratorSettings settings = bind(values);

		assertThat(settings.intervalMillis()).isEqualTo(250);
		assertThat(settings.start()).isEqualTo(LocalDateTime.of(2021, 3, 28, 1, 59));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			GEN_NUM_SENSORS     | abc         | GEN_NUM_SENSORS=abc is not a whole number
			GEN_NUM_SENSORS     | 0           | GEN_NUM_SENSORS=0 must be between 1 and 2147483647
			GEN_NUM_RECORDS     | -5          | GEN_NUM_RECORDS=-5 must be between 1 and
			GEN_START_DATE      | 2021-13-01  | GEN_START_DATE=2021-13-01 is not a date
			GEN_RECORD_INTERVAL | soon        | GEN_RECORD_INTERVAL=soon is not a positive number of seconds
			GEN_RECORD_INTERVAL | 0.0001      | GEN_RECORD_INTERVAL=0.0001 is not a positive number of seconds
			GEN_RECORD_INTERVAL | 0           | GEN_RECORD_INTERVAL=0 is not a positive number of seconds
			GEN_TIMEZONE        | Mars/Olympus| GEN_TIMEZONE=Mars/Olympus is not a known time zone
			GEN_SEED            | 1.5         | GEN_SEED=1.5 is not a whole number
			""")
	void rejectsUnusableValueNamingSettingAndValue(String name, String value, String message) {
		Map<String, String> values = demo();
		values.put(name, value);

		assertThatThrownBy(() -> bind(values)).isInstanceOf(InvalidSettingException.class)
			.hasMessageStartingWith(message)
			.extracting((ex) -> ((InvalidSettingException) ex).getSetting())
			.isEqualTo(name);
	}

	@Test
	void rejectsBlankSetting() {
		Map<String, String> values = demo();
		values.put("GEN_TIMEZONE", " ");

		assertThatThrownBy(() -> bind(values)).hasMessage("GEN_TIMEZONE is not set");
	}

}
