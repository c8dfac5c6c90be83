package io.sensoringest.cli.run;

import java.time.Duration;
import java.util.List;

import io.sensoringest.cli.command.OperatorSettings;
import io.sensoringest.cli.command.CliProperties.Consumers;
import io.sensoringest.contract.DatabaseSettings;

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

	/**
	 * Takes the settings from the operator's.
	 * @throws io.sensoringest.contract.InvalidSettingException naming a setting that
	 * cannot be used
	 */
	public static PipelineSettings from(OperatorSettings operator) {
		Consumers consumers = operator.cli().consumers();
		return new PipelineSettings(operator.database(), consumers.replicas(), consumers.javaOptionList(),
				consumers.shutdownTimeout(), consumers.applyMigrations());
	}

}
