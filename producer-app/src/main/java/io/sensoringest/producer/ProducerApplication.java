package io.sensoringest.producer;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sensoringest.contract.DatabaseSettings;
import io.sensoringest.contract.InvalidSettingException;
import io.sensoringest.contract.Settings;
import io.sensoringest.producer.bench.BenchSettings;
import io.sensoringest.producer.chaos.ChaosSettings;
import io.sensoringest.producer.generate.DemoDataGenerator;
import io.sensoringest.producer.pipeline.PipelineSettings;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The producer's command line: {@code publish [--force] [file or folder ...]} (the
 * default) publishes the input files; {@code run} runs the whole pipeline (behind
 * {@code make run}); {@code bench} measures it (behind {@code make bench}); {@code chaos}
 * runs it through faults (behind {@code make chaos}); {@code status} tells where every
 * file's rows are; {@code dlq-show} and {@code dlq-replay} list and replay the dead
 * letters; {@code generate} writes the demo data set. Settings are read and checked
 * before Spring starts, so that a bad one is reported in one line.
 */
@SpringBootApplication
public class ProducerApplication {

	private static final Set<String> COMMANDS = Set.of("publish", "run", "bench", "chaos", "status", "dlq-show",
			"dlq-replay");

	/** Exit status for a bad setting or another fatal error. */
	public static final int FATAL = 2;

	@Bean
	MeterRegistry meterRegistry() {
		return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
	}

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("generate")) {
			System.exit(DemoDataGenerator.run(Settings.load(), System.err));
		}
		boolean named = args.length > 0 && COMMANDS.contains(args[0]);
		String command = named ? args[0] : "publish";
		String[] commandArgs = named ? Arrays.copyOfRange(args, 1, args.length) : args;
		Map<String, Object> beans = new LinkedHashMap<>();
		try {
			Settings settings = Settings.load();
			beans.put("producerSettings", ProducerSettings.from(settings));
			if (command.equals("run") || command.equals("bench") || command.equals("chaos")) {
				beans.put("pipelineSettings", PipelineSettings.from(settings));
			}
			if (command.equals("status")) {
				beans.put("databaseSettings", DatabaseSettings.from(settings));
			}
			if (command.equals("chaos")) {
				beans.put("chaosSettings", ChaosSettings.from(settings));
			}
			if (command.equals("bench")) {
				beans.put("benchSettings", BenchSettings.from(settings));
			}
		}
		catch (InvalidSettingException ex) {
			System.err.println("producer: " + ex.getMessage());
			System.exit(FATAL);
			return;
		}
		SpringApplication application = new SpringApplication(ProducerApplication.class);
		application.setAdditionalProfiles(command);
		application.addInitializers((context) -> beans.forEach(context.getBeanFactory()::registerSingleton));
		System.exit(SpringApplication.exit(application.run(commandArgs)));
	}

}
