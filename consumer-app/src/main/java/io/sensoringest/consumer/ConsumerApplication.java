package io.sensoringest.consumer;

import java.util.List;

import io.sensoringest.contract.HelpOptions;
import io.sensoringest.contract.ParentWatch;
import io.sensoringest.contract.Settings;
import io.sensoringest.consumer.system.StartupFailureAnalyzer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;

/**
 * The consumer service: applies the migrations, then polls and stores until SIGTERM, on
 * which it finishes the batch in hand and exits 0. {@code migrate} applies the migrations
 * and exits. A setting that cannot be used, or a server that refuses the consumer, stops
 * it with one line and exit status 2 ({@code StartupFailureAnalyzer}).
 */
@SpringBootApplication
public class ConsumerApplication {

	private static final Logger logger = LoggerFactory.getLogger(ConsumerApplication.class);

	/** Exit status for a bad setting, or a server that refuses the consumer. */
	public static final int FATAL = 2;

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
		if (HelpOptions.answered("consumer-app", ConsumerApplication.class, usage(), args, System.out)) {
			return;
		}
		String unknown = HelpOptions.unknownArgument(args, List.of(), List.of("migrate"));
		if (unknown != null) {
			System.err.println("consumer: " + unknown);
			System.exit(FATAL);
		}
		Settings.importNearestDotEnv();
		ParentWatch.rememberParent();
		boolean migrate = args.length > 0 && args[0].equals("migrate");
		if (!migrate) {
			Signal.handle(new Signal("TERM"), (signal) -> stop());
		}
		SpringApplication application = new SpringApplication(ConsumerApplication.class);
		if (migrate) {
			application.setAdditionalProfiles("migrate");
		}
		try {
			var context = application.run(args);
			if (migrate) {
				System.exit(SpringApplication.exit(context));
			}
		}
		catch (RuntimeException ex) {
			System.exit(StartupFailureAnalyzer.explains(ex) ? FATAL : 1);
		}
	}

	/**
	 * SIGTERM is the normal way to stop a consumer, even while it starts: exit 0. Once it
	 * has started, Spring's shutdown hook stops the poller, which stores and acks the
	 * batch in hand. Before that it holds nothing (at most a batch its poller took a
	 * moment ago, which comes back to the queue unacked, and the ledger makes that
	 * harmless), and waiting for servers that do not answer yet must not delay the exit.
	 */
	private static void stop() {
		if (started) {
			new Thread(() -> System.exit(0), "sigterm").start();
		}
		else {
			Runtime.getRuntime().halt(0);
		}
	}

}
