package io.sensoringest.consumer.system;

import java.util.function.IntConsumer;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Ends the process with a status, after closing the context (which stops the poller
 * gracefully), from a thread of its own so that no caller waits on itself.
 */
final class ProcessExit implements IntConsumer {

	private final ConfigurableApplicationContext context;

	ProcessExit(ConfigurableApplicationContext context) {
		this.context = context;
	}

	@Override
	public void accept(int status) {
		Thread exit = new Thread(() -> System.exit(SpringApplication.exit(this.context, () -> status)), "exit");
		exit.start();
	}

}
