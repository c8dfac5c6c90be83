package io.sensoringest.contract;

/**
 * The broker already has the queue or exchange with other properties than the settings
 * ask for, so it refused to declare it; nothing will change that but an operator.
 */
public class TopologyMismatchException extends RuntimeException {

	public TopologyMismatchException(String message, Throwable cause) {
		super(message, cause);
	}

}
