package io.sensoringest.consumer;

import java.util.List;

import io.sensoringest.boot.AppStart;
import io.sensoringest.boot.StopSignals;
import io.sensoringest.contract.HelpOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.util.ClassUtils;

/**
 * The consumer service: applies the migrations, then polls and stores until SIGTERM, on
 * which it finishes the batch in hand and exits 0. {@code migrate} applies the migrations
 * and exits. A setting that cannot be used, or a server that refuses the consumer, stops
 * it with one line and exit status 2 ({@link AppStart}).
 */
@SpringBootApplication
public class ConsumerApplication {

	private static final Logger logger = LoggerFactory.getLogger(ConsumerApplication.class);

	private static volatile boolean started;

	@EventListener
	void logPort(WebServerInitializedEvent event) {
		logger.info("metrics and health on port {}: /actuator/prometheus, /actuator/health",
				event.getWebServer().getPort());
	}

	@EventListener
	void started(ContextRefreshedEvent event) {
		started = true;
	}

	/**
	 * What {@code --help} prints: what the consumer does, its one argument, and the
	 * settings that matter most as they are now.
	 */
	static String usage() {
		return """
				Usage: java -jar consumer-app.jar [migrate]
				Applies the Flyway migrations to POSTGRES_DATABASE (unless CONSUMER_APPLY_MIGRATIONS=false),
				then takes batches of messages from the queue RABBITMQ_QUEUE_NAME with basicGet and stores
				their rows in the table records, each batch with its ledger entries in one transaction,
				until SIGTERM or Ctrl-C, on which it stores and acks the batch in hand and exits 0. A bad
				setting, or a server that refuses it, stops it with one line and exit status 2.
				      migrate    apply the migrations and exit (default: keep consuming)
				  -h, --help     show this help and exit
				  -V, --version  print the version and exit
				%sExamples:
				  java -jar consumer-app.jar                  consume until Ctrl-C
				  java -jar consumer-app.jar migrate          bring the schema up to date, then exit
				  CONSUMER_CONCURRENCY=2 java -jar consumer-app.jar
				""".formatted(HelpOptions.settingsNow("POSTGRES_HOST", "POSTGRES_PORT", "POSTGRES_DATABASE",
				"POSTGRES_USERNAME", "RABBITMQ_HOST", "RABBITMQ_PORT", "RABBITMQ_ADDRESSES", "RABBITMQ_QUEUE_NAME",
				"CONSUMER_CONCURRENCY", "POSTGRES_BATCH_UPSERT_SIZE", "CONSUMER_HTTP_PORT"));
	}

	public static void main(String[] args) {
		if (!new AppStart("consumer", ConsumerApplication.class, usage(), List.of(), List.of("migrate"))
			.prepare(args)) {
			return;
		}
		boolean migrate = args.length > 0 && args[0].equals("migrate");
		if (!migrate) {
			StopSignals.onStop(ConsumerApplication::stop);
			useAotCode();
		}
		SpringApplication application = new SpringApplication(ConsumerApplication.class);
		if (migrate) {
			application.setAdditionalProfiles("migrate");
		}
		var context = AppStart.run(application, args);
		if (migrate) {
			System.exit(SpringApplication.exit(context));
		}
	}

	/**
	 * Runs the consumer on the bean definitions that Spring AOT wrote at build time
	 * ({@code process-aot} in the pom), where the jar holds them: they spare each
	 * consumer the reflection and the condition checks of its start. Only to consume:
	 * {@code migrate} runs a context of another kind (no web server), which the build did
	 * not write. Conditions are therefore evaluated at build time, on the defaults; the
	 * one setting that switched an auto-configuration ({@code CONSUMER_APPLY_MIGRATIONS},
	 * Flyway's) is read at run time instead ({@code MigrationRetry}). A consumer that
	 * must evaluate them at run time, for a Spring property of its own, starts with
	 * {@code -Dspring.aot.enabled=false}.
	 */
	private static void useAotCode() {
		// not while the build writes that code anew (spring.aot.processing), nor where
		// -Dspring.aot.enabled=false in CONSUMER_JAVA_OPTS asks for the ordinary start
		if (System.getProperty("spring.aot.enabled") == null && !Boolean.getBoolean("spring.aot.processing")
				&& ClassUtils.isPresent(ConsumerApplication.class.getName() + "__ApplicationContextInitializer",
						null)) {
			System.setProperty("spring.aot.enabled", "true");
		}
	}

	/**
	 * SIGTERM (or Ctrl-C) is the normal way to stop a consumer, even while it starts:
	 * exit 0. Once it has started, Spring's shutdown hook stops the poller, which stores
	 * and acks the batch in hand. Before that it holds nothing (at most a batch its
	 * poller took a moment ago, which comes back to the queue unacked, and the ledger
	 * makes that harmless), and waiting for servers that do not answer yet must not delay
	 * the exit.
	 */
	private static void stop() {
		if (started) {
			StopSignals.exitZero();
		}
		else {
			Runtime.getRuntime().halt(0);
		}
	}

}
