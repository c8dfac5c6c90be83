package io.sensoringest.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DotEnvTests {

	@TempDir
	Path dir;

	@Test
	void environmentWinsOverDotEnvAndBlankCountsAsUnset() throws IOException {
		Path file = Files.writeString(dir.resolve(".env"), """
				# a comment
				POSTGRES_HOST=db.example
				POSTGRES_PORT=5432

				CSV_PARSER_DELIMITER=;
				""");
		DotEnv settings = new DotEnv(Map.of("POSTGRES_HOST", "override", "POSTGRES_PORT", " "), DotEnv.parse(file));

		assertThat(settings.get("POSTGRES_HOST")).isEqualTo("override");
		assertThat(settings.get("POSTGRES_PORT")).isEqualTo("5432");
		assertThat(settings.get("CSV_PARSER_DELIMITER")).isEqualTo(";");
		assertThat(settings.find("RABBITMQ_HOST")).isEmpty();
	}

	@Test
	void missingSettingNamesIt() {
		assertThatThrownBy(() -> DotEnv.of(Map.of()).get("GEN_SEED")).isInstanceOf(InvalidSettingException.class)
			.hasMessage("GEN_SEED is not set");
	}

	@Test
	void findsTheProjectRootAboveTheWorkingDirectory() throws IOException {
		Files.writeString(dir.resolve(".env"), "TZ=UTC\n");
		Path nested = Files.createDirectories(dir.resolve("a/b"));

		assertThat(DotEnv.projectRoot(nested)).isEqualTo(dir.toAbsolutePath());
	}

	@Test
	void invalidSettingMessageNamesSettingAndValue() {
		InvalidSettingException ex = new InvalidSettingException("POSTGRES_PORT", "abc", "is not a port number");

		assertThat(ex).hasMessage("POSTGRES_PORT=abc is not a port number");
		assertThat(ex.getSetting()).isEqualTo("POSTGRES_PORT");
	}

}
