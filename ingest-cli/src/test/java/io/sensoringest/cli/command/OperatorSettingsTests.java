package io.sensoringest.cli.command;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.sensoringest.cli.bench.BenchSettings;
import io.sensoringest.cli.chaos.ChaosSettings;
import io.sensoringest.cli.command.Fault;
import io.sensoringest.cli.run.PipelineSettings;
import io.sensoringest.contract.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The operator's settings as Spring Boot binds them from {@code ingest-cli.yml}: the
 * environment names, and one line for a value that cannot be used.
 */
class OperatorSettingsTests {

	private static final Map<String, String> SERVERS = Map.of("POSTGRES_HOST", "db", "POSTGRES_PORT", "5433",
			"POSTGRES_DATABASE", "sensors", "POSTGRES_USERNAME", "writer", "POSTGRES_PASSWORD", "s3cret",
			"RABBITMQ_USERNAME", "u");

	@Test
	void theEnvironmentNamesSetTheProperties() {
		OperatorSettings settings = OperatorSettings.load(with(Map.of("CONSUMER_REPLICAS", "3", "CONSUMER_JAVA_OPTS",
				" -Xmx99m  -Xss1m ", "CONSUMER_SHUTDOWN_TIMEOUT", "7s", "CONSUMER_APPLY_MIGRATIONS", "false",
				"PRODUCER_JAVA_OPTS", "", "BENCH_RUNS", "5", "BENCH_DIR", "/tmp/b", "CHAOS_FAULTS",
				"kill-producer, restart-postgres", "CHAOS_SEED", "17", "CHAOS_DEADLINE", "90s")));

		PipelineSettings pipeline = PipelineSettings.from(settings);
		assertThat(pipeline.database().describe()).isEqualTo("writer@db:5433/sensors");
		assertThat(pipeline.replicas()).isEqualTo(3);
		assertThat(pipeline.consumerJavaOptions()).containsExactly("-Xmx99m", "-Xss1m");
		assertThat(pipeline.consumerShutdownTimeout()).isEqualTo(Duration.ofSeconds(7));
		assertThat(pipeline.consumersMigrate()).isFalse();
		BenchSettings bench = BenchSettings.from(settings.cli());
		assertThat(bench.runs()).isEqualTo(5);
		assertThat(bench.dir()).isEqualTo(Path.of("/tmp/b"));
		assertThat(bench.runJavaOptions()).isEmpty();
		ChaosSettings chaos = ChaosSettings.from(settings.cli());
		assertThat(chaos.faults()).containsExactly(Fault.KILL_PRODUCER, Fault.RESTART_POSTGRES);
		assertThat(chaos.seed()).isEqualTo(17);
		assertThat(chaos.deadline()).isEqualTo(Duration.ofSeconds(90));
		assertThat(settings.producer().broker().describe()).isEqualTo("u@localhost:5672");
	}

	@Test
	void aRandomChaosSeedIsDrawn() {
		OperatorSettings settings = OperatorSettings.load(with(Map.of("CHAOS_SEED", "random")));

		assertThat(List.of(ChaosSettings.from(settings.cli()).seed(), ChaosSettings.from(settings.cli()).seed()))
			.allSatisfy((seed) -> assertThat(seed).isBetween(1L, 999_999L));
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					POSTGRES_PORT             | fivefourthreetwo  | POSTGRES_PORT=fivefourthreetwo is not a whole number
					POSTGRES_SSLMODE          | on                | POSTGRES_SSLMODE=on is not one of disable, allow, prefer, require, verify-ca, verify-full
					CONSUMER_REPLICAS         | 0                 | CONSUMER_REPLICAS=0 must be between 1 and 64
					CONSUMER_SHUTDOWN_TIMEOUT | soon              | CONSUMER_SHUTDOWN_TIMEOUT=soon is not a duration (250ms, 5s, 5m, 1h, 90d, off)
					CONSUMER_APPLY_MIGRATIONS | maybe             | CONSUMER_APPLY_MIGRATIONS=maybe is not true or false
					BENCH_RUNS                | 101               | BENCH_RUNS=101 must be between 1 and 100
					CHAOS_CONSUMERS           | 33                | CHAOS_CONSUMERS=33 must be between 1 and 32
					CHAOS_FAULTS              | kill-consumer,reboot | CHAOS_FAULTS=kill-consumer,reboot names an unknown fault 'reboot'; known: kill-consumer, kill-producer, restart-rabbitmq, restart-postgres
					CHAOS_SEED                | lucky             | CHAOS_SEED=lucky must be a whole number or random
					CHAOS_DEADLINE            | off               | CHAOS_DEADLINE=off must be longer than zero
					CHAOS_POSTGRES_RESTART    | ''                | CHAOS_POSTGRES_RESTART is not set
					""")
	void aValueThatCannotBeUsedIsNamedInOneLine(String setting, String value, String message) {
		OperatorSettings settings = OperatorSettings.load(with(Map.of(setting, (value != null) ? value : "")));

		assertThatThrownBy(settings::cli).isInstanceOf(InvalidSettingException.class)
			.hasMessage(message)
			.extracting((ex) -> ((InvalidSettingException) ex).getSetting())
			.isEqualTo(setting);
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					POSTGRES_SSLROOTCERT      | /no/such/root.crt | POSTGRES_SSLROOTCERT=/no/such/root.crt is not a readable file
					POSTGRES_USERNAME         | ' '               | POSTGRES_USERNAME is not set
					POSTGRES_HOST             | pg1,,pg2          | POSTGRES_HOST=pg1,,pg2 is not a host, host:port, or a comma-separated list of them
					""")
	void whereThePostgresIsIsCheckedOnlyByTheCommandsThatGoThere(String setting, String value, String message) {
		OperatorSettings settings = OperatorSettings.load(with(Map.of(setting, (value != null) ? value : "")));

		assertThat(settings.cli().generate().sensors()).as("generate needs no database").isPositive();
		assertThatThrownBy(settings::database).isInstanceOf(InvalidSettingException.class)
			.hasMessage(message)
			.extracting((ex) -> ((InvalidSettingException) ex).getSetting())
			.isEqualTo(setting);
	}

	private static Map<String, String> with(Map<String, String> settings) {
		Map<String, String> all = new HashMap<>(SERVERS);
		all.putAll(settings);
		return all;
	}

}
