package io.sensoringest.contract;

/**
 * A message body that is not in the wire format; it names the first row at fault.
 */
public class MalformedBodyException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param row the 1-based row within the body
	 * @param problem what is wrong with it
	 */
	public MalformedBodyException(int row, String problem) {
		super("row " + row + " of the body " + problem);
	}

}
