package io.sensoringest.producer.input;

/**
 * A row that breaks a rule; the message says which, fit to show beside file and line.
 */
class RowException extends RuntimeException {

	public RowException(String reason) {
		super(reason, null, false, false);
	}

}
