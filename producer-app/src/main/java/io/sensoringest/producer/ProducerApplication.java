package io.sensoringest.producer;

import io.sensoringest.boot.AppStart;
import io.sensoringest.producer.settings.ProducerProperties;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The producer: {@code [--force] [file or folder ...]} publishes the input files and
 * exits; {@code --watch} keeps publishing the files that land in the input folder, and
 * serves health and metrics over HTTP ({@link WatchMode}). Spring Boot binds its settings
 * ({@link ProducerProperties}); a bad one stops it with one line and exit status 2
 * ({@link AppStart}). The operator's other commands live in {@code ingest-cli}.
 */
@SpringBootApplication
public class ProducerApplication {

	public static void main(String[] args) {
		if (!new AppStart("producer", ProducerApplication.class, PublishCommand.usage(), PublishCommand.OPTIONS, null)
			.prepare(args)) {
			return;
		}
		ConfigurableApplicationContext context = AppStart.run(new SpringApplication(ProducerApplication.class), args);
		if (context.isClosed()) {
			// watch mode ends only as SIGTERM or Ctrl-C closes the application: that
			// signal's exit ends the process, and an exit status asked of the closed
			// context now would print a stack trace
			return;
		}
		System.exit(SpringApplication.exit(context));
	}

}
