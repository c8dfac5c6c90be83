package io.sensoringest.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.rabbitmq.client.Connection;
import io.sensoringest.testing.AppProcess;
import io.sensoringest.testing.PostgresPair;
import io.sensoringest.testing.RabbitServer;
import io.sensoringest.testing.Rows;
import io.sensoringest.testing.TestCertificates;
import io.sensoringest.testing.TestDatabase;
import io.sensoringest.testing.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline on a PostgreSQL primary with a synchronous standby of the test's own,
 * reached over TLS with {@code verify-full}: the primary stops at once mid-run, the
 * standby is promoted, and {@code ingest run} ends with the table on the new primary
 * equal to the files, nothing dead-lettered. The run without the fault, to compare with,
 * goes through {@code make run} with both hosts in {@code POSTGRES_HOST}.
 */
class PostgresFailoverIT {

	@TempDir
	static Path certificates;

	private static TestCertificates tls;

	private static PostgresPair pair;

	@TempDir
	Path dir;

	private final String queue = RabbitServer.uniqueQueueName("failover");

	@BeforeAll
	static void startPair() throws Exception {
		tls = TestCertificates.make(certificates);
		pair = PostgresPair.start(tls);
	}

	@AfterAll
	static void stopPair() {
		if (pair != null) {
			pair.close();
		}
	}

	@AfterEach
	void deleteQueues() throws Exception {
		TestServers.rabbit().deleteTopology(this.queue);
		TestServers.rabbit().deleteTopology(this.queue + "-baseline");
	}

	@Test
	void thePrimaryStopsMidRunAndThePromotedStandbyEndsWithEveryRowOnceAndNothingDeadLettered() throws Exception {
		Path input = FaultRun.writeFiles(this.dir.resolve("records"));
		TestDatabase baseline = pair.primary().createDatabase("failover_baseline");
		// the run without a fault goes through make, which must take the list of hosts
		// too
		FaultRun withoutFault = FaultRun.startWithMake(onPair(baseline, this.queue + "-baseline"), baseline, input,
				Files.createDirectories(this.dir.resolve("baseline")));
		assertThat(withoutFault.awaitSuccess()).doesNotContain("local-servers: PostgreSQL does not answer");
		assertThat(Rows.count(baseline)).isEqualTo(FaultRun.ROWS);
		baseline.close();

		TestDatabase database = pair.primary().createDatabase("failover");
		FaultRun run = FaultRun.start(onPair(database, this.queue), database, input,
				Files.createDirectories(this.dir.resolve("fault")));
		run.strikeAfter(145_000, () -> {
			pair.stopPrimaryImmediately();
			pair.promoteStandby();
		});

		String output = run.awaitSuccess();
		TestDatabase promoted = new TestDatabase(pair.standby(), database.name());
		assertThat(Rows.count(promoted)).isEqualTo(FaultRun.ROWS);
		assertThat(Rows.inTable(promoted)).isEqualTo(Rows.of(Rows.readFiles(input)));
		try (Connection connection = TestServers.rabbit().connectionFactory().newConnection()) {
			assertThat(connection.createChannel().queueDeclarePassive(this.queue + ".dlq").getMessageCount())
				.as("dead letters")
				.isZero();
		}
		System.out.println(output + "PostgreSQL primary stopped: " + run.figures(promoted, withoutFault.elapsed()));
	}

	private AppProcess onPair(TestDatabase database, String queue) {
		return AppProcess.of("ingest-cli")
			.servers(database, queue)
			.set("POSTGRES_HOST", pair.hosts())
			.set("POSTGRES_SSLMODE", "verify-full")
			.set("POSTGRES_SSLROOTCERT", tls.caCertificate().toString());
	}

}
