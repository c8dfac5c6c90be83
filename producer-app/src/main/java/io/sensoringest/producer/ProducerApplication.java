package io.sensoringest.producer;

import java.util.Arrays;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sensoringest.contract.InvalidSettingException;
import io.sensoringest.contract.Settings;
import io.sensoringest.producer.generate.DemoDataGenerator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The producer's command line: {@code publish [--force] [file or folder ...]} (the
 * default) publishes the input files; {@code generate} writes the demo data set. Settings
 * are read and checked before Spring starts, so that a bad one is reported in one line.
 */
@SpringBootApplication
public class ProducerApplication {

	/** Exit status for a bad setting or another fatal error. */
	public static final int FATAL = 2;

	@Bean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("generate")) {
			System.exit(DemoDataGenerator.run(Settings.load(), System.err));
		}
		String[] publishArgs = (args.length > 0 && args[0].equals("publish")) ? Arrays.copyOfRange(args, 1, args.length)
				: args;
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
		System.exit(SpringApplication.exit(application.run(publishArgs)));
	}

}
