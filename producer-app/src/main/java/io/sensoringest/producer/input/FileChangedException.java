package io.sensoringest.producer.input;

import java.io.IOException;

/**
 * A file that grew, shrank or was rewritten while the producer read it: what was read is
 * published, but not as the whole file.
 */
public class FileChangedException extends IOException {

	public FileChangedException(String message) {
		super(message);
	}

}
