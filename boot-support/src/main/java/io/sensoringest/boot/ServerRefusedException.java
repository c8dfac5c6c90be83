package io.sensoringest.boot;

/**
 * A server that will not let an app in, or did not answer in time; the message says
 * which, where, and why, in one line. It stops the app at start-up with exit status
 * {@value AppStart#FATAL} ({@link StartupFailureAnalyzer}).
 */
public class ServerRefusedException extends RuntimeException {

	public ServerRefusedException(String message) {
		super(message);
	}

}
