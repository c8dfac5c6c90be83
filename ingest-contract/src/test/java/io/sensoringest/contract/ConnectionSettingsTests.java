package io.sensoringest.contract;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionSettingsTests {

	private static final Map<String, String> VALUES = Map.of("RABBITMQ_HOST", "mq", "RABBITMQ_PORT", "5672",
			"RABBITMQ_USERNAME", "ingest", "RABBITMQ_PASSWORD", "s3cret", "POSTGRES_HOST", "db", "POSTGRES_PORT",
			"5432", "POSTGRES_DATABASE", "sensors", "POSTGRES_USERNAME", "writer", "POSTGRES_PASSWORD", "s3cret");

	private static final BrokerSettings BROKER = new BrokerTls(false, "", "").broker("mq", 5672, "ingest", "s3cret");

	@Test
	void neitherShowsItsPassword() {
		BrokerSettings broker = BROKER;
		DatabaseSettings database = DatabaseSettings.from(Settings.of(VALUES));

		assertThat(broker.describe()).isEqualTo("ingest@mq:5672");
		assertThat(database.describe()).isEqualTo("writer@db:5432/sensors");
		assertThat(broker.toString() + database.toString() + database.jdbcUrl()).doesNotContain("s3cret");
	}

	@Test
	void brokerConnectionsDoNotRecoverBehindTheAppsBack() {
		assertThat(BROKER.connectionFactory().isAutomaticRecoveryEnabled()).isFalse();
	}

	@Test
	void withoutTlsSettingsTheDriversDefaultsHold() {
		DatabaseSettings database = DatabaseSettings.from(Settings.of(VALUES));

		assertThat(database.jdbcUrl())
			.isEqualTo("jdbc:postgresql://db:5432/sensors?ApplicationName=sensor-ingest&sslmode=prefer");
		assertThat(BROKER.connectionFactory().isSSL()).isFalse();
	}

	@Test
	void tlsSettingsReachTheDriverPsqlAndTheBrokerConnection(@TempDir Path dir) throws Exception {
		Path rootCert = Files.writeString(dir.resolve("root ca.crt"), "-----BEGIN CERTIFICATE-----\n");
		Map<String, String> values = new HashMap<>(VALUES);
		values.put("POSTGRES_SSLMODE", "verify-full");
		values.put("POSTGRES_SSLROOTCERT", rootCert.toString());

		DatabaseSettings database = DatabaseSettings.from(Settings.of(values));
		BrokerSettings broker = new BrokerTls(true, " ", "store-s3cret").broker("mq", 5671, "ingest", "s3cret");

		assertThat(database.jdbcUrl()).endsWith(
				"&sslmode=verify-full&sslrootcert=" + URLEncoder.encode(rootCert.toString(), StandardCharsets.UTF_8));
		assertThat(database.psqlEnvironment()).containsEntry("PGSSLMODE", "verify-full")
			.containsEntry("PGSSLROOTCERT", rootCert.toString());
		assertThat(broker.connectionFactory().isSSL()).isTrue();
		assertThat(broker.describe()).isEqualTo("ingest@mq:5671 (TLS)");
		assertThat(broker.toString()).doesNotContain("store-s3cret");
	}

	@Test
	void unusableTlsSettingsAreNamed() {
		Map<String, String> values = new HashMap<>(VALUES);
		values.put("POSTGRES_SSLMODE", "on");
		assertThatThrownBy(() -> DatabaseSettings.from(Settings.of(values)))
			.hasMessage("POSTGRES_SSLMODE=on is not one of disable, allow, prefer, require, verify-ca, verify-full");
		values.put("POSTGRES_SSLMODE", "require");
		values.put("POSTGRES_SSLROOTCERT", "/no/such/root.crt");
		assertThatThrownBy(() -> DatabaseSettings.from(Settings.of(values)))
			.hasMessage("POSTGRES_SSLROOTCERT=/no/such/root.crt is not a readable file");
	}

	@Test
	void portMustBeANumber() {
		Map<String, String> values = new HashMap<>(VALUES);
		values.put("POSTGRES_PORT", "fivefourthreetwo");

		assertThatThrownBy(() -> DatabaseSettings.from(Settings.of(values)))
			.hasMessage("POSTGRES_PORT=fivefourthreetwo is not a whole number");
	}

}
