package io.sensoringest.consumer;

import java.util.Map;

import io.sensoringest.contract.InvalidSettingException;
import io.sensoringest.contract.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;

/**
 * The consumer service: applies the migrations, then polls and stores until SIGTERM, on
 * which it finishes the batch in hand and exits 0. {@code migrate} applies the migrations
 * and exits. Settings are read and checked before Spring starts, so that a bad one is
 * reported in one line.
 */
@SpringBootApplication
public class ConsumerApplication {

	private static final Logger logger = LoggerFactory.getLogger(ConsumerApplication.class);

	/** Exit status for a bad setting. */
	public static final int BAD_SETTING = 2;

	@EventListener
	void logPort(WebServerInitializedEvent event) {
		logger.info("metrics and health on port {}: /actuator/prometheus, /actuator/health",
				event.getWebServer().getPort());
	}

	public static void main(String[] args) {
		boolean migrate = args.length > 0 && args[0].equals("migrate");
		ConsumerSettings settings;
		try {
			settings = ConsumerSettings.from(Settings.load());
		}
		catch (InvalidSettingException ex) {
			System.err.println("consumer: " + ex.getMessage());
			System.exit(BAD_SETTING);
			return;
		}
		SpringApplication application = new SpringApplication(ConsumerApplication.class);
		application.setDefaultProperties(springProperties(settings));
		application
			.addInitializers((context) -> context.getBeanFactory().registerSingleton("consumerSettings", settings));
		if (migrate) {
			application.setWebApplicationType(WebApplicationType.NONE);
			application.setAdditionalProfiles("migrate");
			System.exit(SpringApplication.exit(application.run(args)));
		}
		// SIGTERM is the normal way to stop a consumer, even while it starts: exit 0,
		// after
		// Spring's shutdown hook has stopped the poller, which stores and acks the batch
		// in hand.
		Signal.handle(new Signal("TERM"), (signal) -> new Thread(() -> System.exit(0), "sigterm").start());
		application.run(args);
	}

	private static Map<String, Object> springProperties(ConsumerSettings settings) {
		return Map.of("server.port", settings.httpPort(), "spring.rabbitmq.host", settings.broker().host(),
				"spring.rabbitmq.port", settings.broker().port(), "spring.rabbitmq.username",
				settings.broker().username(), "spring.rabbitmq.password", settings.broker().password(),
				"server.shutdown", "immediate");
	}

}
