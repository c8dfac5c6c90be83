package io.sensoringest.contract;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionSettingsTests {

	private static final Map<String, String> VALUES = Map.of("RABBITMQ_HOST", "mq", "RABBITMQ_PORT", "5672",
			"RABBITMQ_USERNAME", "ingest", "RABBITMQ_PASSWORD", "s3cret", "POSTGRES_HOST", "db", "POSTGRES_PORT",
			"5432", "POSTGRES_DATABASE", "sensors", "POSTGRES_USERNAME", "writer", "POSTGRES_PASSWORD", "s3cret");

	@Test
	void neitherShowsItsPassword() {
		BrokerSettings broker = BrokerSettings.from(Settings.of(VALUES));
		DatabaseSettings database = DatabaseSettings.from(Settings.of(VALUES));

		assertThat(broker.describe()).isEqualTo("ingest@mq:5672");
		assertThat(database.describe()).isEqualTo("writer@db:5432/sensors");
		assertThat(broker.toString() + database.toString() + database.jdbcUrl()).doesNotContain("s3cret");
	}

	@Test
	void brokerConnectionsDoNotRecoverBehindTheAppsBack() {
		assertThat(BrokerSettings.from(Settings.of(VALUES)).connectionFactory().isAutomaticRecoveryEnabled()).isFalse();
	}

	@Test
	void portMustBeANumber() {
		Map<String, String> values = new java.util.HashMap<>(VALUES);
		values.put("POSTGRES_PORT", "fivefourthreetwo");

		assertThatThrownBy(() -> DatabaseSettings.from(Settings.of(values)))
			.hasMessage("POSTGRES_PORT=fivefourthreetwo is not a whole number");
	}

}
