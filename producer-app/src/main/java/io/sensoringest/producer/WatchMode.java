package io.sensoringest.producer;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Starts the web server, for {@code /actuator/health} and {@code /actuator/prometheus},
 * only when the producer watches its folder ({@code --watch} or
 * {@code PRODUCER_WATCH=true}): a one-shot run starts none and takes no port. Runs once
 * {@code application.yml} and {@code .env} are in the environment.
 */
public final class WatchMode implements EnvironmentPostProcessor, Ordered {

	/**
	 * Whether the command line ({@code --watch}) or the setting asks for watch mode. Only
	 * the command line's own arguments count: the environment would take a variable
	 * {@code WATCH} for {@code --watch}.
	 */
	static boolean requested(ConfigurableEnvironment environment) {
		PropertySource<?> commandLine = environment.getPropertySources()
			.get(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME);
		String setting = environment.getProperty("sensor-ingest.watch.enabled", "false");
		return (commandLine != null && commandLine.containsProperty("watch")) || Boolean.parseBoolean(setting.strip());
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (requested(environment)) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource("watch mode", Map.of("spring.main.web-application-type", "servlet")));
		}
	}

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

}
