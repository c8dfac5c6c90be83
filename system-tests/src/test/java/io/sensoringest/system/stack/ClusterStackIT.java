package io.sensoringest.system.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.sensoringest.testing.Rows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code make up CLUSTER=true}: three RabbitMQ nodes that form one cluster, the apps
 * given every node. The node the apps name first is stopped while rows flow; the quorum
 * queue goes on with the other two, and every row arrives once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterStackIT {

	private static final Duration DEADLINE = Duration.ofMinutes(5);

	private ComposeStack stack;

	@BeforeAll
	void makeUpAClusteredStack() throws IOException {
		// docker compose itself, which the test also calls, reads both files as make up
		// does
		this.stack = ComposeStack.copyOfWorkingTree("cluster")
			.with("COMPOSE_FILE", "docker-compose.yml:docker-compose.cluster.yml");
		this.stack.make("up", "CLUSTER=true", "CONSUMER_REPLICAS=2").succeeded();
	}

	@AfterAll
	void removeTheStack() {
		if (this.stack != null) {
			this.stack.close();
		}
	}

	@Test
	void aBrokerNodeStoppedMidRunLosesNoRowAndDoublesNone() throws Exception {
		String members = this.stack.compose("exec", "-T", "rabbitmq", "rabbitmqctl", "-q", "cluster_status")
			.succeeded()
			.output();
		assertThat(members).contains("rabbit@rabbitmq-2", "rabbit@rabbitmq-3");
		Path staging = Files.createTempDirectory("cluster-wave-");
		this.stack.make("gen_csv_demo", "TARGET_FILE_DIR=" + staging, "GEN_NUM_SENSORS=20", "GEN_NUM_RECORDS=30000")
			.succeeded();
		this.stack.moveIntoInput(staging);

		await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(this.stack::rows, (n) -> n > 10_000);
		long beforeStop = this.stack.rows();
		this.stack.compose("stop", "rabbitmq").succeeded();

		assertThat(beforeStop).as("rows still flow when the node is asked to stop").isLessThan(600_000);
		await().atMost(DEADLINE).until(this.stack::rows, (n) -> n == 600_000);
		assertThat(Rows.inTable(this.stack.database())).isEqualTo(Rows.of(Rows.readFiles(this.stack.input())));
		assertThat(this.stack.query("SELECT sum(row_count) FROM ingest_ledger")).isEqualTo(600_000);
		for (String app : List.of("producer", "consumer")) {
			for (String container : this.stack.running(app)) {
				assertThat(this.stack.docker("inspect", "-f", "{{.RestartCount}}", container).output().strip())
					.as(app + " carried on without a restart")
					.isEqualTo("0");
			}
		}
	}

}
