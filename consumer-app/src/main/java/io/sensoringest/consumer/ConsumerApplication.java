package io.sensoringest.consumer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The consumer service. {@code migrate} applies the Flyway migrations and exits.
 */
@SpringBootApplication
public class ConsumerApplication {

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("migrate")) {
			SpringApplication application = new SpringApplication(ConsumerApplication.class);
			application.setWebApplicationType(WebApplicationType.NONE);
			ConfigurableApplicationContext context = application.run(args);
			System.exit(SpringApplication.exit(context));
		}
		System.err.println("usage: consumer-app migrate");
		System.exit(2);
	}

}
