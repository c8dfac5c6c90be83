package io.sensoringest.producer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.sensoringest.contract.SettingText;
import io.sensoringest.producer.settings.ProducerProperties;
import io.sensoringest.producer.settings.ProducerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.amqp.autoconfigure.ConnectionFactoryCustomizer;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.convert.converter.Converter;

/**
 * The producer's settings as Spring Boot binds them, and what they add to Boot's
 * connection factory for RabbitMQ.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProducerProperties.class)
public class ProducerConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(ProducerConfiguration.class);

	/** Watch mode's web server is up: says where, as the consumer does. */
	@EventListener
	void logPort(WebServerInitializedEvent event) {
		logger.info("health and metrics on port {}: /actuator/health, /actuator/prometheus",
				event.getWebServer().getPort());
	}

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
	 * Health in watch mode: down while the input folder cannot be read. Whether RabbitMQ
	 * answers is Spring Boot's own {@code rabbit} indicator.
	 */
	@Bean
	HealthIndicator inputFolder(ProducerSettings settings) {
		return () -> {
			Path folder = settings.targetDir();
			return (Files.isDirectory(folder) && Files.isReadable(folder))
					? Health.up().withDetail("folder", folder.toString()).build()
					: Health.down().withDetail("folder", folder + " is not a readable folder").build();
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
