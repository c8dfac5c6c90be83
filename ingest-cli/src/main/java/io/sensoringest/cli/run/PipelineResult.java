package io.sensoringest.cli.run;

import java.util.List;

import io.sensoringest.producer.publish.RunResult;

/**
 * What one run of the whole pipeline did.
 *
 * @param published what the producer did
 * @param seconds from the start of publishing to the last row committed
 * @param rowsInTable rows in {@code records} afterwards (-1 if they could not be counted)
 * @param leftInQueue messages still in the work queue after the consumers stopped
 * @param deadLettered messages dead-lettered during the run
 * @param consumerStatuses each consumer's exit status
 * @param producerRssMib the producer's peak resident memory
 * @param consumerRssMib each consumer's peak resident memory
 * @param failure why the run could not be done, or {@code null}
 */
public record PipelineResult(RunResult published, double seconds, long rowsInTable, long leftInQueue, long deadLettered,
		List<Integer> consumerStatuses, long producerRssMib, List<Long> consumerRssMib, String failure) {

	static PipelineResult failed(String failure) {
		return new PipelineResult(null, 0, -1, 0, 0, List.of(), -1, List.of(), failure);
	}

	/** Whether everything valid that was published is stored and nothing went wrong. */
	public boolean complete() {
		return failure == null && published != null && published.fatal() == null && leftInQueue == 0
				&& deadLettered == 0 && consumerStatuses.stream().allMatch((status) -> status == 0);
	}

	/** Returns the rows confirmed per second of the run. */
	public double rowsPerSecond() {
		return published.rowsConfirmed() / Math.max(seconds, 1e-3);
	}

	/**
	 * Returns the one summary line; call only when the run could be done
	 * ({@code published} is there).
	 */
	public String summary() {
		return String.format(
				"run: %,d rows in valid input, %,d published, %,d rejected, %,d rows in records; %.1f s, %,.0f rows/s",
				published.rowsValid(), published.rowsConfirmed(), published.rowsRejected(), rowsInTable, seconds,
				rowsPerSecond());
	}

	/** Returns why the run is not complete, in one line. */
	public String problem() {
		if (failure != null) {
			return failure;
		}
		if (published.fatal() != null) {
			return "the producer stopped: " + published.fatal();
		}
		return "not everything was stored: " + count(leftInQueue) + " messages left in the queue, "
				+ count(deadLettered) + " dead-lettered, consumer exit statuses " + consumerStatuses;
	}

	private static String count(long messages) {
		return (messages >= 0) ? String.valueOf(messages) : "(RabbitMQ did not answer)";
	}

}
