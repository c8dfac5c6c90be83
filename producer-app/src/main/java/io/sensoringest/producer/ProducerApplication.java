package io.sensoringest.producer;

import io.sensoringest.contract.HelpOptions;
import io.sensoringest.contract.ParentWatch;
import io.sensoringest.contract.Settings;
import io.sensoringest.producer.PublishCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The producer: {@code [--force] [file or folder ...]} publishes the input files and
 * exits; {@code --watch} keeps publishing the files that land in the input folder, and
 * serves health and metrics over HTTP ({@link WatchMode}). Spring Boot binds its settings
 * ({@link ProducerProperties}); a bad one stops it with one line and exit status 2
 * ({@link SettingFailureAnalyzer}). The operator's other commands live in
 * {@code ingest-cli}.
 */
@SpringBootApplication
public class ProducerApplication {

	/** Exit status for a bad setting or another fatal error. */
	public static final int FATAL = 2;

	public static void main(String[] args) {
		if (HelpOptions.answered("producer-app", ProducerApplication.class, PublishCommand.usage(), args, System.out)) {
			return;
		}
		String unknown = HelpOptions.unknownArgument(args, PublishCommand.OPTIONS, null);
		if (unknown != null) {
			System.err.println("producer: " + unknown);
			System.exit(FATAL);
		}
		Settings.importNearestDotEnv();
		ParentWatch.rememberParent();
		try {
			ConfigurableApplicationContext context = SpringApplication.run(ProducerApplication.class, args);
			if (context.isClosed()) {
				// watch mode ends only as SIGTERM or Ctrl-C closes the application: that
				// signal's exit ends the process, and an exit status asked of the closed
				// context now would print a stack trace
				return;
			}
			System.exit(SpringApplication.exit(context));
		}
		catch (RuntimeException ex) {
			System.exit(SettingFailureAnalyzer.explains(ex) ? FATAL : 1);
		}
	}

}
