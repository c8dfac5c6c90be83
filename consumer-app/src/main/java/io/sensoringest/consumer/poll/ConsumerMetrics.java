package io.sensoringest.consumer.poll;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The consumer's meters, exported at {@code /actuator/prometheus} as
 * {@code sensor_ingest_consumer_*}.
 */
public final class ConsumerMetrics {

	final Counter rowsStored;

	final Counter batches;

	final DistributionSummary batchRows;

	final Timer batchLatency;

	final Timer transaction;

	final Timer ledgerClaim;

	final Counter emptyPolls;

	final Counter redeliveries;

	final Counter deadLettered;

	final Counter backoffs;

	final Counter messagesAlreadyStored;

	final Counter rowsAlreadyStored;

	public ConsumerMetrics(MeterRegistry registry) {
		this.rowsStored = Counter.builder("sensor_ingest.consumer.rows.stored")
			.description("Rows written to records (committed)")
			.register(registry);
		this.batches = Counter.builder("sensor_ingest.consumer.batches")
			.description("Batches committed and acknowledged")
			.register(registry);
		this.batchRows = DistributionSummary.builder("sensor_ingest.consumer.batch.rows")
			.description("Rows per committed batch")
			.publishPercentileHistogram()
			.register(registry);
		this.batchLatency = Timer.builder("sensor_ingest.consumer.batch.latency")
			.description("Time from the first poll of a batch to its acknowledgement")
			.publishPercentileHistogram()
			.register(registry);
		this.transaction = Timer.builder("sensor_ingest.consumer.transaction")
			.description("Time a batch's transaction takes: ledger, rows and commit")
			.register(registry);
		this.ledgerClaim = Timer.builder("sensor_ingest.consumer.ledger.claim")
			.description("Time spent recording a batch's messages in the ledger, part of its transaction")
			.register(registry);
		this.emptyPolls = Counter.builder("sensor_ingest.consumer.polls.empty")
			.description("Polls that found the queue empty")
			.register(registry);
		this.redeliveries = Counter.builder("sensor_ingest.consumer.redeliveries")
			.description("Messages received that the broker had delivered before")
			.register(registry);
		this.deadLettered = Counter.builder("sensor_ingest.consumer.dead.lettered")
			.description("Messages rejected to the dead-letter queue")
			.register(registry);
		this.messagesAlreadyStored = Counter.builder("sensor_ingest.consumer.messages.already.stored")
			.description("Messages acked without writing because the ledger holds them")
			.register(registry);
		this.rowsAlreadyStored = Counter.builder("sensor_ingest.consumer.rows.already.stored")
			.description("Rows of messages acked without writing because the ledger holds them")
			.register(registry);
		this.backoffs = Counter.builder("sensor_ingest.consumer.backoffs")
			.description("Pauses after a broker or database failure")
			.register(registry);
	}

}
