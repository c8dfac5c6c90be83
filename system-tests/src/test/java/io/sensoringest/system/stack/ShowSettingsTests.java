package io.sensoringest.system.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code make show-settings} prints every setting but no secret: passwords and the
 * RabbitMQ cluster's Erlang cookie are masked.
 */
class ShowSettingsTests {

	@Test
	void printsEverySettingAndNoSecret() throws IOException, InterruptedException {
		Process make = new ProcessBuilder("make", "-s", "show-settings").directory(StackFiles.ROOT.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(make.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(make.exitValue()).as(output).isZero();

		Map<String, String> dotEnv = StackFiles.dotEnv();
		dotEnv.forEach((name, value) -> {
			boolean secret = name.contains("PASSWORD") || name.contains("COOKIE");
			assertThat(output).as(name).contains(name + "=" + (secret ? "******" : ""));
			if (secret && !value.isEmpty()) {
				assertThat(output).as(name + "'s value").doesNotContain(value);
			}
		});
	}

}
