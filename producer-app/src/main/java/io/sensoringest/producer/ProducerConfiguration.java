package io.sensoringest.producer;

import java.time.Duration;

import io.sensoringest.contract.DatabaseSettings;
import io.sensoringest.contract.SettingText;

import org.springframework.boot.amqp.autoconfigure.ConnectionFactoryCustomizer;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;

/**
 * The producer's settings as Spring Boot binds them, and what they add to Boot's
 * connection factory for RabbitMQ.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProducerProperties.class)
public class ProducerConfiguration {

	/** Durations as the project writes them: bare seconds, {@code off}, {@code 250ms}. */
	@Bean
	@ConfigurationPropertiesBinding
	static Converter<String, Duration> durationSetting() {
		return SettingText::duration;
	}

	@Bean
	ProducerSettings producerSettings(ProducerProperties properties, RabbitProperties rabbit) {
		return properties.settings(rabbit);
	}

	/**
	 * The ledger's database for Spring Boot's DataSource, from {@code POSTGRES_*}: only
	 * watch mode with a done policy other than {@code keep} asks it for a connection.
	 */
	@Bean
	JdbcConnectionDetails ledgerConnectionDetails(ProducerProperties properties) {
		DatabaseSettings database = properties.ledger();
		return new JdbcConnectionDetails() {

			@Override
			public String getJdbcUrl() {
				return database.jdbcUrl();
			}

			@Override
			public String getUsername() {
				return database.username();
			}

			@Override
			public String getPassword() {
				return database.password();
			}

		};
	}

	/**
	 * TLS with the trust store of {@code RABBITMQ_SSL_TRUSTSTORE}, quiet driver errors.
	 */
	@Bean
	ConnectionFactoryCustomizer brokerFactorySettings(ProducerSettings settings) {
		return (factory) -> settings.broker().configure(factory);
	}

}
