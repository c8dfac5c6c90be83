package io.sensoringest.contract;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a dead-lettered message says about why it was set aside. A consumer that gives up
 * on a message publishes a copy to the dead-letter exchange with the reason and the
 * number of deliveries in two headers of its own; a message the broker dead-letters (the
 * quorum queue's delivery limit) carries RabbitMQ's {@code x-death} header instead.
 * Replaying a message strips both, so that it goes back as the producer sent it.
 */
public final class DeadLetter {

	/** Header: why the consumer gave up on the message. */
	public static final String REASON = "x-ingest-error";

	/** Header: how many times the message was delivered before that. */
	public static final String DELIVERIES = "x-ingest-deliveries";

	/** Header a quorum queue adds: how many times the message was returned. */
	private static final String DELIVERY_COUNT = "x-delivery-count";

	/** Header RabbitMQ adds when it dead-letters a message itself. */
	private static final String DEATH = "x-death";

	private static final List<String> ADDED = List.of(REASON, DELIVERIES, DELIVERY_COUNT, DEATH,
			"x-first-death-exchange", "x-first-death-queue", "x-first-death-reason", "x-last-death-exchange",
			"x-last-death-queue", "x-last-death-reason");

	private DeadLetter() {
	}

	/**
	 * Returns the headers of the copy a consumer dead-letters.
	 * @param original the message's headers, possibly {@code null}
	 * @param reason why it is set aside
	 * @param redelivered whether the broker said the message was delivered before
	 */
	public static Map<String, Object> headers(Map<String, Object> original, String reason, boolean redelivered) {
		Map<String, Object> headers = withoutDeadLetterHeaders(original);
		headers.put(REASON, reason);
		headers.put(DELIVERIES, deliveries(original, redelivered));
		return headers;
	}

	/**
	 * Returns how often a message has been delivered, this delivery included: what a
	 * quorum queue counted, or on a classic queue 1 or 2 from the redelivered flag (a
	 * lower bound).
	 */
	static long deliveries(Map<String, Object> headers, boolean redelivered) {
		Object returned = (headers != null) ? headers.get(DELIVERY_COUNT) : null;
		if (returned instanceof Number count) {
			return count.longValue() + 1;
		}
		return redelivered ? 2 : 1;
	}

	/**
	 * Returns why a message in the dead-letter queue was set aside: the consumer's
	 * reason, or the broker's ({@code delivery_limit}, {@code rejected},
	 * {@code expired}).
	 */
	public static String reason(Map<String, Object> headers) {
		if (headers == null) {
			return "unknown";
		}
		Object reason = headers.get(REASON);
		if (reason != null) {
			return reason.toString();
		}
		if (headers.get(DEATH) instanceof List<?> deaths && !deaths.isEmpty()
				&& deaths.get(0) instanceof Map<?, ?> death && death.get("reason") != null) {
			return "RabbitMQ dead-lettered it: " + death.get("reason");
		}
		return "unknown";
	}

	/**
	 * Returns the deliveries recorded when the message was set aside, if anything
	 * recorded them.
	 */
	public static Optional<Long> recordedDeliveries(Map<String, Object> headers) {
		if (headers != null && headers.get(DELIVERIES) instanceof Number deliveries) {
			return Optional.of(deliveries.longValue());
		}
		return Optional.empty();
	}

	/** Returns the headers without anything dead-lettering added. */
	public static Map<String, Object> withoutDeadLetterHeaders(Map<String, Object> headers) {
		Map<String, Object> copy = (headers != null) ? new HashMap<>(headers) : new HashMap<>();
		ADDED.forEach(copy::remove);
		return copy;
	}

}
