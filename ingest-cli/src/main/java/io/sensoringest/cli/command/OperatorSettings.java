package io.sensoringest.cli.command;

import java.util.Map;

import io.sensoringest.boot.SettingsBinder;
import io.sensoringest.contract.DatabaseSettings;
import io.sensoringest.contract.InvalidSettingException;
import io.sensoringest.contract.PostgresAddress;
import io.sensoringest.producer.settings.ProducerSettings;

import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The settings an operator's command runs with: the producer's, bound from the producer's
 * {@code application.yml}, and the CLI's own ({@link CliProperties}) from
 * {@code ingest-cli.yml}; both from the environment, then the nearest {@code .env}, then
 * the defaults those files give. Each is bound and checked when first asked for.
 */
public final class OperatorSettings {

	private static final String CLI_DEFAULTS = "ingest-cli.yml";

	/**
	 * The setting behind each field of {@link PostgresAddress}, as ingest-cli.yml maps
	 * it.
	 */
	private static final Map<String, String> POSTGRES_SETTINGS = Map.of("host", "POSTGRES_HOST", "port",
			"POSTGRES_PORT", "database", "POSTGRES_DATABASE", "username", "POSTGRES_USERNAME", "password",
			"POSTGRES_PASSWORD", "sslMode", "POSTGRES_SSLMODE", "sslRootCert", "POSTGRES_SSLROOTCERT");

	private final ConfigurableEnvironment environment;

	private CliProperties cli;

	private OperatorSettings(ConfigurableEnvironment environment) {
		this.environment = environment;
	}

	/** Returns the settings of this process in this working directory. */
	public static OperatorSettings load() {
		return load(Map.of());
	}

	/**
	 * Returns the settings of this process in this working directory, with the given
	 * settings, by their environment names, in front of the environment.
	 */
	public static OperatorSettings load(Map<String, ?> settings) {
		ConfigurableEnvironment environment = SettingsBinder.environment(settings);
		SettingsBinder.addYaml(environment, CLI_DEFAULTS);
		return new OperatorSettings(environment);
	}

	/**
	 * Returns the producer's settings.
	 * @throws InvalidSettingException naming the setting that cannot be used
	 */
	public ProducerSettings producer() {
		return ProducerSettings.bind(this.environment);
	}

	/**
	 * Returns where PostgreSQL is, for the commands that go there; the others need no
	 * {@code POSTGRES_*} setting.
	 * @throws InvalidSettingException naming the setting that cannot be used
	 */
	public DatabaseSettings database() {
		PostgresAddress postgres = cli().postgres();
		for (Map.Entry<String, String> problem : postgres.problems().entrySet()) {
			String setting = POSTGRES_SETTINGS.get(problem.getKey());
			String value = this.environment.getProperty(setting);
			throw new InvalidSettingException(setting, (value != null && !value.isBlank()) ? value : null,
					problem.getValue());
		}
		return postgres.settings();
	}

	/**
	 * Returns the operator's own settings.
	 * @throws InvalidSettingException naming the setting that cannot be used
	 */
	public CliProperties cli() {
		if (this.cli == null) {
			this.cli = SettingsBinder.bind(this.environment, "ingest", CliProperties.class);
		}
		return this.cli;
	}

}
