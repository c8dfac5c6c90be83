package io.sensoringest.producer.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer's meters: rows read, published, confirmed, rejected, chunks published
 * again, the confirm latency, and in watch mode files published, done and in error, with
 * the watcher's gauges.
 */
public final class ProducerMetrics {

	private static final Logger logger = LoggerFactory.getLogger(ProducerMetrics.class);

	final Counter rowsRead;

	final Counter rowsPublished;

	final Counter rowsConfirmed;

	final Counter rowsRejected;

	final Counter chunksRepublished;

	final Timer confirmLatency;

	private final Counter filesPublished;

	private final Counter filesDone;

	private final Counter filesInError;

	/**
	 * The file, in the state folder, that holds the meters in Prometheus' text format.
	 */
	public static final String TEXTFILE = "producer.prom";

	private final MeterRegistry registry;

	public ProducerMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.rowsRead = registry.counter("sensor_ingest.producer.rows.read");
		this.rowsPublished = registry.counter("sensor_ingest.producer.rows.published");
		this.rowsConfirmed = registry.counter("sensor_ingest.producer.rows.confirmed");
		this.rowsRejected = registry.counter("sensor_ingest.producer.rows.rejected");
		this.chunksRepublished = registry.counter("sensor_ingest.producer.chunks.republished");
		this.confirmLatency = Timer.builder("sensor_ingest.producer.confirm.latency")
			.publishPercentileHistogram()
			.register(registry);
		this.filesPublished = registry.counter("sensor_ingest.producer.files.published");
		this.filesDone = registry.counter("sensor_ingest.producer.files.done");
		this.filesInError = registry.counter("sensor_ingest.producer.files.error");
	}

	/** Counts files whose every valid row the broker confirmed. */
	public void filesPublished(int count) {
		this.filesPublished.increment(count);
	}

	/** Counts a file that left the input folder with every row stored. */
	public void fileDone() {
		this.filesDone.increment();
	}

	/** Returns how many files left the input folder with every row stored. */
	public long filesDoneCount() {
		return (long) this.filesDone.count();
	}

	/** Counts a file that went to the error folder. */
	public void fileInError() {
		this.filesInError.increment();
	}

	/**
	 * Registers a gauge of the watcher's, under {@code sensor_ingest.producer.<name>}.
	 */
	public void gauge(String name, Supplier<Number> value) {
		Gauge.builder("sensor_ingest.producer." + name, value).register(this.registry);
	}

	/**
	 * Writes the meters in Prometheus' text format to {@value #TEXTFILE} in a folder,
	 * replacing the file in one step, so that node_exporter's textfile collector can
	 * scrape a long run. Does nothing unless the registry is a Prometheus one.
	 */
	public void writeTextfile(Path dir) {
		if (!(this.registry instanceof PrometheusMeterRegistry prometheus)) {
			return;
		}
		try {
			Path part = dir.resolve(TEXTFILE + ".part");
			Files.writeString(part, prometheus.scrape());
			Files.move(part, dir.resolve(TEXTFILE), StandardCopyOption.ATOMIC_MOVE,
					StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			logger.debug("cannot write the meters to {}", dir, ex);
		}
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
