package io.sensoringest.producer.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

import io.sensoringest.contract.BrokerSettings;
import io.sensoringest.contract.QueueTopology;

/**
 * What the publishing code runs with: {@link ProducerProperties} checked and resolved
 * (the broker's address and TLS in one place, the delimiter as a character, the zone
 * looked up, parallelism 0 made the number of cores). Each component is the property of
 * the same meaning there; {@code broker} is where RabbitMQ is, with TLS, and
 * {@code topology} the queues.
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

}
