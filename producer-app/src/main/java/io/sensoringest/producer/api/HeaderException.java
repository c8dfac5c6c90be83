package io.sensoringest.producer.api;

/**
 * A file whose first line is not the expected header, or that cannot be read as CSV at
 * all; the whole file is skipped. The message completes "&lt;file&gt; ...".
 */
public class HeaderException extends RuntimeException {

	public HeaderException(String problem) {
		super(problem, null, false, false);
	}

}
