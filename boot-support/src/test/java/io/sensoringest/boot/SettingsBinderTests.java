package io.sensoringest.boot;

import java.time.Duration;
import java.util.Map;

import io.sensoringest.contract.InvalidSettingException;
import io.sensoringest.contract.SettingText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Settings bound outside an app, as the CLI binds the producer's and its own: the
 * defaults of {@code application.yml}, the environment names in front, and one line that
 * names the setting the operator wrote when a value cannot be used.
 */
class SettingsBinderTests {

	@Test
	void bindsTheDefaultsOfApplicationYml() {
		Demo demo = bind(Map.of());

		assertThat(demo.batchRows()).isEqualTo(10);
		assertThat(demo.pause()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void anEnvironmentNameOverridesTheDefault() {
		Demo demo = bind(Map.of("DEMO_BATCH_ROWS", "25", "DEMO_PAUSE", "150ms"));

		assertThat(demo.batchRows()).isEqualTo(25);
		assertThat(demo.pause()).isEqualTo(Duration.ofMillis(150));
	}

	@Test
	void aValueTheRecordRejectsIsNamedByItsEnvironmentName() {
		assertThatThrownBy(() -> bind(Map.of("DEMO_BATCH_ROWS", "-5")))
			.isInstanceOfSatisfying(InvalidSettingException.class,
					(ex) -> assertThat(ex.getSetting()).isEqualTo("DEMO_BATCH_ROWS"))
			.hasMessage("DEMO_BATCH_ROWS=-5 must be between 1 and 1000");
	}

	@Test
	void aValueOfTheWrongTypeIsNamedByItsEnvironmentName() {
		assertThatThrownBy(() -> bind(Map.of("DEMO_BATCH_ROWS", "many"))).isInstanceOf(InvalidSettingException.class)
			.hasMessageStartingWith("DEMO_BATCH_ROWS=many ");
	}

	@Test
	void aSecretIsNotShownInTheMessage() {
		assertThatThrownBy(() -> bind(Map.of("DEMO_PASSWORD", "hunter2"))).isInstanceOf(InvalidSettingException.class)
			.hasMessage("DEMO_PASSWORD=****** must not be set in this demo")
			.hasMessageNotContaining("hunter2");
	}

	@Test
	void explainsOnlyFailuresAboutSettingsOrServers() {
		assertThat(StartupFailureAnalyzer.explains(new IllegalStateException("x", new ServerRefusedException("no"))))
			.isTrue();
		assertThat(StartupFailureAnalyzer.explains(new InvalidSettingException("A", "1", "is bad"))).isTrue();
		assertThat(StartupFailureAnalyzer.explains(new IllegalStateException("something else"))).isFalse();
	}

	private static Demo bind(Map<String, String> settings) {
		return SettingsBinder.bind(SettingsBinder.environment(settings), "demo", Demo.class);
	}

	/** A record checked the way the apps' properties check themselves. */
	record Demo(Integer batchRows, Duration pause, String password) implements CheckedProperties {

		@Override
		public void check(SettingErrors check) {
			check.field("batchRows", SettingText.outside(this.batchRows, 1, 1000))
				.field("password",
						(this.password == null || this.password.isEmpty()) ? null : "must not be set in this demo");
		}

	}

}
