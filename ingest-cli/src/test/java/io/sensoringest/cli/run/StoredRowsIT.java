package io.sensoringest.cli.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sensoringest.producer.Producer;
import io.sensoringest.producer.api.InputFile;
import io.sensoringest.producer.settings.ProducerSettings;
import io.sensoringest.testing.PostgresServer;
import io.sensoringest.testing.RabbitServer;
import io.sensoringest.testing.TestDatabase;
import io.sensoringest.testing.TestServers;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Is every row stored?" as {@code run}, {@code bench} and {@code chaos} ask it: from the
 * checkpoints a real producer writes as the broker confirms, and the ledger the consumers
 * write (here by hand), each row counted once however the messages that carried it were
 * cut, and the files still short named.
 */
class StoredRowsIT {

	@TempDir
	Path dir;

	private final String queue = RabbitServer.uniqueQueueName("stored-rows");

	private TestDatabase database;

	private Producer producer;

	private StoredRows stored;

	private InputFile a;

	private InputFile b;

	@BeforeEach
	void setUp() throws Exception {
		this.database = TestServers.postgres().createDatabase("stored_rows");
		PostgresServer server = this.database.server();
		Flyway.configure().dataSource(this.database.jdbcUrl(), server.username(), server.password()).load().migrate();
		this.producer = new Producer(producerSettings(), new SimpleMeterRegistry());
		this.a = csv("a.csv", 30);
		this.b = csv("b.csv", 10);
		this.stored = new StoredRows(this.database.settings(), this.dir.resolve("state"), List.of(this.a, this.b));
	}

	@AfterEach
	void dropAll() throws Exception {
		this.stored.close();
		this.database.close();
		TestServers.rabbit().deleteTopology(this.queue);
	}

	@Test
	void everyRowIsStoredOnceTheLedgerHoldsEveryConfirmedRowOfEveryFile() throws Exception {
		this.producer.publish(List.of(this.a, this.b), false);
		// a in two messages, and in one more cut otherwise, as after a lost checkpoint
		store(this.a, 0, 10);
		store(this.a, 10, 20);
		store(this.a, 5, 10);
		store(this.b, 0, 4);

		assertThat(this.stored.count()).isEqualTo(new StoredRows.Count(40, 34, false));
		assertThat(this.stored.behind(5))
			.containsExactly(this.b.checkpointKey() + ": 4 of 10 confirmed rows stored (published whole)");

		store(this.b, 4, 6);

		assertThat(this.stored.count()).isEqualTo(new StoredRows.Count(40, 40, true));
		assertThat(this.stored.behind(5)).isEmpty();
	}

	@Test
	void theCheckpointsAreReadAgainOnceTheProducerWritesMore() throws Exception {
		this.producer.publish(List.of(this.a), false);
		store(this.a, 0, 30);

		assertThat(this.stored.count()).isEqualTo(new StoredRows.Count(30, 30, true));

		this.producer.publish(List.of(this.b), false);

		assertThat(this.stored.count()).isEqualTo(new StoredRows.Count(40, 30, false));
	}

	private InputFile csv(String name, int rows) throws Exception {
		StringBuilder text = new StringBuilder("record_time,sensor_id,value\n");
		for (int i = 0; i < rows; i++) {
			text.append("2021-01-01T00:00:%02d.000Z,%s,%d.5\n".formatted(i, name, i));
		}
		Path file = Files.createDirectories(this.dir.resolve("in")).resolve(name);
		Files.writeString(file, text);
		return new InputFile(file, name);
	}

	/**
	 * Claims a file's valid rows [first, first + rows) in the ledger, as a consumer does
	 * for a message that carried them.
	 */
	private void store(InputFile file, long first, int rows) throws Exception {
		String fingerprint = Producer.published(this.dir.resolve("state"))
			.get(file.checkpointKey())
			.identity()
			.fingerprint();
		this.database.execute("INSERT INTO ingest_ledger (message_id, source_file, first_line, row_count, first_row)"
				+ " VALUES ('%s:%d:%d', '%s', %d, %d, %d)".formatted(fingerprint, first + 2, rows, file.name(),
						first + 2, rows, first));
	}

	private ProducerSettings producerSettings() {
		Map<String, Object> values = new HashMap<>(TestServers.rabbit().settings(this.queue));
		values.put("TARGET_FILE_DIR", this.dir.resolve("in").toString());
		values.put("PRODUCER_BATCH_ROWS", "10");
		values.put("PRODUCER_STATE_DIR", this.dir.resolve("state").toString());
		return ProducerSettings.load(values);
	}

}
