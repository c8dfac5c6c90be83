package io.sensoringest.producer.run;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The producer's meters: rows read, published, confirmed, rejected, chunks published
 * again, and the confirm latency.
 */
public final class ProducerMetrics {

	final Counter rowsRead;

	final Counter rowsPublished;

	final Counter rowsConfirmed;

	final Counter rowsRejected;

	final Counter chunksRepublished;

	final Timer confirmLatency;

	public ProducerMetrics(MeterRegistry registry) {
		this.rowsRead = registry.counter("sensor_ingest.producer.rows.read");
		this.rowsPublished = registry.counter("sensor_ingest.producer.rows.published");
		this.rowsConfirmed = registry.counter("sensor_ingest.producer.rows.confirmed");
		this.rowsRejected = registry.counter("sensor_ingest.producer.rows.rejected");
		this.chunksRepublished = registry.counter("sensor_ingest.producer.chunks.republished");
		this.confirmLatency = Timer.builder("sensor_ingest.producer.confirm.latency")
			.publishPercentileHistogram()
			.register(registry);
	}

	/** Returns the meters in one line, for the end of a run. */
	public String summary() {
		return String.format(
				"rows read %.0f, published %.0f, confirmed %.0f, rejected %.0f; chunks republished %.0f; "
						+ "confirm latency mean %.1f ms, max %.1f ms",
				this.rowsRead.count(), this.rowsPublished.count(), this.rowsConfirmed.count(),
				this.rowsRejected.count(), this.chunksRepublished.count(),
				this.confirmLatency.mean(TimeUnit.MILLISECONDS), this.confirmLatency.max(TimeUnit.MILLISECONDS));
	}

}
