package io.sensoringest.consumer.system;

import java.time.Duration;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.sensoringest.consumer.poll.BatchPoller;
import io.sensoringest.consumer.poll.ConsumerMetrics;
import io.sensoringest.consumer.poll.Servers;
import io.sensoringest.consumer.settings.ConsumerProperties;
import io.sensoringest.contract.BrokerSettings;
import io.sensoringest.contract.DatabaseSettings;
import io.sensoringest.contract.ParentWatch;
import io.sensoringest.contract.SettingText;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.boot.amqp.autoconfigure.ConnectionFactoryCustomizer;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.boot.web.server.context.WebServerPortFileWriter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.Environment;

/**
 * The consumer's parts. Spring Boot makes the connection pool and the broker's connection
 * factory; this adds where they point, the check that the servers let the consumer in
 * (before the pool or Flyway is used), the poller, and its health.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsumerProperties.class)
class ConsumerConfiguration {

	/** Durations as the project writes them: bare seconds, {@code off}, {@code 250ms}. */
	@Bean
	@ConfigurationPropertiesBinding
	static Converter<String, Duration> durationSetting() {
		return SettingText::duration;
	}

	/** Nothing touches the database before {@link StartupCheck} let the consumer in. */
	@Bean
	static AbstractDependsOnBeanFactoryPostProcessor dataSourceAfterStartupCheck() {
		return new AbstractDependsOnBeanFactoryPostProcessor(DataSource.class, StartupCheck.class) {
		};
	}

	@Bean
	DatabaseSettings databaseSettings(ConsumerProperties properties) {
		return properties.database();
	}

	@Bean
	JdbcConnectionDetails jdbcConnectionDetails(DatabaseSettings database) {
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

	@Bean
	BrokerSettings brokerSettings(RabbitProperties rabbit, ConsumerProperties properties) {
		return properties.broker(rabbit);
	}

	/**
	 * TLS with the trust store of {@code RABBITMQ_SSL_TRUSTSTORE}, quiet driver errors,
	 * and no wait for one poll's answer longer than {@code RABBITMQ_POLLING_TIMEOUT}.
	 */
	@Bean
	ConnectionFactoryCustomizer brokerFactorySettings(BrokerSettings broker, ConsumerProperties properties) {
		return (factory) -> {
			broker.configure(factory);
			factory.setChannelRpcTimeout((int) properties.pollingTimeout().toMillis());
		};
	}

	@Bean
	MigrationRetry migrationRetry(ConsumerProperties properties, Environment environment) {
		return new MigrationRetry(properties.startupTimeout(),
				!trainingRun(environment) && (properties.applyMigrations() || environment.matchesProfiles("migrate")));
	}

	@Bean
	StartupCheck startupCheck(ConsumerProperties properties, DatabaseSettings database, BrokerSettings broker,
			CachingConnectionFactory connectionFactory, Environment environment) {
		return new StartupCheck(properties, database, broker.nodes(connectionFactory.getRabbitConnectionFactory()),
				environment.matchesProfiles("migrate"), trainingRun(environment));
	}

	/**
	 * Whether this start is the training run that makes the image's AOT cache: Spring's
	 * {@code -Dspring.context.exit=onRefresh}, which builds the context and exits before
	 * the poller starts. It checks no server and applies no migration: the image build
	 * has none.
	 */
	static boolean trainingRun(Environment environment) {
		return "onRefresh".equals(environment.getProperty("spring.context.exit"));
	}

	@EventListener
	void writePortFile(WebServerInitializedEvent event) {
		ConsumerProperties properties = event.getApplicationContext().getBean(ConsumerProperties.class);
		if (properties.portFilePath() != null) {
			// how a command that starts consumers learns the port, instead of from the
			// log
			new WebServerPortFileWriter(properties.portFilePath().toFile()).onApplicationEvent(event);
		}
	}

	@Bean
	@Profile("!migrate")
	BatchPoller batchPoller(ConsumerProperties properties, DatabaseSettings database, BrokerSettings broker,
			CachingConnectionFactory connectionFactory, DataSource dataSource, MeterRegistry registry,
			ConfigurableApplicationContext context) {
		Servers servers = new Servers(broker.nodes(connectionFactory.getRabbitConnectionFactory()), database,
				dataSource);
		return new BatchPoller(properties, servers, new ConsumerMetrics(registry), new ProcessExit(context));
	}

	@Bean(initMethod = "start", destroyMethod = "stop")
	@Profile("!migrate")
	ParentWatch parentWatch(ConsumerProperties properties, ConfigurableApplicationContext context) {
		return new ParentWatch(properties.exitWithParent(), "CONSUMER_EXIT_WITH_PARENT",
				() -> new ProcessExit(context).accept(0));
	}

	@Bean
	@Profile("!migrate")
	HealthIndicator poller(BatchPoller poller) {
		return () -> poller.workersAlive() ? Health.up().build()
				: Health.down().withDetail("workers", "not all alive").build();
	}

}
