package io.sensoringest.system;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import io.sensoringest.contract.ChunkMetadata;
import io.sensoringest.contract.QueueTopology;
import io.sensoringest.contract.QueueTopology.QueueType;
import io.sensoringest.contract.RecordCodec;
import io.sensoringest.contract.SensorRecord;
import io.sensoringest.testing.AppProcess;
import io.sensoringest.testing.RabbitServer;
import io.sensoringest.testing.Rows;
import io.sensoringest.testing.TestDatabase;
import io.sensoringest.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The consumer as a PostgreSQL role that may only select, insert and update
 * {@code records} and {@code ingest_ledger}, as docs/security.md sets it up: the
 * migrations run as the owner, the consumer with {@code CONSUMER_APPLY_MIGRATIONS=false}.
 */
class RestrictedRoleIT {

	private static final OffsetDateTime T0 = OffsetDateTime.parse("2021-01-01T00:00:00Z");

	private static final String PASSWORD = "restricted-role-test";

	@TempDir
	Path dir;

	private final String queue = RabbitServer.uniqueQueueName("restricted");

	private final String role = "it_writer_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

	private final List<TestDatabase> databases = new ArrayList<>();

	private TestDatabase database;

	private int runs;

	@BeforeEach
	void migrateAsOwnerAndCreateTheRole() throws Exception {
		this.database = database();
		assertThat(run(AppProcess.of("consumer-app").servers(this.database, this.queue), "migrate")).isZero();
		this.database.execute("CREATE ROLE " + this.role + " LOGIN PASSWORD '" + PASSWORD + "'");
		this.database.execute("GRANT CONNECT ON DATABASE " + this.database.name() + " TO " + this.role);
		this.database.execute("GRANT USAGE ON SCHEMA public TO " + this.role);
	}

	@AfterEach
	void dropAll() throws Exception {
		TestServers.rabbit().deleteTopology(this.queue);
		this.databases.forEach(TestDatabase::close);
		try (Connection connection = TestServers.postgres().connect(TestServers.postgres().maintenanceDatabase());
				Statement sql = connection.createStatement()) {
			sql.execute("DROP ROLE IF EXISTS " + this.role);
		}
	}

	@Test
	void aRoleThatMayOnlyWriteRowsStoresEverythingAndCanDoNothingElse() throws Exception {
		this.database.execute("GRANT SELECT, INSERT, UPDATE ON records, ingest_ledger TO " + this.role);
		List<SensorRecord> first = List.of(new SensorRecord(T0, "a", 1.0),
				new SensorRecord(T0.plusSeconds(1), "a", 2.0));
		List<SensorRecord> second = List.of(new SensorRecord(T0, "a", 10.0), new SensorRecord(T0, "b", 3.0));
		publish(Map.of("first:2", first));
		assertThat(run(consumer())).isZero();
		// the same keys again, in another message: the upsert path, temporary table and
		// all
		publish(Map.of("second:2", second));

		assertThat(run(consumer())).isZero();

		assertThat(Rows.inTable(this.database)).isEqualTo(Rows.of(List.of(new SensorRecord(T0, "a", 10.0),
				new SensorRecord(T0.plusSeconds(1), "a", 2.0), new SensorRecord(T0, "b", 3.0))));
		try (Connection asRole = DriverManager.getConnection(this.database.jdbcUrl(), this.role, PASSWORD);
				Statement sql = asRole.createStatement()) {
			assertThatThrownBy(() -> sql.execute("DELETE FROM records")).isInstanceOf(SQLException.class)
				.hasMessageContaining("permission denied");
			assertThatThrownBy(() -> sql.execute("CREATE TABLE intruder (x int)")).isInstanceOf(SQLException.class)
				.hasMessageContaining("permission denied");
		}
	}

	@Test
	void aRoleWithoutThePrivilegesIsToldWhatItLacks() throws Exception {
		AppProcess.Finished consumer = consumer().run(this.dir.resolve("consumer.log"), Duration.ofSeconds(60));

		assertThat(consumer.exit()).isEqualTo(2);
		assertThat(consumer.output()).contains("role " + this.role + " may not select, insert and update records")
			.doesNotContain("Exception");
	}

	@Test
	void withoutMigrationsAndWithoutTablesTheConsumerSaysToMigrate() throws Exception {
		TestDatabase empty = database();
		AppProcess.Finished consumer = AppProcess.of("consumer-app")
			.servers(empty, this.queue)
			.set("CONSUMER_APPLY_MIGRATIONS", "false")
			.set("CONSUMER_HTTP_PORT", "0")
			.run(this.dir.resolve("consumer.log"), Duration.ofSeconds(60));

		assertThat(consumer.exit()).isEqualTo(2);
		assertThat(consumer.output()).contains("has no tables records and ingest_ledger")
			.contains("make migrate")
			.doesNotContain("Exception");
	}

	private AppProcess consumer() {
		return AppProcess.of("consumer-app")
			.servers(this.database, this.queue)
			.set("POSTGRES_USERNAME", this.role)
			.set("POSTGRES_PASSWORD", PASSWORD)
			.set("CONSUMER_APPLY_MIGRATIONS", "false")
			.set("CONSUMER_EXIT_WHEN_IDLE", "2s")
			.set("CONSUMER_HTTP_PORT", "0");
	}

	private int run(AppProcess app, String... arguments) throws Exception {
		AppProcess.Finished finished = app.run(this.dir.resolve("run-" + (++this.runs) + ".log"), Duration.ofMinutes(2),
				arguments);
		assertThat(finished.exit()).as(finished.output()).isZero();
		return finished.exit();
	}

	private void publish(Map<String, List<SensorRecord>> messages) throws Exception {
		try (com.rabbitmq.client.Connection connection = TestServers.rabbit().connectionFactory().newConnection()) {
			Channel channel = connection.createChannel();
			new QueueTopology(this.queue, QueueType.QUORUM, 5, QueueTopology.DEFAULT_QUORUM_SIZE).declare(channel);
			channel.confirmSelect();
			for (Map.Entry<String, List<SensorRecord>> message : messages.entrySet()) {
				ChunkMetadata metadata = new ChunkMetadata(message.getKey(), "restricted.csv", 2,
						message.getValue().size(), -1);
				channel.basicPublish("", this.queue,
						new AMQP.BasicProperties.Builder().deliveryMode(2)
							.messageId(metadata.messageId())
							.headers(metadata.headers())
							.build(),
						RecordCodec.encode(message.getValue()));
			}
			channel.waitForConfirmsOrDie(30_000);
		}
	}

	private TestDatabase database() {
		TestDatabase created = TestServers.postgres().createDatabase("restricted");
		this.databases.add(created);
		return created;
	}

}
