package io.sensoringest.producer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sensoringest.contract.InvalidSettingException;
import io.sensoringest.contract.Settings;
import io.sensoringest.producer.publish.PublishCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The producer: {@code [--force] [file or folder ...]} publishes the input files and
 * exits. Settings are read and checked before Spring starts, so that a bad one is
 * reported in one line. The operator's other commands live in {@code ingest-cli}.
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
		ProducerSettings settings;
		try {
			settings = ProducerSettings.from(Settings.load());
		}
		catch (InvalidSettingException ex) {
			System.err.println("producer: " + ex.getMessage());
			System.exit(FATAL);
			return;
		}
		SpringApplication application = new SpringApplication(ProducerApplication.class);
		application
			.addInitializers((context) -> context.getBeanFactory().registerSingleton("producerSettings", settings));
		System.exit(SpringApplication.exit(application.run(args)));
	}

}
