package io.sensoringest.system;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

/**
 * The whole pipeline as real processes, as {@code make run} runs it: the generator's
 * end-to-end set (10 sensors x 5 readings, Asia/Shanghai), the producer, two consumers;
 * the table must equal the files, key and value, and a second run over the same files has
 * nothing to do and says so with exit 0.
 */
class PipelineEndToEndIT {

	@TempDir
	Path dir;

	private final String queue = RabbitServer.uniqueQueueName("pipeline");

	private TestDatabase database;

	@BeforeEach
	void createDatabase() {
		this.database = TestServers.postgres().createDatabase("pipeline");
	}

	@AfterEach
	void dropAll() throws Exception {
		TestServers.rabbit().deleteTopology(this.queue);
		this.database.close();
	}

	@Test
	void tableEqualsTheFiftyRowsOfTheEndToEndSet() throws Exception {
		Path input = this.dir.resolve("records_test");
		Path log = this.dir.resolve("run.log");
		AppProcess ingest = AppProcess.of("ingest-cli")
			.servers(this.database, this.queue)
			.set("TARGET_FILE_DIR", input.toString())
			.set("PRODUCER_STATE_DIR", this.dir.resolve("state").toString())
			.set("GEN_NUM_SENSORS", "10")
			.set("GEN_NUM_RECORDS", "5")
			.set("GEN_RECORD_INTERVAL", "1")
			.set("GEN_START_DATE", "2021-01-01")
			.set("GEN_TIMEZONE", "Asia/Shanghai")
			.set("CONSUMER_REPLICAS", "2");
		assertThat(ingest.start(log, "generate").waitFor()).isZero();

		Process run = ingest.start(log, "run", "--consumer-jar=" + AppProcess.jarPath("consumer-app"));

		assertThat(run.waitFor(180, TimeUnit.SECONDS)).as(() -> AppProcess.read(log)).isTrue();
		assertThat(run.exitValue()).as(() -> AppProcess.read(log)).isZero();
		List<SensorRecord> expected = Rows.readFiles(input);
		assertThat(expected).hasSize(50);
		assertThat(Rows.inTable(this.database)).isEqualTo(Rows.of(expected));
		assertThat(AppProcess.read(log)).contains("run: 50 rows in valid input, 50 published, 50 stored, 0 rejected;");

		// the same again: nothing to publish, and the consumers, stopped while they
		// start, are no failure
		Path again = this.dir.resolve("again.log");
		Process rerun = ingest.start(again, "run", "--consumer-jar=" + AppProcess.jarPath("consumer-app"));
		assertThat(rerun.waitFor(180, TimeUnit.SECONDS)).as(() -> AppProcess.read(again)).isTrue();
		assertThat(rerun.exitValue()).as(() -> AppProcess.read(again)).isZero();
		assertThat(AppProcess.read(again)).contains("nothing to publish")
			.contains("run: 50 rows in valid input, 0 published, 50 stored, 0 rejected;");
	}

}
