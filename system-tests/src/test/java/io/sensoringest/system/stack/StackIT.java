package io.sensoringest.system.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sensoringest.testing.Rows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The compose stack for real, started once for the class as a user starts it: {@code make
 * gen_csv_demo}, then {@code make up CONSUMER_REPLICAS=3} with {@code .env} as shipped
 * (only the host ports moved). The tests follow one stack through a user's day, in order:
 * the data set stored, a file dropped in later, health, {@code make status}, a consumer's
 * JVM killed, {@code make down} and up again, Prometheus, and
 * {@code docker compose down -v}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class StackIT {

	private static final int SENSORS = 20;

	private static final int RECORDS = 1000;

	private static final Duration FIRST_ROWS = Duration.ofMinutes(8);

	private static final Duration DEADLINE = Duration.ofMinutes(3);

	private static final ObjectMapper JSON = new ObjectMapper();

	private ComposeStack stack;

	@BeforeAll
	void makeUp() throws IOException {
		this.stack = ComposeStack.copyOfWorkingTree("stack");
		this.stack.make("gen_csv_demo", "GEN_NUM_SENSORS=" + SENSORS, "GEN_NUM_RECORDS=" + RECORDS).succeeded();
		long start = System.nanoTime();

		this.stack.make("up", "CONSUMER_REPLICAS=3").succeeded();

		await().atMost(FIRST_ROWS)
			.pollInterval(Duration.ofMillis(200))
			.until(this.stack::rows, (n) -> n >= SENSORS * RECORDS);
		System.out.printf("[stack] make up to the last of %,d rows: %.1f s%n", SENSORS * RECORDS,
				(System.nanoTime() - start) / 1e9);
	}

	@AfterAll
	void removeTheStack() {
		if (this.stack != null) {
			this.stack.close();
		}
	}

	@Test
	@Order(1)
	void everyRowOfTheFilesIsStoredByThreeRunningConsumers() throws Exception {
		assertThat(Rows.inTable(this.stack.database())).isEqualTo(Rows.of(Rows.readFiles(this.stack.input())));
		assertThat(this.stack.rows()).isEqualTo(SENSORS * RECORDS);
		assertThat(this.stack.running("consumer")).hasSize(3);
		assertThat(this.stack.running("producer")).hasSize(1);
	}

	@Test
	@Order(2)
	void aFileDroppedIntoTheWatchedFolderLaterIsStored() throws Exception {
		long before = this.stack.rows();

		dropIn("late.csv", "2030-01-01T00:00:00Z", 500);

		await().atMost(DEADLINE).until(this.stack::rows, (n) -> n == before + 500);
		assertThat(Rows.inTable(this.stack.database())).isEqualTo(Rows.of(Rows.readFiles(this.stack.input())));
	}

	@Test
	@Order(3)
	void theProducerAndEveryConsumerAnswerHealthUpStartedOnTheirImagesAotCache() {
		for (String service : List.of("producer", "consumer")) {
			String port = service.equals("producer") ? "8081" : "8080";
			for (int index = 1; index <= this.stack.running(service).size(); index++) {
				String health = this.stack
					.compose("exec", "-T", "--index", Integer.toString(index), service, "bash", "-c",
							"exec 3<>/dev/tcp/localhost/" + port
									+ " && printf 'GET /actuator/health HTTP/1.0\\r\\n\\r\\n' >&3 && cat <&3")
					.succeeded()
					.output();
				assertThat(health).as(service + " " + index).contains("HTTP/1.1 200").contains("\"status\":\"UP\"");
				// the JVM, the container's first process, maps the AOT cache its image's
				// build made
				String maps = this.stack
					.compose("exec", "-T", "--index", Integer.toString(index), service, "bash", "-c",
							"grep -c '/app/app.fast-.*/app.aot' /proc/1/maps")
					.output()
					.strip();
				assertThat(Integer.parseInt(maps)).as(service + " " + index + " starts on its image's AOT cache")
					.isPositive();
			}
		}
	}

	@Test
	@Order(4)
	void makeStatusOnTheHostTellsWhatTheStackStored() throws IOException {
		ComposeStack.Result stored = this.stack.make("status");
		assertThat(stored.status()).as(stored.output()).isZero();
		assertThat(stored.output()).contains((SENSORS + 1) + " files: " + (SENSORS + 1) + " done")
			.contains("every valid row of every file is stored");

		this.stack.compose("stop", "producer").succeeded();
		dropIn("unseen.csv", "2031-01-01T00:00:00Z", 10);
		ComposeStack.Result waiting = this.stack.make("status");
		this.stack.compose("start", "producer").succeeded();

		// the command exits 1; make, as for any recipe that fails, 2
		assertThat(waiting.status()).as(waiting.output()).isNotZero();
		assertThat(waiting.output()).containsPattern("unseen\\.csv +10 +0 +0 +0  not published")
			.contains("not every valid row is stored: 1 not published");
		long inFiles = rowsInFiles();
		await().atMost(DEADLINE).until(this.stack::rows, (n) -> n == inFiles);
		assertThat(this.stack.make("status").status()).isZero();
	}

	@Test
	@Order(5)
	void aConsumerWhoseJvmIsKilledMidRunIsRestartedAndNothingIsLost() throws Exception {
		Path staging = Files.createTempDirectory("stack-wave-");
		this.stack
			.make("gen_csv_demo", "TARGET_FILE_DIR=" + staging, "GEN_NUM_SENSORS=5", "GEN_NUM_RECORDS=100000",
					"GEN_SEED=7", "GEN_START_DATE=2024-01-01")
			.succeeded();
		long before = rowsInFiles();
		long total = before + 500_000;
		String victim = this.stack.running("consumer").get(0);
		String pid = this.stack.docker("inspect", "-f", "{{.State.Pid}}", victim).succeeded().output().strip();

		this.stack.moveIntoInput(staging);
		await().atMost(DEADLINE)
			.pollInterval(Duration.ofMillis(50))
			.until(this.stack::rows, (n) -> n > before + 20_000);
		killFromTheHost(pid);
		long atKill = this.stack.rows();

		assertThat(atKill).as("rows still flow when the consumer is killed").isLessThan(total);
		await().atMost(DEADLINE)
			.until(() -> this.stack.docker("inspect", "-f", "{{.RestartCount}} {{.State.Running}}", victim).output(),
					(state) -> state.strip().matches("[1-9][0-9]* true"));
		await().atMost(DEADLINE).until(this.stack::rows, (n) -> n == total);
		assertThat(rowsInFiles()).isEqualTo(total);
		assertThat(Rows.inTable(this.stack.database())).isEqualTo(Rows.of(Rows.readFiles(this.stack.input())));
		assertThat(this.stack.query("SELECT sum(row_count) FROM ingest_ledger")).isEqualTo(total);
		assertThat(this.stack.running("consumer")).hasSize(3);
	}

	@Test
	@Order(6)
	void makeDownStopsTheStackAndASecondMakeUpPublishesNothingAgain() throws Exception {
		long messages = this.stack.query("SELECT count(*) FROM ingest_ledger");

		this.stack.make("down").succeeded();
		assertThat(this.stack.compose("ps", "-a", "-q").succeeded().output()).isBlank();
		this.stack.make("up", "CONSUMER_REPLICAS=3").succeeded();

		await().atMost(DEADLINE)
			.until(() -> this.stack.compose("logs", "producer").output(),
					(log) -> log.contains((SENSORS + 7) + " files published before"));
		assertThat(this.stack.query("SELECT count(*) FROM ingest_ledger")).isEqualTo(messages);
		assertThat(this.stack.rows()).isEqualTo(rowsInFiles());
	}

	@Test
	@Order(7)
	void prometheusScrapesTheProducerEveryConsumerAndTheBroker() {
		this.stack.compose("--profile", "observability", "up", "-d", "--wait", "prometheus").succeeded();
		URI targets = URI.create("http://127.0.0.1:" + this.stack.port("PROMETHEUS_PORT") + "/api/v1/targets");

		await().atMost(DEADLINE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			List<JsonNode> active = new ArrayList<>();
			JSON.readTree(get(targets)).path("data").path("activeTargets").forEach(active::add);
			List<String> jobs = active.stream().map((target) -> target.path("labels").path("job").asText()).toList();
			assertThat(active).isNotEmpty()
				.allSatisfy(
						(target) -> assertThat(target.path("health").asText()).as(target.toString()).isEqualTo("up"));
			assertThat(jobs).containsOnlyOnce("producer", "rabbitmq");
			assertThat(jobs.stream().filter("consumer"::equals)).hasSize(3);
		});
	}

	@Test
	@Order(8)
	void dockerComposeDownWithVolumesLeavesNoVolumeBehind() {
		String project = "label=com.docker.compose.project=" + this.stack.project();
		assertThat(this.stack.docker("volume", "ls", "-q", "--filter", project).succeeded().output().lines())
			.as("the stack's volumes, Prometheus running: its data is in memory")
			.hasSize(3);

		this.stack.compose("down", "-v").succeeded();

		// Compose leaves the containers of a profile it is not told of (make down names
		// it)
		assertThat(this.stack.docker("volume", "ls", "-q", "--filter", project).succeeded().output()).isBlank();
	}

	/** Returns the rows of the input folder's files (their keys are all different). */
	private long rowsInFiles() throws IOException {
		return Rows.readFiles(this.stack.input()).size();
	}

	/** Writes a file of one sensor's rows beside the folder, then moves it in at once. */
	private void dropIn(String name, String firstTime, int rows) throws IOException {
		StringBuilder text = new StringBuilder("record_time,sensor_id,value\n");
		OffsetDateTime start = OffsetDateTime.parse(firstTime);
		for (int i = 0; i < rows; i++) {
			text.append(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(start.plusSeconds(i)))
				.append(",late,")
				.append(i)
				.append(".5\n");
		}
		Path part = Files.writeString(this.stack.input().resolveSibling("." + name + ".part"), text);
		Files.move(part, this.stack.input().resolve(name), StandardCopyOption.ATOMIC_MOVE);
	}

	/**
	 * Sends SIGKILL to a process of the host, as root does with {@code kill -9}. Another
	 * user, who may use the engine but not signal the container's user, sends it from a
	 * container in the host's process namespace that runs as that same user (the consumer
	 * image's).
	 */
	private void killFromTheHost(String pid) throws IOException, InterruptedException {
		if ("root".equals(System.getProperty("user.name"))) {
			assertThat(new ProcessBuilder("kill", "-9", pid).inheritIO().start().waitFor()).isZero();
		}
		else {
			this.stack
				.docker("run", "--rm", "--pid=host", "--entrypoint", "bash", "sensor-ingest-consumer:latest", "-c",
						"kill -9 " + pid)
				.succeeded();
		}
	}

	private static String get(URI uri) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

}
