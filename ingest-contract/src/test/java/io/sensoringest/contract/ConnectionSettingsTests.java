package io.sensoringest.contract;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.sensoringest.contract.DatabaseSettings.SslMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

class ConnectionSettingsTests {

	private static final PostgresAddress POSTGRES = new PostgresAddress("db", 5432, "sensors", "writer", "s3cret",
			SslMode.PREFER, "");

	private static final BrokerSettings BROKER = new BrokerTls(false, "", "").broker(List.of("mq:5672"), "ingest",
			"s3cret");

	@Test
	void neitherShowsItsPassword() {
		BrokerSettings broker = BROKER;
		DatabaseSettings database = POSTGRES.settings();

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
		DatabaseSettings database = POSTGRES.settings();

		assertThat(database.jdbcUrl())
			.isEqualTo("jdbc:postgresql://db:5432/sensors?ApplicationName=sensor-ingest&sslmode=prefer");
		assertThat(BROKER.connectionFactory().isSSL()).isFalse();
	}

	@Test
	void tlsSettingsReachTheDriverPsqlAndTheBrokerConnection(@TempDir Path dir) throws Exception {
		Path rootCert = Files.writeString(dir.resolve("root ca.crt"), "-----BEGIN CERTIFICATE-----\n");
		PostgresAddress postgres = new PostgresAddress("db", 5432, "sensors", "writer", "s3cret", SslMode.VERIFY_FULL,
				rootCert.toString());

		assertThat(postgres.problems()).isEmpty();
		DatabaseSettings database = postgres.settings();
		BrokerSettings broker = new BrokerTls(true, " ", "store-s3cret").broker(List.of("mq:5671"), "ingest", "s3cret");

		assertThat(database.jdbcUrl()).endsWith(
				"&sslmode=verify-full&sslrootcert=" + URLEncoder.encode(rootCert.toString(), StandardCharsets.UTF_8));
		assertThat(database.psqlEnvironment()).containsEntry("PGSSLMODE", "verify-full")
			.containsEntry("PGSSLROOTCERT", rootCert.toString());
		assertThat(broker.connectionFactory().isSSL()).isTrue();
		assertThat(broker.describe()).isEqualTo("ingest@mq:5671 (TLS)");
		assertThat(broker.toString()).doesNotContain("store-s3cret");
	}

	@Test
	void aClusterIsReachedThroughAnyOfItsNodes() {
		BrokerSettings broker = new BrokerTls(false, "", "").broker(List.of("mq1:5701", "mq2:5702", "mq3"), "ingest",
				"s3cret");

		assertThat(broker.addresses()).extracting((address) -> address.getHost() + ":" + address.getPort())
			.containsExactly("mq1:5701", "mq2:5702", "mq3:-1");
		assertThat(broker.describe()).isEqualTo("ingest@mq1:5701,mq2:5702,mq3:5672");
		assertThat(broker.nodes().describe()).isEqualTo(broker.describe());
	}

	@Test
	void anAddressListThatIsNoneIsNamedBySetting() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> BrokerSettings.parseAddresses("mq1:5701,mq2:amqp"))
			.withMessage("RABBITMQ_ADDRESSES=mq1:5701,mq2:amqp is not host:port,host:port,…");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> BrokerSettings.parseAddresses("mq1:5701,,"));
	}

	@Test
	void severalDatabaseHostsMeanWhicheverIsPrimary() {
		DatabaseSettings pair = new PostgresAddress("pg1, pg2:5433", 5432, "sensors", "writer", "s3cret",
				SslMode.PREFER, "")
			.settings();

		assertThat(pair.servers()).containsExactly("pg1:5432", "pg2:5433");
		assertThat(pair.jdbcUrl()).startsWith("jdbc:postgresql://pg1:5432,pg2:5433/sensors?")
			.contains("&targetServerType=primary");
		assertThat(pair.psqlEnvironment()).containsEntry("PGHOST", "pg1,pg2")
			.containsEntry("PGPORT", "5432,5433")
			.containsEntry("PGTARGETSESSIONATTRS", "read-write");
		assertThat(pair.describe()).isEqualTo("writer@pg1:5432,pg2:5433/sensors");
		DatabaseSettings one = POSTGRES.settings();
		assertThat(one.jdbcUrl()).doesNotContain("targetServerType");
		assertThat(one.psqlEnvironment()).containsEntry("PGHOST", "db").doesNotContainKey("PGTARGETSESSIONATTRS");
	}

	@Test
	void aHostListThatIsNoneIsNamed() {
		assertThat(new PostgresAddress("pg1,,pg2", 5432, "sensors", "writer", "", SslMode.PREFER, "").problems())
			.containsExactly(entry("host", "is not a host, host:port, or a comma-separated list of them"));
		assertThat(new PostgresAddress("pg1:five", 5432, "sensors", "writer", "", SslMode.PREFER, "").problems())
			.containsOnlyKeys("host");
	}

	@Test
	void whatCannotBeUsedIsNamedByField() {
		PostgresAddress postgres = new PostgresAddress(" ", 0, "sensors", "", "s3cret", null, "/no/such/root.crt");

		assertThat(postgres.problems()).containsExactly(entry("host", "is not set"),
				entry("port", "must be between 1 and 65535"), entry("username", "is not set"),
				entry("sslMode", "is not set"), entry("sslRootCert", "is not a readable file"));
		assertThat(postgres.toString()).doesNotContain("s3cret");
	}

}
