package io.sensoringest.producer;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class WatchModeTests {

	@Test
	void theCommandLineOrTheSettingAsksForWatchModeAndAVariableNamedWatchDoesNot() {
		assertThat(WatchMode.requested(environment(new String[] { "--watch" }, Map.of()))).isTrue();
		assertThat(WatchMode.requested(environment(new String[0], Map.of("sensor-ingest.watch.enabled", "true"))))
			.isTrue();
		assertThat(WatchMode.requested(environment(new String[] { "a.csv" }, Map.of("WATCH", "1", "watch", "x"))))
			.isFalse();
	}

	@Test
	void watchModeStartsTheWebServerAndAOneShotRunDoesNot() {
		StandardEnvironment watching = environment(new String[] { "--watch" }, Map.of());
		StandardEnvironment once = environment(new String[0], Map.of());

		new WatchMode().postProcessEnvironment(watching, null);
		new WatchMode().postProcessEnvironment(once, null);

		assertThat(watching.getProperty("spring.main.web-application-type")).isEqualTo("servlet");
		assertThat(once.getProperty("spring.main.web-application-type")).isNull();
	}

	private static StandardEnvironment environment(String[] args, Map<String, Object> values) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		environment.getPropertySources().addLast(new MapPropertySource("values", values));
		return environment;
	}

}
