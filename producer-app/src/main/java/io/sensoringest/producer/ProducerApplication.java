package io.sensoringest.producer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sensoringest.producer.publish.PublishCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The producer: {@code [--force] [file or folder ...]} publishes the input files and
 * exits. Spring Boot binds its settings ({@link ProducerProperties}); a bad one stops it
 * with one line and exit status 2 ({@link SettingFailureAnalyzer}). The operator's other
 * commands live in {@code ingest-cli}.
 */
@SpringBootApplication
public class ProducerApplication {

	/** Exit status for a bad setting or another fatal error. */
	public static final int FATAL = 2;

	@Bean
	MeterRegistry meterRegistry() {
		return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
	}

	public static void main(String[] args) {
		if (PublishCommand.wantsHelp(args)) {
			System.out.println(PublishCommand.USAGE);
			return;
		}
		try {
			System.exit(SpringApplication.exit(SpringApplication.run(ProducerApplication.class, args)));
		}
		catch (RuntimeException ex) {
			System.exit(SettingFailureAnalyzer.explains(ex) ? FATAL : 1);
		}
	}

}
