package io.sensoringest.cli.run;

import java.time.Duration;
import java.util.List;

import io.sensoringest.contract.DatabaseSettings;
import io.sensoringest.contract.Settings;

/**
 * What {@code make run} needs beyond the producer's own settings.
 *
 * @param database where the table is, to count its rows
 * @param replicas consumer processes to start ({@code CONSUMER_REPLICAS})
 * @param consumerJavaOptions JVM options for each of them ({@code CONSUMER_JAVA_OPTS})
 * @param consumerShutdownTimeout how long each may take to stop
 * ({@code CONSUMER_SHUTDOWN_TIMEOUT})
 * @param consumersMigrate whether the consumers apply the migrations as they start
 * ({@code CONSUMER_APPLY_MIGRATIONS}); if not, the run applies them first
 */
public record PipelineSettings(DatabaseSettings database, int replicas, List<String> consumerJavaOptions,
		Duration consumerShutdownTimeout, boolean consumersMigrate) {

	/** Reads the settings. */
	public static PipelineSettings from(Settings settings) {
		return new PipelineSettings(DatabaseSettings.from(settings), settings.integer("CONSUMER_REPLICAS", 1, 64),
				settings.words("CONSUMER_JAVA_OPTS"), settings.duration("CONSUMER_SHUTDOWN_TIMEOUT"),
				settings.flag("CONSUMER_APPLY_MIGRATIONS"));
	}

}
