package io.sensoringest.producer.publish;

/**
 * The broker refused the producer, or stayed out of reach for longer than
 * {@code PRODUCER_MAX_OUTAGE}; the message says which and where.
 */
class BrokerUnavailableException extends Exception {

	public BrokerUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
