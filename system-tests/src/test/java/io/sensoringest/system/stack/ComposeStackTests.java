package io.sensoringest.system.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.sensoringest.contract.SettingText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What can be checked of the compose stack without a Docker engine: the file against the
 * Compose Specification's own schema, and what the schema cannot see.
 */
class ComposeStackTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final String composeText = StackFiles.read("docker-compose.yml");

	private final Map<String, String> dotEnv = StackFiles.dotEnv();

	private final Map<String, Object> compose = StackFiles.yaml(this.composeText);

	private final String clusterText = StackFiles.read("docker-compose.cluster.yml");

	private final Map<String, Object> cluster = StackFiles.yaml(this.clusterText);

	@Test
	void isValidAgainstTheComposeSpecificationOnceInterpolated() throws IOException {
		Path schemaFile = StackFiles.ROOT.resolveSibling("shared").resolve("schemas").resolve("compose-spec.json");
		JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
			.getSchema(SchemaLocation.of(schemaFile.toUri().toString()));
		for (Map<String, Object> file : List.of(this.compose, this.cluster)) {
			JsonNode interpolated = JSON.valueToTree(StackFiles.interpolateValues(file, this.dotEnv));

			Set<ValidationMessage> problems = schema.validate(interpolated);

			assertThat(problems).isEmpty();
			assertThat(file).containsKey("services");
		}
	}

	@Test
	void everyVariableItUsesHasADefaultInDotEnv() {
		assertThat(this.dotEnv.keySet()).containsAll(StackFiles.variables(this.composeText))
			.containsAll(StackFiles.variables(this.clusterText));
	}

	@Test
	void theClusterFileRunsThreeNodesThatFindEachOtherAndGivesTheAppsEveryNode() {
		List<String> nodes = List.of("rabbitmq", "rabbitmq-2", "rabbitmq-3");
		String discovery = StackFiles.read("observability/rabbitmq/cluster.conf");
		for (int i = 0; i < nodes.size(); i++) {
			String node = nodes.get(i);
			Map<String, Object> base = (i == 0) ? StackFiles.service(this.compose, node) : Map.of();
			Map<String, Object> added = StackFiles.service(this.cluster, node);
			assertThat(i == 0 ? base.get("hostname") : added.get("hostname")).as(node + "'s host name").isEqualTo(node);
			assertThat(discovery).contains("classic_config.nodes." + (i + 1) + " = rabbit@" + node);
			assertThat(StackFiles.map(added.get("environment")))
				.containsEntry("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-setcookie ${RABBITMQ_CLUSTER_COOKIE}")
				.containsEntry("RABBITMQ_CTL_ERL_ARGS", "-setcookie ${RABBITMQ_CLUSTER_COOKIE}");
			assertThat(String.valueOf(added.get("volumes"))).contains("cluster.conf:/etc/rabbitmq/conf.d/");
			if (i > 0) {
				assertThat(String.valueOf(added.get("volumes"))).contains(node + "-data:/var/lib/rabbitmq");
				assertThat(StackFiles.map(this.cluster.get("volumes"))).containsKey(node + "-data");
			}
		}
		for (String app : List.of("producer", "consumer")) {
			Map<String, Object> environment = StackFiles.map(StackFiles.service(this.cluster, app).get("environment"));
			assertThat(String.valueOf(environment.get("RABBITMQ_ADDRESSES")).split(","))
				.containsExactlyElementsOf(nodes.stream().map((node) -> node + ":5672").toList());
			assertThat(StackFiles.map(StackFiles.service(this.cluster, app).get("depends_on")))
				.containsKeys("rabbitmq-2", "rabbitmq-3");
		}
		assertThat(StackFiles.read("Makefile"))
			.contains("export COMPOSE_FILE := docker-compose.yml:docker-compose.cluster.yml");
	}

	@Test
	void consumersScaleWithConsumerReplicasAndNothingPinsOneCopy() {
		Map<String, Object> consumer = StackFiles.service(this.compose, "consumer");

		assertThat(StackFiles.map(consumer.get("deploy")).get("replicas")).isEqualTo("${CONSUMER_REPLICAS}");
		assertThat(consumer).doesNotContainKeys("container_name", "ports");
		assertThat(String.valueOf(StackFiles.map(consumer.get("healthcheck")).get("test")))
			.contains("/actuator/health");
		assertThat(SettingText.duration(this.dotEnv.get("CONSUMER_STOP_GRACE_PERIOD")))
			.isGreaterThan(SettingText.duration(this.dotEnv.get("CONSUMER_SHUTDOWN_TIMEOUT")));
		assertThat(consumer.get("stop_grace_period")).isEqualTo("${CONSUMER_STOP_GRACE_PERIOD}");
	}

	@Test
	void theProducerIsALiveServiceWithAHealthcheck() {
		Map<String, Object> producer = StackFiles.service(this.compose, "producer");

		assertThat(StackFiles.map(producer.get("environment"))).containsEntry("PRODUCER_WATCH", "true")
			.containsEntry("PRODUCER_HTTP_PORT", 8081);
		assertThat(producer.get("restart")).isEqualTo("unless-stopped");
		assertThat(String.valueOf(StackFiles.map(producer.get("healthcheck")).get("test"))).contains("localhost/8081",
				"/actuator/health");
	}

	/**
	 * A consumer killed in the middle of a COPY must not hold its locks for hours: the
	 * database probes idle connections ({@code StackIT} kills one).
	 */
	@Test
	void theDatabaseEndsTheConnectionsOfAConsumerThatIsGone() {
		assertThat(String.valueOf(StackFiles.service(this.compose, "postgres").get("command")))
			.contains("tcp_keepalives_idle=10")
			.contains("tcp_keepalives_interval=5")
			.contains("tcp_keepalives_count=3");
	}

	@Test
	void appsWaitForHealthyServers() {
		for (String app : List.of("producer", "consumer")) {
			Map<String, Object> dependsOn = StackFiles.map(StackFiles.service(this.compose, app).get("depends_on"));
			assertThat(StackFiles.map(dependsOn.get("rabbitmq"))).containsEntry("condition", "service_healthy");
		}
		assertThat(StackFiles
			.map(StackFiles.map(StackFiles.service(this.compose, "consumer").get("depends_on")).get("postgres")))
			.containsEntry("condition", "service_healthy");
	}

	@Test
	void everyEnvironmentNameGivenToAnAppIsOneThatAppReads() throws IOException {
		for (String app : List.of("producer", "consumer")) {
			Set<String> given = new TreeSet<>(
					StackFiles.map(StackFiles.service(this.compose, app).get("environment")).keySet());
			given.addAll(StackFiles.map(StackFiles.service(this.cluster, app).get("environment")).keySet());
			Set<String> read = settingNamesIn(app + "-app", "ingest-contract");
			assertThat(read).as(app + " reads").containsAll(given);
		}
	}

	/**
	 * The reverse of the test above: every setting of {@code .env} that an app reads
	 * reaches its container (RABBITMQ_ADDRESSES through the cluster file), but those that
	 * only a process started by {@code make run} uses, and the JVM options, which the
	 * images set themselves.
	 */
	@Test
	void composePassesEverySettingAnAppReads() throws IOException {
		Set<String> hostOnly = Set.of("CONSUMER_EXIT_WITH_PARENT", "CONSUMER_PORT_FILE", "CONSUMER_JAVA_OPTS",
				"PRODUCER_JAVA_OPTS");
		for (String app : List.of("producer", "consumer")) {
			Set<String> read = new TreeSet<>(settingNamesIn(app + "-app", "ingest-contract"));
			read.retainAll(this.dotEnv.keySet());
			read.removeAll(hostOnly);
			Set<String> given = new TreeSet<>(
					StackFiles.map(StackFiles.service(this.compose, app).get("environment")).keySet());
			given.addAll(StackFiles.map(StackFiles.service(this.cluster, app).get("environment")).keySet());

			assertThat(given).as(app + " is given").containsAll(read);
		}
	}

	@Test
	void everyPortIsPublishedOnTheBindAddressOnly() {
		for (Map<String, Object> file : List.of(this.compose, this.cluster)) {
			StackFiles.map(file.get("services")).forEach((name, service) -> {
				Object ports = StackFiles.map(service).get("ports");
				if (ports != null) {
					assertThat((List<?>) ports).as(name)
						.allSatisfy((port) -> assertThat(port).asString().startsWith("${BIND_ADDRESS}:"));
				}
			});
		}
		assertThat(this.dotEnv).containsEntry("BIND_ADDRESS", "127.0.0.1");
	}

	@Test
	void noCredentialLiteralOutsideDotEnv() throws IOException {
		Set<String> secrets = new TreeSet<>();
		this.dotEnv.forEach((name, value) -> {
			boolean credential = name.endsWith("_PASSWORD") || name.endsWith("_USERNAME") || name.endsWith("_USER")
					|| name.endsWith("_COOKIE");
			if (credential && !value.isBlank()) {
				secrets.add(value);
			}
		});
		for (Path file : trackedTextFiles()) {
			String text = Files.readString(file);
			for (String secret : secrets) {
				assertThat(text).as(file + " holds a credential of .env").doesNotContain(secret);
			}
		}
	}

	@Test
	void eachImageIsBuiltWithTheMakefilesBuildCommandAsANonRootUser() {
		Matcher build = Pattern.compile("(?m)^BUILD_JARS = (.+)$").matcher(StackFiles.read("Makefile"));
		assertThat(build.find()).isTrue();
		String dockerfile = StackFiles.read("Dockerfile");
		assertThat(dockerfile).contains("RUN --mount=type=cache,target=/root/.m2 " + build.group(1))
			.contains("MaxRAMPercentage")
			.containsPattern("(?m)^USER app$");
		// the project's one start: the script, with an AOT cache made by the build
		assertThat(dockerfile).contains("bash start-jar.sh app.jar -Dspring.context.exit=onRefresh --")
			.contains("ENTRYPOINT [\"bash\", \"/app/start-jar.sh\", \"/app/app.jar\", \"--\"]");
		assertThat(StackFiles.read(".dockerignore")).containsPattern("(?m)^!scripts/start-jar.sh$");
		for (String app : List.of("producer-app", "consumer-app")) {
			Map<String, Object> image = StackFiles
				.map(StackFiles.service(this.compose, app.replace("-app", "")).get("build"));
			assertThat(image).containsEntry("dockerfile", "Dockerfile");
			assertThat(StackFiles.map(image.get("args"))).containsEntry("APP", app);
		}
	}

	/**
	 * The image build sees every module of the parent pom: {@code .dockerignore} lets it
	 * into the context, and the Dockerfile copies its pom before it fetches the
	 * dependencies, so that a new module cannot break {@code make up} alone.
	 */
	@Test
	void theImageBuildSeesEveryModule() {
		Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(StackFiles.read("pom.xml"));
		List<String> modules = new ArrayList<>();
		while (module.find()) {
			modules.add(module.group(1));
		}
		assertThat(modules).isNotEmpty();
		String ignore = StackFiles.read(".dockerignore");
		String dockerfile = StackFiles.read("Dockerfile");
		for (String name : modules) {
			assertThat(ignore).as(".dockerignore lets " + name + " in").containsPattern("(?m)^!" + name + "/$");
			assertThat(dockerfile).as("the Dockerfile copies " + name + "'s pom")
				.contains("COPY " + name + "/pom.xml " + name + "/");
		}
	}

	@Test
	void prometheusScrapesEveryConsumerReplicaAndTheBroker() {
		Map<String, Object> prometheus = StackFiles.yaml(StackFiles.read("observability/prometheus.yml"));
		String text = String.valueOf(prometheus.get("scrape_configs"));

		assertThat(text).contains("targets=[producer:8081]")
			.contains("dns_sd_configs=[{names=[consumer], type=A, port=8080")
			.contains("metrics_path=/actuator/prometheus")
			.contains("rabbitmq:15692");
		assertThat(StackFiles.service(this.compose, "prometheus").get("profiles")).isEqualTo(List.of("observability"));
		assertThat(StackFiles.read("observability/rabbitmq/enabled_plugins")).contains("rabbitmq_prometheus");
	}

	@Test
	void grafanaDashboardParsesAndShowsWhatTheIssueAsks() throws IOException {
		JsonNode dashboard = JSON.readTree(StackFiles.read("observability/grafana/dashboards/sensor-ingest.json"));
		List<String> titles = dashboard.get("panels").findValuesAsText("title");

		assertThat(titles).contains("Rows stored per second", "Queue depth", "Dead-letter depth", "Batch latency",
				"Consumers up", "Files waiting and ingest lag", "Rows published per second");
		assertThat(Dashboard.metricNames()).isNotEmpty();
		assertThat(StackFiles.yaml(StackFiles.read("observability/grafana/provisioning/datasources/prometheus.yml")))
			.containsKey("datasources");
	}

	/**
	 * Returns the setting names a module reads: string literals in its Java code, and the
	 * names its {@code application.yml} maps to properties.
	 */
	private static Set<String> settingNamesIn(String... modules) throws IOException {
		Pattern literal = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"");
		Set<String> names = new TreeSet<>();
		for (String module : modules) {
			Path yaml = StackFiles.ROOT.resolve(module).resolve("src/main/resources/application.yml");
			if (Files.isRegularFile(yaml)) {
				names.addAll(StackFiles.variables(Files.readString(yaml)));
			}
			try (Stream<Path> files = Files.walk(StackFiles.ROOT.resolve(module).resolve("src/main/java"))) {
				for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
					Matcher matcher = literal.matcher(Files.readString(file));
					while (matcher.find()) {
						names.add(matcher.group(1));
					}
				}
			}
		}
		names.add("TZ");
		return names;
	}

	private static List<Path> trackedTextFiles() throws IOException {
		Process git = new ProcessBuilder("git", "ls-files").directory(StackFiles.ROOT.toFile()).start();
		List<String> names = new String(git.getInputStream().readAllBytes()).lines().toList();
		return names.stream()
			.filter((name) -> !name.equals(".env") && !name.endsWith(".png"))
			.map(StackFiles.ROOT::resolve)
			.filter(Files::isRegularFile)
			.toList();
	}

}
