package io.sensoringest.consumer.system;

/**
 * A server that will not let the consumer in, or did not answer in time; the message says
 * which, where, and why, in one line.
 */
class ServerRefusedException extends RuntimeException {

	ServerRefusedException(String message) {
		super(message);
	}

}
