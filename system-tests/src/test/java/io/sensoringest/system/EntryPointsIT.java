package io.sensoringest.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;

import io.sensoringest.testing.AppProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every entry point answers {@code --help}, {@code --version} and a typo by itself, as
 * built: before Spring starts and without touching a server. Both servers are pointed at
 * a socket that listens and counts on no caller.
 */
class EntryPointsIT {

	@TempDir
	Path dir;

	private ServerSocket server;

	@BeforeEach
	void listen() throws IOException {
		this.server = new ServerSocket(0);
	}

	@AfterEach
	void close() throws IOException {
		this.server.close();
	}

	private AppProcess.Finished run(String module, String... arguments) throws Exception {
		String port = Integer.toString(this.server.getLocalPort());
		AppProcess app = AppProcess.of(module)
			.set("POSTGRES_HOST", "127.0.0.1")
			.set("POSTGRES_PORT", port)
			.set("RABBITMQ_HOST", "127.0.0.1")
			.set("RABBITMQ_PORT", port)
			.set("RABBITMQ_ADDRESSES", "");
		return app.run(this.dir.resolve(module + ".log"), Duration.ofMinutes(1), arguments);
	}

	private void assertNoServerWasCalled() throws IOException {
		this.server.setSoTimeout(50);
		try {
			this.server.accept().close();
			fail("a server was called");
		}
		catch (SocketTimeoutException expected) {
			// nobody called
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			producer-app | --help        | Usage: java -jar producer-app.jar
			consumer-app | --help        | Usage: java -jar consumer-app.jar
			ingest-cli   | run --help    | Usage: ingest run
			""")
	void helpShowsTheSettingsAsNowSetWithExamplesAndExitsZero(String module, String arguments, String usage)
			throws Exception {
		AppProcess.Finished help = run(module, arguments.split(" "));

		assertThat(help.exit()).as(help.output()).isZero();
		assertThat(help.output()).contains(usage)
			.contains("RABBITMQ_PORT=" + this.server.getLocalPort())
			.contains("Examples:")
			.contains("Settings come from the environment, then the nearest .env at or above the working")
			.doesNotContain("INFO");
		assertNoServerWasCalled();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			producer-app | producer-app
			consumer-app | consumer-app
			ingest-cli   | ingest
			""")
	void versionNamesTheProgramAndItsVersion(String module, String program) throws Exception {
		AppProcess.Finished version = run(module, "--version");

		assertThat(version.exit()).as(version.output()).isZero();
		assertThat(version.output().strip()).matches(program + " \\d+\\.\\d+\\.\\d+\\S*");
		assertNoServerWasCalled();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			producer-app | --forse      | producer: unknown option --forse; did you mean --force? (--help)
			consumer-app | migrat       | consumer: unknown argument migrat; did you mean migrate? (--help)
			ingest-cli   | stauts       | ingest: unknown command 'stauts'; did you mean status? (ingest --help)
			""")
	void aTypoGetsASuggestionAndExitTwo(String module, String typo, String message) throws Exception {
		AppProcess.Finished mistake = run(module, typo);

		assertThat(mistake.exit()).isEqualTo(2);
		assertThat(mistake.output().strip()).isEqualTo(message);
		assertNoServerWasCalled();
	}

}
