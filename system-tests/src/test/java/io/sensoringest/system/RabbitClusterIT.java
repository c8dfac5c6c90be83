package io.sensoringest.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.rabbitmq.client.Connection;
import io.sensoringest.contract.QueueTopology;
import io.sensoringest.contract.QueueTopology.QueueType;
import io.sensoringest.testing.AppProcess;
import io.sensoringest.testing.RabbitCluster;
import io.sensoringest.testing.RabbitCluster.Node;
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
 * The pipeline on a three-node RabbitMQ cluster of the test's own: {@code ingest run}
 * carries on when the node it lists first, which leads the quorum queue, is killed
 * mid-run and stays down; and the apps reach a node over AMQPS with the server's
 * certificate verified.
 */
class RabbitClusterIT {

	@TempDir
	static Path certificates;

	private static TestCertificates tls;

	private static RabbitCluster cluster;

	@TempDir
	Path dir;

	private TestDatabase database;

	@BeforeAll
	static void startCluster() throws Exception {
		tls = TestCertificates.make(certificates);
		cluster = RabbitCluster.start(3, tls);
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@AfterEach
	void dropDatabase() {
		if (this.database != null) {
			this.database.close();
		}
	}

	@Test
	void theNodeListedFirstThatLeadsTheQueueIsKilledMidRunAndNothingIsLostOrDoubled() throws Exception {
		Path input = FaultRun.writeFiles(this.dir.resolve("records"));
		Duration withoutFault = runWithoutFault(input);

		String queue = RabbitServer.uniqueQueueName("cluster");
		Node first = cluster.nodes().get(0);
		try (Connection connection = cluster.server(first).connectionFactory().newConnection()) {
			new QueueTopology(queue, QueueType.QUORUM, 5, 3).declare(connection.createChannel());
		}
		assertThat(cluster.leaderOf(queue)).isEqualTo(first.name());
		this.database = TestServers.postgres().createDatabase("cluster");
		Path runDir = Files.createDirectories(this.dir.resolve("fault"));
		FaultRun run = FaultRun.start(onCluster(this.database, queue, cluster.addresses()), this.database, input,
				runDir);

		run.strikeAfter(145_000, () -> cluster.kill(first));

		String output = run.awaitSuccess();
		if (run.producerPublishingAtFault()) {
			assertThat(output).as("the producer, publishing when the node died")
				.contains("RabbitMQ at " + cluster.addresses() + " is unreachable (")
				.contains("carrying on through 127.0.0.1:");
		}
		String consumers = AppProcess.read(runDir.resolve("state").resolve("logs").resolve("consumer-0.log"))
				+ AppProcess.read(runDir.resolve("state").resolve("logs").resolve("consumer-1.log"));
		assertThat(consumers).as("the consumers' logs")
			.contains("Connection reset; backing off and retrying", "storing again after")
			.doesNotContain("Exception");
		assertThat(Rows.count(this.database)).isEqualTo(FaultRun.ROWS);
		assertThat(Rows.inTable(this.database)).isEqualTo(Rows.of(Rows.readFiles(input)));
		assertThat(cluster.leaderOf(queue)).isNotEqualTo(first.name());
		System.out.println(output + "RabbitMQ node killed: " + run.figures(this.database, withoutFault));
	}

	@Test
	void theAppsReachANodeOverVerifiedTls() throws Exception {
		Path input = Files.createDirectories(this.dir.resolve("records"));
		Files.writeString(input.resolve("a.csv"),
				"record_time,sensor_id,value\n2021-01-01T00:00:00Z,a,1.5\n2021-01-01T00:00:01Z,a,2.5\n");
		this.database = TestServers.postgres().createDatabase("cluster_tls");
		String queue = RabbitServer.uniqueQueueName("cluster-tls");
		Node tlsNode = cluster.nodes().get(2);

		AppProcess.Finished run = onCluster(this.database, queue, tlsNode.tlsAddress())
			.set("RABBITMQ_SSL_ENABLED", "true")
			.set("RABBITMQ_SSL_TRUSTSTORE", tls.trustStore().toString())
			.set("RABBITMQ_SSL_TRUSTSTORE_PASSWORD", tls.trustStorePassword())
			.set("TARGET_FILE_DIR", input.toString())
			.set("PRODUCER_STATE_DIR", this.dir.resolve("state").toString())
			.run(this.dir.resolve("tls.log"), Duration.ofMinutes(2), "run",
					"--consumer-jar=" + AppProcess.jarPath("consumer-app"));

		assertThat(run.exit()).as(run.output()).isZero();
		assertThat(AppProcess.read(this.dir.resolve("state").resolve("logs").resolve("consumer-0.log")))
			.contains("at guest@" + tlsNode.tlsAddress() + " (TLS)");
		assertThat(Rows.inTable(this.database)).isEqualTo(Rows.of(Rows.readFiles(input)));
	}

	@Test
	void aBrokerCertificateTheTrustStoreDoesNotVouchForIsRefusedInOneLine() throws Exception {
		this.database = TestServers.postgres().createDatabase("cluster_untrusted");
		Node tlsNode = cluster.nodes().get(2);

		AppProcess.Finished consumer = AppProcess.of("consumer-app")
			.servers(this.database, RabbitServer.uniqueQueueName("cluster-untrusted"))
			.set("RABBITMQ_ADDRESSES", tlsNode.tlsAddress())
			.set("RABBITMQ_USERNAME", "guest")
			.set("RABBITMQ_PASSWORD", "guest")
			.set("RABBITMQ_SSL_ENABLED", "true")
			.set("CONSUMER_HTTP_PORT", "0")
			.run(this.dir.resolve("untrusted.log"), Duration.ofMinutes(1));

		assertThat(consumer.exit()).as(consumer.output()).isEqualTo(2);
		assertThat(consumer.output()).contains("RabbitMQ at guest@" + tlsNode.tlsAddress() + " (TLS): TLS failed")
			.doesNotContain("Exception:");
	}

	/**
	 * The same files, the same cluster, no fault: what the fault run is compared with.
	 */
	private Duration runWithoutFault(Path input) throws Exception {
		try (TestDatabase baseline = TestServers.postgres().createDatabase("cluster_baseline")) {
			Path runDir = Files.createDirectories(this.dir.resolve("baseline"));
			FaultRun run = FaultRun.start(
					onCluster(baseline, RabbitServer.uniqueQueueName("cluster-baseline"), cluster.addresses()),
					baseline, input, runDir);
			run.awaitSuccess();
			assertThat(Rows.count(baseline)).isEqualTo(FaultRun.ROWS);
			return run.elapsed();
		}
	}

	private static AppProcess onCluster(TestDatabase database, String queue, String addresses) {
		return AppProcess.of("ingest-cli")
			.servers(database, queue)
			.set("RABBITMQ_ADDRESSES", addresses)
			.set("RABBITMQ_USERNAME", "guest")
			.set("RABBITMQ_PASSWORD", "guest");
	}

}
