package io.sensoringest.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTests {

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
		Settings settings = new Settings(Map.of("POSTGRES_HOST", "override", "POSTGRES_PORT", " "),
				Settings.parse(file));

		assertThat(settings.get("POSTGRES_HOST")).isEqualTo("override");
		assertThat(settings.get("POSTGRES_PORT")).isEqualTo("5432");
		assertThat(settings.get("CSV_PARSER_DELIMITER")).isEqualTo(";");
		assertThat(settings.find("RABBITMQ_HOST")).isEmpty();
	}

	@Test
	void missingSettingNamesIt() {
		assertThatThrownBy(() -> Settings.of(Map.of()).get("GEN_SEED")).isInstanceOf(InvalidSettingException.class)
			.hasMessage("GEN_SEED is not set");
	}

	@Test
	void findsTheProjectRootAboveTheWorkingDirectory() throws IOException {
		Files.writeString(dir.resolve(".env"), "TZ=UTC\n");
		Path nested = Files.createDirectories(dir.resolve("a/b"));

		assertThat(Settings.projectRoot(nested)).isEqualTo(dir.toAbsolutePath());
	}

	@Test
	void readsDurationsInUnitsSecondsOrIso() {
		Settings settings = Settings
			.of(Map.of("A", "250ms", "B", "5s", "C", "5m", "D", "1h", "E", "1.5", "F", "PT2M", "G", "off", "H", "0"));

		assertThat(List.of("A", "B", "C", "D", "E", "F", "G", "H").stream().map(settings::duration)).containsExactly(
				Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofHours(1),
				Duration.ofMillis(1500), Duration.ofMinutes(2), Duration.ZERO, Duration.ZERO);
	}

	@Test
	void rejectsNegativeOrUnreadableDurations() {
		assertThatThrownBy(() -> Settings.of(Map.of("W", "-5s")).duration("W"))
			.hasMessage("W=-5s is not a duration (250ms, 5s, 5m, 1h, off)");
		assertThatThrownBy(() -> Settings.of(Map.of("W", "soon")).duration("W")).hasMessageStartingWith("W=soon");
	}

	@Test
	void checksWholeNumbersAgainstTheirRange() {
		Settings settings = Settings.of(Map.of("N", "-1", "P", "70000", "Q", "12"));

		assertThatThrownBy(() -> settings.integer("N", 1, 10)).hasMessage("N=-1 must be between 1 and 10");
		assertThatThrownBy(() -> settings.port("P")).hasMessage("P=70000 must be between 0 and 65535");
		assertThat(settings.integer("Q", 1, 100)).isEqualTo(12);
	}

	@Test
	void readsFlags() {
		Settings settings = Settings.of(Map.of("T", "yes", "F", "off", "X", "maybe"));

		assertThat(settings.flag("T")).isTrue();
		assertThat(settings.flag("F")).isFalse();
		assertThatThrownBy(() -> settings.flag("X")).hasMessage("X=maybe is not true or false");
	}

	@Test
	void invalidSettingMessageNamesSettingAndValue() {
		InvalidSettingException ex = new InvalidSettingException("POSTGRES_PORT", "abc", "is not a port number");

		assertThat(ex).hasMessage("POSTGRES_PORT=abc is not a port number");
		assertThat(ex.getSetting()).isEqualTo("POSTGRES_PORT");
	}

}
