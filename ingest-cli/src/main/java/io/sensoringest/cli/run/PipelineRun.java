package io.sensoringest.cli.run;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.sensoringest.producer.ProducerSettings;
import io.sensoringest.producer.input.InputFile;
import io.sensoringest.cli.status.QueueDepth;
import io.sensoringest.producer.publish.ProducerMetrics;
import io.sensoringest.producer.publish.PublishRun;
import io.sensoringest.producer.publish.RunResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline on this machine: migrations, {@code CONSUMER_REPLICAS} consumer
 * processes, the producer in this process, and the wait for the last row. The clock runs
 * from the start of publishing, once every consumer polls, to the moment the queue is
 * empty and the consumers' meters count every confirmed row as committed.
 */
public final class PipelineRun {

	private static final Logger logger = LoggerFactory.getLogger(PipelineRun.class);

	private static final long POLL_MILLIS = 100;

	private static final long STALL_MILLIS = 120_000;

	private final ProducerSettings settings;

	private final PipelineSettings pipeline;

	private final Path consumerJar;

	private final Map<String, String> consumerEnvironment;

	private final ProducerMetrics metrics;

	/**
	 * Prepares a run.
	 * @param consumerEnvironment settings for the consumers beyond those of this process
	 */
	public PipelineRun(ProducerSettings settings, PipelineSettings pipeline, Path consumerJar,
			Map<String, String> consumerEnvironment, ProducerMetrics metrics) {
		this.settings = settings;
		this.pipeline = pipeline;
		this.consumerJar = consumerJar;
		this.consumerEnvironment = consumerEnvironment;
		this.metrics = metrics;
	}

	/** Applies the migrations with the consumer's jar; returns whether they succeeded. */
	public boolean migrate() throws IOException, InterruptedException {
		return ConsumerProcesses.runToEnd(this.consumerJar, this.pipeline.consumerJavaOptions(), "migrate") == 0;
	}

	/** Applies the migrations, then runs the pipeline over the files. */
	public PipelineResult run(List<InputFile> files, boolean force) throws IOException, InterruptedException {
		if (!migrate()) {
			return PipelineResult.failed("the migrations failed; see above");
		}
		return runMigrated(files, force);
	}

	/** Runs the pipeline over the files on a database already migrated. */
	public PipelineResult runMigrated(List<InputFile> files, boolean force) throws IOException, InterruptedException {
		try (QueueDepth depth = new QueueDepth(this.settings.broker().connectionFactory(), this.settings.topology(),
				"run")) {
			return runWith(depth, files, force);
		}
		catch (TimeoutException ex) {
			return PipelineResult.failed("RabbitMQ at " + this.settings.broker().describe() + ": " + ex.getMessage());
		}
	}

	private PipelineResult runWith(QueueDepth depth, List<InputFile> files, boolean force)
			throws IOException, InterruptedException {
		long deadBefore = depth.deadLettered();
		Path logDir = this.settings.stateDir().resolve("logs");
		ConsumerProcesses consumers = new ConsumerProcesses();
		for (int i = 0; i < this.pipeline.replicas(); i++) {
			consumers.start(this.consumerJar, this.pipeline.consumerJavaOptions(), this.consumerEnvironment, logDir);
		}
		logger.info("started {} consumers, logging to {}", this.pipeline.replicas(), logDir);
		if (!consumers.awaitPolling(120_000)) {
			consumers.stop(this.pipeline.consumerShutdownTimeout().toMillis());
			return PipelineResult.failed("the consumers did not start polling; see their logs in " + logDir);
		}
		long started = System.nanoTime();
		RunResult published = new PublishRun(this.settings, this.metrics, 5000).run(files, force);
		logger.info("producer: {}", published.summary());
		String stalled = awaitLastRow(consumers, depth, published);
		double seconds = (System.nanoTime() - started) / 1e9;
		List<Long> consumerRss = consumers.peakRssMib();
		List<Integer> statuses = consumers.stop(this.pipeline.consumerShutdownTimeout().toMillis() + 10_000);
		return new PipelineResult(published, seconds, countRecords(), depth.ready(), depth.deadLettered() - deadBefore,
				statuses, PeakRss.ofThisProcess(), consumerRss, stalled);
	}

	/**
	 * Waits until the queue is empty and the consumers' meters count every confirmed row
	 * as committed: the moment the last row was committed, give or take one poll.
	 * @return {@code null}, or why it stopped waiting: no progress for
	 * {@value #STALL_MILLIS} ms
	 */
	private String awaitLastRow(ConsumerProcesses consumers, QueueDepth depth, RunResult published)
			throws IOException, InterruptedException {
		long lastProgress = System.currentTimeMillis();
		long lastSeen = -1;
		while (published.fatal() == null && consumers.anyAlive()) {
			long ready = depth.ready();
			long stored = (ready > 0) ? -1 : consumers.rowsStored();
			if (ready == 0 && stored >= published.rowsConfirmed()) {
				return null;
			}
			long seen = ready * 1_000_000_007L + stored;
			if (seen != lastSeen) {
				lastSeen = seen;
				lastProgress = System.currentTimeMillis();
			}
			else if (System.currentTimeMillis() - lastProgress > STALL_MILLIS) {
				return "no progress for " + STALL_MILLIS / 1000 + " s: " + ready + " messages ready, consumers report "
						+ stored + " of " + published.rowsConfirmed() + " rows stored";
			}
			Thread.sleep(POLL_MILLIS);
		}
		return null;
	}

	private Connection connect() throws SQLException {
		return this.pipeline.database().connect();
	}

	/**
	 * Empties {@code records} and the ledger, for a measurement that starts from nothing.
	 */
	public void truncateRecords() throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			// the ledger goes too, or the next run's messages would count as stored
			// already
			statement.execute("TRUNCATE records, ingest_ledger");
		}
	}

	/** Returns the rows in {@code records}, or -1 if they cannot be counted. */
	public long countRecords() {
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet count = statement.executeQuery("SELECT count(*) FROM records")) {
			count.next();
			return count.getLong(1);
		}
		catch (SQLException ex) {
			logger.warn("cannot count the rows in records at {}: {}", this.pipeline.database().describe(),
					ex.getMessage());
			return -1;
		}
	}

}
