package io.sensoringest.boot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * What SIGTERM and Ctrl-C do to every JVM of the project: call the app's own stop instead
 * of ending the JVM at once, so that it finishes what it holds (the chunks in flight, the
 * batch in hand) and exits with its own status. {@code sun.misc.Signal} is the JDK's only
 * way to replace the default action; a shutdown hook runs too late to choose the exit
 * status.
 */
public final class StopSignals {

	private static final Logger logger = LoggerFactory.getLogger(StopSignals.class);

	private StopSignals() {
	}

	/** Makes SIGTERM and SIGINT (Ctrl-C) log which came and call {@code stop}. */
	public static void onStop(Runnable stop) {
		for (String signal : new String[] { "TERM", "INT" }) {
			Signal.handle(new Signal(signal), (received) -> {
				logger.info("SIG{}: stopping", signal);
				stop.run();
			});
		}
	}

	/**
	 * Makes SIGTERM and Ctrl-C end the JVM with exit status 0 once its shutdown hooks
	 * have run (Spring's among them, which closes the application): for an app whose
	 * beans finish their work as they close.
	 */
	public static void exitZeroOnStop() {
		onStop(StopSignals::exitZero);
	}

	/**
	 * Exits with status 0 from a thread of its own, so that a signal handler or a bean
	 * that calls it is not waited for by the shutdown hooks it starts.
	 */
	public static void exitZero() {
		new Thread(() -> System.exit(0), "stop").start();
	}

}
