package io.sensoringest.producer.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import io.sensoringest.contract.InvalidSettingException;
import io.sensoringest.contract.QueueTopology.QueueType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The producer's settings as Spring Boot binds them from {@code application.yml}: the
 * built-in defaults, the environment names, and one line for a value that cannot be used.
 */
class ProducerSettingsTests {

	@Test
	void withoutAnySettingTheBuiltInDefaultsApply() {
		ProducerSettings settings = ProducerSettings.load(Map.of("RABBITMQ_USERNAME", "u"));

		assertThat(settings.targetDir()).isEqualTo(Path.of("records"));
		assertThat(settings.extension()).isEqualTo(".csv");
		assertThat(settings.delimiter()).isEqualTo(',');
		assertThat(settings.csvZone()).isEqualTo(ZoneId.of("UTC"));
		assertThat(settings.batchRows()).isEqualTo(5000);
		assertThat(settings.parallelism()).isEqualTo(2);
		assertThat(settings.linger()).isEqualTo(Duration.ofMillis(200));
		assertThat(settings.maxOutage()).isEqualTo(Duration.ofMinutes(5));
		assertThat(settings.topology().queueName()).isEqualTo("records");
		assertThat(settings.topology().type()).isEqualTo(QueueType.QUORUM);
		assertThat(settings.broker().describe()).isEqualTo("u@localhost:5672");
	}

	@Test
	void theEnvironmentNamesSetTheProperties() {
		ProducerSettings settings = ProducerSettings.load(Map.of("RABBITMQ_HOST", "mq", "RABBITMQ_PORT", "5673",
				"RABBITMQ_USERNAME", "u", "RABBITMQ_QUEUE_TYPE", "classic", "CSV_PARSER_DELIMITER", "\\t",
				"CSV_TIMEZONE", "Europe/Berlin", "PRODUCER_PARALLELISM", "0", "PRODUCER_CONFIRM_TIMEOUT", "250ms"));

		assertThat(settings.broker().describe()).isEqualTo("u@mq:5673");
		assertThat(settings.topology().type()).isEqualTo(QueueType.CLASSIC);
		assertThat(settings.delimiter()).isEqualTo('\t');
		assertThat(settings.csvZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
		assertThat(settings.parallelism()).isEqualTo(Runtime.getRuntime().availableProcessors());
		assertThat(settings.confirmTimeout()).isEqualTo(Duration.ofMillis(250));
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					PRODUCER_BATCH_ROWS      | 0      | PRODUCER_BATCH_ROWS=0 must be between 1 and 100000
					PRODUCER_PARALLELISM     | 300    | PRODUCER_PARALLELISM=300 must be between 0 and 256
					PRODUCER_CONFIRM_WINDOW  | x      | PRODUCER_CONFIRM_WINDOW=x is not a whole number
					PRODUCER_MAX_OUTAGE      | 0      | PRODUCER_MAX_OUTAGE=0 must be longer than zero
					PRODUCER_CONFIRM_TIMEOUT | soon   | PRODUCER_CONFIRM_TIMEOUT=soon is not a duration (250ms, 5s, 5m, 1h, 90d, off)
					RABBITMQ_QUEUE_TYPE      | stream | RABBITMQ_QUEUE_TYPE=stream is not one of quorum, classic
					RABBITMQ_DELIVERY_LIMIT  | 0      | RABBITMQ_DELIVERY_LIMIT=0 must be between 1 and 1000
					RABBITMQ_PORT            | abc    | RABBITMQ_PORT=abc is not a whole number
					RABBITMQ_SSL_ENABLED     | maybe  | RABBITMQ_SSL_ENABLED=maybe is not true or false
					RABBITMQ_SSL_TRUSTSTORE  | /no/such.p12 | RABBITMQ_SSL_TRUSTSTORE=/no/such.p12 is not a readable file
					CSV_PARSER_DELIMITER     | ;;     | CSV_PARSER_DELIMITER=;; must be one character other than a quote or a line break (\\t for a tab)
					CSV_TIMEZONE             | Mars/Olympus | CSV_TIMEZONE=Mars/Olympus is not a known time zone (UTC, Europe/Berlin)
					""")
	void aValueThatCannotBeUsedIsNamedInOneLine(String setting, String value, String message) {
		assertThatThrownBy(() -> ProducerSettings.load(Map.of("RABBITMQ_USERNAME", "u", setting, value)))
			.isInstanceOf(InvalidSettingException.class)
			.hasMessage(message)
			.extracting((ex) -> ((InvalidSettingException) ex).getSetting())
			.isEqualTo(setting);
	}

}
