package io.sensoringest.producer.api;

/**
 * An input problem that stops the whole run before anything is published, with a message
 * fit to show as it is.
 */
public class InputException extends RuntimeException {

	public InputException(String message) {
		super(message);
	}

}
