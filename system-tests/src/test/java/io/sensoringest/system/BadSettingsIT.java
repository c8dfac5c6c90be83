package io.sensoringest.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.rabbitmq.client.Connection;

import io.sensoringest.testing.AppProcess;
import io.sensoringest.testing.RabbitServer;
import io.sensoringest.testing.TestDatabase;
import io.sensoringest.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both apps, as processes, against a setting that cannot be used or a server that refuses
 * them: each stops at start-up with exit status 2 and one line that names the setting and
 * its value, or the server and where it was reached; never a stack trace, never a
 * password.
 */
class BadSettingsIT {

	private static final String SECRET = "not-the-password-4711";

	@TempDir
	Path dir;

	private final String queue = RabbitServer.uniqueQueueName("settings");

	private TestDatabase database;

	@BeforeEach
	void createDatabase() {
		this.database = TestServers.postgres().createDatabase("settings");
	}

	@AfterEach
	void dropAll() throws Exception {
		TestServers.rabbit().deleteTopology(this.queue);
		this.database.close();
	}

	@ParameterizedTest(name = "{0} {1}={2}")
	@CsvSource(delimiter = '|',
			textBlock = """
					producer-app | RABBITMQ_PORT              | abc    | RABBITMQ_PORT=abc is not a whole number
					consumer-app | RABBITMQ_PORT              | abc    | RABBITMQ_PORT=abc is not a whole number
					producer-app | PRODUCER_BATCH_ROWS        | -5     | PRODUCER_BATCH_ROWS=-5 must be between 1 and 100000
					consumer-app | POSTGRES_BATCH_UPSERT_SIZE | -5     | POSTGRES_BATCH_UPSERT_SIZE=-5 must be between 1 and 1000000
					producer-app | RABBITMQ_QUEUE_TYPE        | stream | RABBITMQ_QUEUE_TYPE=stream is not one of quorum, classic
					consumer-app | RABBITMQ_QUEUE_TYPE        | stream | RABBITMQ_QUEUE_TYPE=stream is not one of quorum, classic
					consumer-app | CONSUMER_MAX_BATCH_WAIT    | soon   | CONSUMER_MAX_BATCH_WAIT=soon is not a duration
					consumer-app | POSTGRES_SSLMODE           | always | POSTGRES_SSLMODE=always is not one of disable, allow, prefer, require
					consumer-app | CONSUMER_CONCURRENCY       | 0      | CONSUMER_CONCURRENCY=0 must be between 1 and 64
					consumer-app | RABBITMQ_POLL_INTERVAL_MAX | 10ms   | RABBITMQ_POLL_INTERVAL_MAX=10ms must not be shorter than RABBITMQ_POLL_INTERVAL
					consumer-app | CONSUMER_APPLY_MIGRATIONS  | maybe  | CONSUMER_APPLY_MIGRATIONS=maybe is not true or false
					producer-app | RABBITMQ_SSL_TRUSTSTORE    | /no/such.p12 | RABBITMQ_SSL_TRUSTSTORE=/no/such.p12 is not a readable file
					consumer-app | CONSUMER_HTTP_PORT         | x      | CONSUMER_HTTP_PORT=x is not a whole number
					producer-app | RABBITMQ_USERNAME          | ' '    | RABBITMQ_USERNAME is not set
					consumer-app | RABBITMQ_USERNAME          | ' '    | RABBITMQ_USERNAME is not set
					producer-app | RABBITMQ_ADDRESSES         | mq1:5701,mq2:amqp | RABBITMQ_ADDRESSES=mq1:5701,mq2:amqp cannot be used
					consumer-app | RABBITMQ_ADDRESSES         | mq1:5701,mq2:amqp | RABBITMQ_ADDRESSES=mq1:5701,mq2:amqp cannot be used
					consumer-app | POSTGRES_HOST              | pg1,,pg2 | POSTGRES_HOST=pg1,,pg2 is not a host, host:port, or a comma-separated list of them
					producer-app | RABBITMQ_QUORUM_SIZE       | 0      | RABBITMQ_QUORUM_SIZE=0 must be between 1 and 99
					consumer-app | RABBITMQ_QUORUM_SIZE       | 100    | RABBITMQ_QUORUM_SIZE=100 must be between 1 and 99
					""")
	void aBadSettingStopsTheAppWithOneLineNamingIt(String app, String setting, String value, String message)
			throws Exception {
		String output = runToExit(app, 2, setting, value);

		assertThat(output).contains(message).doesNotContain("Exception").doesNotContainPattern("\\tat [a-z]");
		assertThat(output.strip().lines()).as(output).hasSize(1);
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|', textBlock = """
			consumer-app | RABBITMQ_PASSWORD | RabbitMQ at localhost:@RABBIT_PORT@ refused user
			producer-app | RABBITMQ_PASSWORD | RabbitMQ at localhost:@RABBIT_PORT@ refused user
			consumer-app | POSTGRES_USERNAME | PostgreSQL at no_such_role@
			consumer-app | POSTGRES_SSLMODE  | PostgreSQL at
			consumer-app | RABBITMQ_SSL_ENABLED | RabbitMQ at
			""")
	void aServerThatRefusesIsNamedWithWhereItWasReachedAndNoPassword(String app, String setting, String where)
			throws Exception {
		String value = switch (setting) {
			case "RABBITMQ_PASSWORD" -> SECRET;
			case "POSTGRES_USERNAME" -> "no_such_role";
			case "POSTGRES_SSLMODE" -> "require";
			default -> "true";
		};
		String output = runToExit(app, 2, setting, value);

		String expected = where.replace("localhost", TestServers.rabbit().host())
			.replace("@RABBIT_PORT@", Integer.toString(TestServers.rabbit().port()));
		assertThat(output).contains(expected).doesNotContain(SECRET).doesNotContain("Exception");
		switch (setting) {
			case "POSTGRES_USERNAME" -> assertThat(output).contains("refused the connection", "no_such_role");
			case "POSTGRES_SSLMODE" ->
				assertThat(output).contains("refused the connection").containsIgnoringCase("SSL");
			case "RABBITMQ_SSL_ENABLED" -> assertThat(output).contains("(TLS)", "TLS failed");
			default -> assertThat(output).contains("ACCESS_REFUSED");
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "producer-app", "consumer-app" })
	void aQueueDeclaredWithTheArgumentsOfAnOlderVersionIsReportedWithWhatToDo(String app) throws Exception {
		Map<String, Object> older = new HashMap<>(Map.of("x-queue-type", "quorum", "x-delivery-limit", 5,
				"x-dead-letter-exchange", this.queue + ".dlx", "x-dead-letter-routing-key", this.queue + ".dlq"));
		try (Connection connection = TestServers.rabbit().connectionFactory().newConnection()) {
			connection.createChannel().queueDeclare(this.queue, true, false, false, older);
		}

		String output = runToExit(app, 2, "RABBITMQ_QUORUM_SIZE", "3");

		assertThat(output).contains("RabbitMQ holds queue " + this.queue + " with other arguments",
				"inequivalent arg 'x-dead-letter-strategy'", "\"Migrating the queue\"");
		assertThat(output.lines().filter((line) -> line.contains("other arguments"))).as(output).hasSize(1);
	}

	private String runToExit(String app, int status, String setting, String value) throws Exception {
		Path log = this.dir.resolve(app + "-" + setting + ".log");
		AppProcess process = AppProcess.of(app)
			.servers(this.database, this.queue)
			.set("TARGET_FILE_DIR", this.dir.toString())
			.set("PRODUCER_STATE_DIR", this.dir.resolve("state").toString())
			.set("CONSUMER_HTTP_PORT", "0")
			.set("CONSUMER_STARTUP_TIMEOUT", "20s")
			.set(setting, value);
		Files.writeString(this.dir.resolve("a.csv"), "record_time,sensor_id,value\n2021-01-01T00:00:00Z,a,1\n");
		AppProcess.Finished finished = process.run(log, Duration.ofSeconds(60));
		assertThat(finished.exit()).as(finished.output()).isEqualTo(status);
		return finished.output();
	}

}
