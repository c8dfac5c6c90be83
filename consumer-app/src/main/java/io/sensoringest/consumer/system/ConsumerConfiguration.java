package io.sensoringest.consumer.system;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.sensoringest.consumer.ConsumerSettings;
import io.sensoringest.consumer.poll.BatchPoller;
import io.sensoringest.consumer.poll.ConsumerMetrics;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The consumer's parts: the connection pool (one connection per worker, plus room for
 * Flyway and the health check), the metrics, the poller and its health.
 */
@Configuration(proxyBeanMethods = false)
class ConsumerConfiguration {

	@Bean
	HikariDataSource dataSource(ConsumerSettings settings) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(settings.database().jdbcUrl());
		dataSource.setUsername(settings.database().username());
		dataSource.setPassword(settings.database().password());
		dataSource.setMaximumPoolSize(settings.concurrency() + 2);
		dataSource.setPoolName("sensor-ingest");
		// a worker asks again after its backoff; a long wait here would only delay that
		dataSource.setConnectionTimeout(5000);
		return dataSource;
	}

	@Bean
	@Profile("!migrate")
	BatchPoller batchPoller(ConsumerSettings settings, DataSource dataSource, MeterRegistry registry,
			ConfigurableApplicationContext context) {
		return new BatchPoller(settings, dataSource, new ConsumerMetrics(registry), new ProcessExit(context));
	}

	@Bean
	@Profile("!migrate")
	ParentWatch parentWatch(ConsumerSettings settings, ConfigurableApplicationContext context) {
		return new ParentWatch(settings.exitWithParent(), new ProcessExit(context));
	}

	@Bean
	@Profile("!migrate")
	HealthIndicator poller(BatchPoller poller) {
		return () -> poller.workersAlive() ? Health.up().build()
				: Health.down().withDetail("workers", "not all alive").build();
	}

}
