package io.sensoringest.cli.run;

import java.util.ArrayList;
import java.util.List;

import io.sensoringest.producer.api.RunResult;

/**
 * What one run of the whole pipeline did. It is complete when the ledger holds every row
 * the broker confirmed, whatever a consumer went through on the way (a consumer killed
 * and started again is a WARN, not a failure); the summary line and {@link #problem} read
 * the same counts, so they cannot contradict each other.
 *
 * @param published what the producer did
 * @param seconds from the start of publishing to the last row committed
 * @param leftInQueue messages still in the work queue after the consumers stopped
 * @param deadLettered messages dead-lettered during the run
 * @param stored the confirmed rows and how many of them the ledger holds ({@code null} if
 * PostgreSQL could not be asked)
 * @param consumerStatuses the exit status of each consumer that ran until it was stopped
 * @param consumersGaveUp why a consumer was given up on, or {@code null}
 * @param stopped whether the run was asked to stop (SIGTERM, Ctrl-C) before its end
 * @param producerRssMib the producer's peak resident memory
 * @param consumerRssMib each consumer's peak resident memory
 * @param failure why the run could not be done, or {@code null}
 */
public record PipelineResult(RunResult published, double seconds, long leftInQueue, long deadLettered,
		StoredRows.Count stored, List<Integer> consumerStatuses, String consumersGaveUp, boolean stopped,
		long producerRssMib, List<Long> consumerRssMib, String failure) {

	static PipelineResult failed(String failure) {
		return new PipelineResult(null, 0, 0, 0, null, List.of(), null, false, -1, List.of(), failure);
	}

	/**
	 * Whether every row the producer had confirmed is stored, and the run went to its
	 * end.
	 */
	public boolean complete() {
		return failure == null && published != null && published.fatal() == null && stored != null && stored.all();
	}

	/** Returns the rows confirmed per second of the run. */
	public double rowsPerSecond() {
		return published.rowsConfirmed() / Math.max(seconds, 1e-3);
	}

	/**
	 * Returns the one summary line; call only when the run could be done
	 * ({@code published} is there). It counts the run's rows, not the table's: a count of
	 * {@code records} reads every row of it, seconds once it holds tens of millions
	 * ({@code make status} gives its size from PostgreSQL's statistics).
	 */
	public String summary() {
		return String.format(
				"run: %,d rows in valid input, %,d published, %s stored, %,d rejected; %.1f s, %,.0f rows/s",
				published.rowsValid(), published.rowsConfirmed(),
				(stored != null) ? String.format("%,d", stored.stored()) : "(PostgreSQL did not answer)",
				published.rowsRejected(), seconds, rowsPerSecond());
	}

	/** Returns why the run is not complete, in one line. */
	public String problem() {
		if (failure != null) {
			return failure;
		}
		if (published.fatal() != null) {
			return "the producer stopped: " + published.fatal();
		}
		if (stored == null) {
			return "whether every row is stored is not known: PostgreSQL did not answer";
		}
		List<String> where = new ArrayList<>();
		where.add(count(leftInQueue) + " messages left in the queue");
		where.add(count(deadLettered) + " dead-lettered (make dlq-show)");
		if (consumersGaveUp != null) {
			where.add("a consumer was given up on (see above)");
		}
		return String.format("not every row is stored: %,d of %,d published rows are missing: %s",
				stored.confirmed() - stored.stored(), stored.confirmed(), String.join(", ", where));
	}

	/** Whether every consumer that ran at the end stopped cleanly when asked. */
	public boolean stoppedCleanly() {
		return consumerStatuses.stream().allMatch((status) -> status == 0);
	}

	private static String count(long messages) {
		return (messages >= 0) ? String.valueOf(messages) : "(RabbitMQ did not answer)";
	}

}
