package io.sensoringest.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class IngestCliTests {

	private final StringWriter out = new StringWriter();

	private final StringWriter err = new StringWriter();

	private int execute(String... args) {
		return IngestCli.execute(new PrintWriter(this.out, true), new PrintWriter(this.err, true), args);
	}

	@Test
	void helpListsEveryCommandAndExitsZero() {
		assertThat(execute("--help")).isZero();
		assertThat(this.out.toString()).contains("Usage: ingest")
			.containsPattern("(?m)^  run +The whole pipeline once")
			.containsPattern("(?m)^  status ")
			.containsPattern("(?m)^  dlq ")
			.containsPattern("(?m)^  generate ")
			.containsPattern("(?m)^  watch ")
			.containsPattern("(?m)^  bench ")
			.containsPattern("(?m)^  chaos ");
	}

	@ParameterizedTest
	@CsvSource({ "run", "watch", "status", "dlq", "dlq show", "dlq replay", "generate", "bench", "chaos" })
	void everyCommandAnswersHelpWithoutAnySetting(String command) {
		String[] args = (command + " --help").split(" ");
		assertThat(execute(args)).isZero();
		assertThat(this.out.toString()).contains("Usage: ingest " + command);
	}

	@Test
	void versionNamesTheProgram() {
		assertThat(execute("--version")).isZero();
		assertThat(this.out.toString()).startsWith("ingest ");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					frobnicate                          | ingest: unknown command 'frobnicate' (ingest --help)
					status --forse                      | ingest: Unknown option: '--forse' (ingest status --help)
					run --consumer-jar=x.jar --forse    | ingest: Unknown option: '--forse'; did you mean --force? (ingest run --help)
					dlq                                 | ingest: name what to do: show or replay (ingest dlq --help)
					dlq show --limit=many               | ingest: Invalid value for option '--limit'
					chaos --consumer-jar                | ingest: Missing required parameter for option '--consumer-jar'
					""")
	void aMistakeStopsWithOneLineAndExitTwo(String line, String message) {
		assertThat(execute(line.split(" "))).isEqualTo(2);
		assertThat(this.err.toString()).startsWith(message);
		assertThat(this.err.toString().strip().lines()).hasSize(1);
		assertThat(this.out.toString()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			stauts               | ingest: unknown command 'stauts'; did you mean status? (ingest --help)
			status --file        | did you mean --files?
			run --consumer-jar=x.jar --forse | did you mean --force?
			""")
	void aMistypedCommandOrOptionGetsASuggestion(String line, String message) {
		assertThat(execute(line.split(" "))).isEqualTo(2);
		assertThat(this.err.toString()).contains(message);
		assertThat(this.err.toString().strip().lines()).hasSize(1);
	}

	@ParameterizedTest
	@CsvSource({ "run", "watch", "bench", "chaos" })
	void theJarOptionsDefaultToTheJarsBuiltBesideTheCommandLine(String command) {
		assertThat(execute(command, "--help")).isZero();
		// picocli wraps a long path anywhere: read the help without its white space
		assertThat(this.out.toString().replaceAll("\\s+", "")).contains("--consumer-jar=PATH")
			.containsPattern("Default:\\S*consumer-app/target/consumer-app\\.jar");
	}

	@ParameterizedTest
	@CsvSource({ "run", "watch", "status", "dlq show", "dlq replay", "generate", "bench", "chaos" })
	void helpShowsTheSettingsAsNowSetAnExampleAndWhereTheyComeFrom(String command) {
		assertThat(execute((command + " --help").split(" "))).isZero();
		assertThat(this.out.toString()).contains("Settings it reads, as now set")
			.containsPattern("(?m)^  [A-Z_]+=\\S+")
			.contains("Examples:\n  make ")
			.contains("Settings come from the environment, then the nearest .env at or above the working");
	}

	@Test
	void helpShowsTheDefaultOfAnOptionThatHasOne() {
		assertThat(execute("dlq", "show", "--help")).isZero();
		assertThat(this.out.toString()).containsPattern("--limit=N +list at most N messages\\s+Default: 100");
	}

	@Test
	void noCommandAtAllNamesTheCommands() {
		assertThat(execute()).isEqualTo(2);
		assertThat(this.err.toString()).contains("name a command: run, watch, status, dlq, generate, bench, chaos");
	}

}
