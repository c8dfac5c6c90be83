package io.sensoringest.contract;

import java.time.Duration;
import java.util.stream.Stream;

import io.sensoringest.contract.DatabaseSettings.SslMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingTextTests {

	@Test
	void readsDurationsInUnitsSecondsOrIso() {
		assertThat(Stream.of("250ms", "5s", "5m", "1h", "90d", "1.5", "PT2M", "off", "0").map(SettingText::duration))
			.containsExactly(Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofHours(1),
					Duration.ofDays(90), Duration.ofMillis(1500), Duration.ofMinutes(2), Duration.ZERO, Duration.ZERO);
	}

	@Test
	void writesDurationsAsASettingDoes() {
		assertThat(Stream
			.of(Duration.ofSeconds(3), Duration.ofMillis(250), Duration.ofMinutes(5), Duration.ofHours(1),
					Duration.ofDays(90), Duration.ofMillis(1500), Duration.ZERO)
			.map(SettingText::written)).containsExactly("3s", "250ms", "5m", "1h", "90d", "1500ms", "off");
		assertThat(SettingText.duration(SettingText.written(Duration.ofSeconds(90)))).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void masksPasswordsAndTheClusterCookie() {
		assertThat(SettingText.shown("POSTGRES_PASSWORD", "s3cret")).isEqualTo("******");
		assertThat(SettingText.shown("RABBITMQ_SSL_TRUSTSTORE_PASSWORD", "s3cret")).isEqualTo("******");
		assertThat(SettingText.shown("RABBITMQ_CLUSTER_COOKIE", "s3cret")).isEqualTo("******");
		assertThat(SettingText.shown("POSTGRES_USERNAME", "ingest")).isEqualTo("ingest");
		assertThat(new InvalidSettingException("RABBITMQ_CLUSTER_COOKIE", "s3cret", "is too short"))
			.hasMessage("RABBITMQ_CLUSTER_COOKIE=****** is too short");
	}

	@Test
	void rejectsNegativeOrUnreadableDurations() {
		assertThatThrownBy(() -> SettingText.duration("-5s")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> SettingText.duration("soon")).isInstanceOf(IllegalArgumentException.class);
		assertThat(SettingText.notA(Duration.class)).isEqualTo("is not a duration (250ms, 5s, 5m, 1h, 90d, off)");
	}

	@Test
	void checksNumbersAgainstTheirRange() {
		assertThat(SettingText.outside(-1, 1, 10)).isEqualTo("must be between 1 and 10");
		assertThat(SettingText.outside(70000, 0, 65535)).isEqualTo("must be between 0 and 65535");
		assertThat(SettingText.outside(12, 1, 100)).isNull();
		assertThat(SettingText.outside(null, 1, 100)).isEqualTo("is not set");
	}

	@Test
	void namesWhatATypeAccepts() {
		assertThat(SettingText.notA(Integer.class)).isEqualTo("is not a whole number");
		assertThat(SettingText.notA(Boolean.class)).isEqualTo("is not true or false");
		assertThat(SettingText.notA(SslMode.class))
			.isEqualTo("is not one of disable, allow, prefer, require, verify-ca, verify-full");
		assertThat(SettingText.notA(String.class)).isNull();
	}

	@Test
	void putsAConvertersReasonInTheSameWords() {
		assertThat(SettingText.conversionProblem("Failed to convert to type java.lang.Integer"))
			.isEqualTo("is not a whole number");
		assertThat(SettingText.conversionProblem("Failed to convert to type no.such.Type"))
			.isEqualTo("Failed to convert to type no.such.Type");
		assertThat(SettingText.conversionProblem("must be set")).isEqualTo("must be set");
	}

	@Test
	void findsTheEnvironmentNameOfAPlaceholder() {
		assertThat(SettingText.placeholderName("${PRODUCER_BATCH_ROWS:5000}")).isEqualTo("PRODUCER_BATCH_ROWS");
		assertThat(SettingText.placeholderName("5000")).isNull();
		assertThat(SettingText.placeholderName(null)).isNull();
	}

}
