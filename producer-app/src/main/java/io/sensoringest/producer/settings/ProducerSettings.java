package io.sensoringest.producer.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import io.sensoringest.boot.SettingsBinder;
import io.sensoringest.contract.BrokerSettings;
import io.sensoringest.contract.InvalidSettingException;
import io.sensoringest.contract.QueueTopology;

import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * What the publishing code runs with: {@link ProducerProperties} checked and resolved
 * (the broker's address and TLS in one place, the delimiter as a character, the zone
 * looked up, parallelism 0 made the number of cores). Each component is the property of
 * the same meaning there; {@code broker} is where RabbitMQ is, with TLS, and
 * {@code topology} the queues. The producer app binds them from Spring Boot's own
 * environment ({@code ProducerConfiguration}); the operator's CLI, which publishes in its
 * own process, with {@link #load()} from the same {@code application.yml}, {@code .env}
 * and environment, checked the same way.
 */
public record ProducerSettings(BrokerSettings broker, QueueTopology topology, Path targetDir, String extension,
		char delimiter, ZoneId csvZone, int batchRows, int parallelism, Path stateDir, Duration maxOutage,
		int confirmWindow, Duration confirmTimeout, Duration linger, ProducerProperties.Watch watch,
		ProducerProperties.Finished finished) {

	/**
	 * Returns these settings for other input, state and message size, as a benchmark
	 * varies them.
	 */
	public ProducerSettings with(Path targetDir, Path stateDir, int batchRows) {
		return new ProducerSettings(broker, topology, targetDir, extension, delimiter, csvZone, batchRows, parallelism,
				stateDir, maxOutage, confirmWindow, confirmTimeout, linger, watch, finished);
	}

	/**
	 * Returns the settings as the producer app would bind them in this working directory.
	 * @throws InvalidSettingException naming the setting that cannot be used
	 */
	public static ProducerSettings load() {
		return load(Map.of());
	}

	/**
	 * Returns the settings as the producer app would bind them in this working directory,
	 * with the given settings, by their environment names, in front of the environment.
	 * @throws InvalidSettingException naming the setting that cannot be used
	 */
	public static ProducerSettings load(Map<String, ?> settings) {
		return bind(SettingsBinder.environment(settings));
	}

	/**
	 * Returns the settings bound from the given environment.
	 * @throws InvalidSettingException naming the setting that cannot be used
	 */
	public static ProducerSettings bind(ConfigurableEnvironment environment) {
		return SettingsBinder.bind(environment, "sensor-ingest", ProducerProperties.class)
			.settings(SettingsBinder.bind(environment, "spring.rabbitmq", RabbitProperties.class));
	}

}
