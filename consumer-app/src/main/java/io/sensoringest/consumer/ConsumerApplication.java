package io.sensoringest.consumer;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.sensoringest.consumer.system.ParentWatch;
import io.sensoringest.consumer.system.StartupCheck;
import io.sensoringest.contract.BrokerSettings;
import io.sensoringest.contract.InvalidSettingException;
import io.sensoringest.contract.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.boot.web.server.context.WebServerPortFileWriter;
import org.springframework.context.event.EventListener;

/**
 * The consumer service: applies the migrations, then polls and stores until SIGTERM, on
 * which it finishes the batch in hand and exits 0. {@code migrate} applies the migrations
 * and exits. Settings are read and checked, and the servers asked whether they let the
 * consumer in, before Spring starts, so that a bad setting or a refusal is reported in
 * one line.
 */
@SpringBootApplication
public class ConsumerApplication {

	private static final Logger logger = LoggerFactory.getLogger(ConsumerApplication.class);

	/** Exit status for a bad setting, or a server that refuses the consumer. */
	public static final int FATAL = 2;

	@EventListener
	void logPort(WebServerInitializedEvent event) {
		logger.info("metrics and health on port {}: /actuator/prometheus, /actuator/health",
				event.getWebServer().getPort());
	}

	public static void main(String[] args) {
		ParentWatch.rememberParent();
		boolean migrate = args.length > 0 && args[0].equals("migrate");
		ConsumerSettings settings;
		try {
			settings = ConsumerSettings.from(Settings.load());
		}
		catch (InvalidSettingException ex) {
			System.err.println("consumer: " + ex.getMessage());
			System.exit(FATAL);
			return;
		}
		if (!migrate) {
			// SIGTERM is the normal way to stop a consumer, even while it starts: exit 0,
			// after Spring's shutdown hook has stopped the poller, which stores and acks
			// the batch in hand.
			Signal.handle(new Signal("TERM"), (signal) -> new Thread(() -> System.exit(0), "sigterm").start());
		}
		Optional<String> refused;
		try {
			refused = StartupCheck.run(settings, migrate);
		}
		catch (InvalidSettingException ex) {
			refused = Optional.of(ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		if (refused.isPresent()) {
			System.err.println("consumer: " + refused.get());
			System.exit(FATAL);
			return;
		}
		SpringApplication application = new SpringApplication(ConsumerApplication.class);
		application.setDefaultProperties(springProperties(settings, migrate));
		if (settings.portFile() != null) {
			// how a command that starts consumers learns the port, instead of from the
			// log
			application.addListeners(new WebServerPortFileWriter(settings.portFile().toFile()));
		}
		application
			.addInitializers((context) -> context.getBeanFactory().registerSingleton("consumerSettings", settings));
		if (migrate) {
			application.setWebApplicationType(WebApplicationType.NONE);
			application.setAdditionalProfiles("migrate");
			System.exit(SpringApplication.exit(application.run(args)));
		}
		application.run(args);
	}

	private static Map<String, Object> springProperties(ConsumerSettings settings, boolean migrate) {
		BrokerSettings broker = settings.broker();
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.port", settings.httpPort());
		properties.put("server.shutdown", "immediate");
		properties.put("spring.flyway.enabled", migrate || settings.applyMigrations());
		// Spring's own connection serves the health check only
		properties.put("spring.rabbitmq.host", broker.host());
		properties.put("spring.rabbitmq.port", broker.port());
		properties.put("spring.rabbitmq.username", broker.username());
		properties.put("spring.rabbitmq.password", broker.password());
		properties.put("spring.rabbitmq.ssl.enabled", broker.ssl());
		if (broker.trustStore() != null) {
			properties.put("spring.rabbitmq.ssl.trust-store", "file:" + broker.trustStore());
			properties.put("spring.rabbitmq.ssl.trust-store-type",
					broker.trustStore().endsWith(".jks") ? "JKS" : "PKCS12");
			if (broker.trustStorePassword() != null) {
				properties.put("spring.rabbitmq.ssl.trust-store-password", broker.trustStorePassword());
			}
		}
		return properties;
	}

}
