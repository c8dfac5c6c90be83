package io.sensoringest.cli.run;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import io.sensoringest.cli.status.QueueDepth;
import io.sensoringest.contract.Failures;
import io.sensoringest.producer.Producer;
import io.sensoringest.producer.api.InputFile;
import io.sensoringest.producer.api.RunResult;
import io.sensoringest.producer.settings.ProducerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline on this machine: migrations, {@code CONSUMER_REPLICAS} consumer
 * processes, the producer in this process, and the wait for the last row. The clock runs
 * to the moment the queue is empty and the ledger holds every confirmed row
 * ({@link StoredRows}), from the start of the consumers ({@link #run}) or, for a
 * measurement of the steady state, from the moment every one polls
 * ({@link #runMigrated}). A broker or database restart in any phase is waited out with
 * one WARN line.
 */
public final class PipelineRun {

	private static final Logger logger = LoggerFactory.getLogger(PipelineRun.class);

	private static final long POLL_MILLIS = 100;

	private static final long STALL_MILLIS = 120_000;

	/** How long the counts at the end wait for a server that is restarting. */
	private static final long SETTLE_MILLIS = 60_000;

	private final ProducerSettings settings;

	private final PipelineSettings pipeline;

	private final Path consumerJar;

	private final Map<String, String> consumerEnvironment;

	private final Producer producer;

	private final Outage broker;

	private final Outage database;

	private volatile boolean stopAsked;

	/**
	 * Prepares a run.
	 * @param consumerEnvironment settings for the consumers beyond those of this process
	 */
	public PipelineRun(Producer producer, PipelineSettings pipeline, Path consumerJar,
			Map<String, String> consumerEnvironment) {
		this.producer = producer;
		this.settings = producer.settings();
		this.pipeline = pipeline;
		this.consumerJar = consumerJar;
		this.consumerEnvironment = consumerEnvironment;
		this.broker = new Outage("RabbitMQ at " + this.settings.broker().describe());
		this.database = new Outage("PostgreSQL at " + pipeline.database().describe());
	}

	/**
	 * Asks the run to stop soon, as SIGTERM does: the producer reads no new chunk and
	 * waits for the confirms of those it sent, the wait for the last row ends, and the
	 * consumers stop with SIGTERM, each storing the batch in hand. What is not stored
	 * waits in the queue, and the files not finished resume from their checkpoints.
	 */
	public void stop() {
		this.stopAsked = true;
		this.producer.stop();
	}

	/** Applies the migrations with the consumer's jar; returns whether they succeeded. */
	public boolean migrate() throws IOException, InterruptedException {
		return ConsumerProcesses.runToEnd(this.consumerJar, this.pipeline.consumerJavaOptions(), "migrate") == 0;
	}

	/**
	 * Runs the pipeline over the files as a user feels it: the consumers start, and apply
	 * the migrations as they do (or, where they may not, a run of {@code migrate} does
	 * first), while the files are published at once; the queue holds the rows until the
	 * consumers poll.
	 */
	public PipelineResult run(List<InputFile> files, boolean force) throws IOException, InterruptedException {
		if (!this.pipeline.consumersMigrate() && !migrate()) {
			return PipelineResult.failed("the migrations failed; see above");
		}
		return runWith(files, force, false);
	}

	/**
	 * Runs the pipeline over the files on a database already migrated, as a measurement
	 * of the steady state: the clock starts once every consumer polls.
	 */
	public PipelineResult runMigrated(List<InputFile> files, boolean force) throws IOException, InterruptedException {
		return runWith(files, force, true);
	}

	private PipelineResult runWith(List<InputFile> files, boolean force, boolean consumersFirst)
			throws IOException, InterruptedException {
		// the consumers first: their start-up is the longest part of a small run
		long started = System.nanoTime();
		Path logDir = this.settings.stateDir().resolve("logs");
		ConsumerProcesses consumers = new ConsumerProcesses(this.pipeline.consumerShutdownTimeout());
		for (int i = 0; i < this.pipeline.replicas(); i++) {
			consumers.start(this.consumerJar, this.pipeline.consumerJavaOptions(), this.consumerEnvironment, logDir);
		}
		logger.info("started {} consumers, logging to {}", this.pipeline.replicas(), logDir);
		consumers.supervise(() -> logger.warn("waiting no longer for the last rows: a consumer was given up on"));
		QueueDepth depth;
		try {
			depth = new QueueDepth(this.settings.broker().nodes(), this.settings.topology(), "run");
		}
		catch (IOException | TimeoutException ex) {
			consumers.stop();
			return PipelineResult
				.failed("RabbitMQ at " + this.settings.broker().describe() + ": " + Failures.rootMessage(ex));
		}
		try (depth; StoredRows stored = new StoredRows(this.pipeline.database(), this.settings.stateDir(), files)) {
			long deadBefore = depth.deadLettered();
			if (consumersFirst) {
				if (!consumers.awaitPolling(120_000)) {
					consumers.stop();
					return PipelineResult.failed("the consumers did not start polling; see their logs in " + logDir);
				}
				started = System.nanoTime();
			}
			return publishAndWait(consumers, depth, stored, files, force, started, deadBefore);
		}
	}

	private PipelineResult publishAndWait(ConsumerProcesses consumers, QueueDepth depth, StoredRows stored,
			List<InputFile> files, boolean force, long started, long deadBefore)
			throws IOException, InterruptedException {
		RunResult published = this.producer.publish(files, force);
		logger.info("producer: {}", published.summary());
		String stalled = awaitLastRow(consumers, depth, stored, published);
		double seconds = (System.nanoTime() - started) / 1e9;
		List<Long> consumerRss = consumers.peakRssMib();
		List<Integer> statuses = consumers.stop();
		long left = this.broker.await(depth::ready, SETTLE_MILLIS).orElse(-1L);
		long dead = this.broker.await(depth::deadLettered, SETTLE_MILLIS).map((d) -> d - deadBefore).orElse(-1L);
		StoredRows.Count count = this.database.await(stored::count, SETTLE_MILLIS).orElse(null);
		if (stalled != null) {
			logger.warn(stalled);
		}
		return new PipelineResult(published, seconds, left, dead, count, statuses, consumers.gaveUp(), this.stopAsked,
				PeakRss.ofThisProcess(), consumerRss, null);
	}

	/**
	 * Waits until the queue is empty and the ledger holds every row the broker confirmed
	 * ({@link StoredRows}): the moment the last row was committed, give or take one poll.
	 * A broker or database restart meanwhile is waited out.
	 * @return {@code null}, or why it stopped waiting: no progress for
	 * {@value #STALL_MILLIS} ms
	 */
	private String awaitLastRow(ConsumerProcesses consumers, QueueDepth depth, StoredRows stored, RunResult published)
			throws InterruptedException {
		long lastProgress = System.currentTimeMillis();
		String lastSeen = "";
		while (published.fatal() == null && consumers.gaveUp() == null && !this.stopAsked) {
			Optional<Long> ready = this.broker.read(depth::ready);
			Optional<StoredRows.Count> count = this.database.read(stored::count);
			if (ready.isPresent() && ready.get() == 0 && count.isPresent() && count.get().all()) {
				return null;
			}
			String seen = ready + " " + count;
			if (!seen.equals(lastSeen)) {
				lastSeen = seen;
				lastProgress = System.currentTimeMillis();
			}
			else if (System.currentTimeMillis() - lastProgress > STALL_MILLIS) {
				List<String> behind = stored.behind(5);
				return "no progress for " + STALL_MILLIS / 1000 + " s: " + ready.map(String::valueOf).orElse("?")
						+ " messages ready, the ledger holds "
						+ count.map((c) -> c.stored() + " of " + c.confirmed()).orElse("?") + " confirmed rows"
						+ (behind.isEmpty() ? "" : "; behind: " + String.join("; ", behind));
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

	/**
	 * Returns the rows in {@code records}, waiting out a database restart; -1 if they
	 * cannot be counted.
	 */
	public long countRecords() throws InterruptedException {
		return this.database.await(() -> {
			try (Connection connection = connect();
					Statement statement = connection.createStatement();
					ResultSet count = statement.executeQuery("SELECT count(*) FROM records")) {
				count.next();
				return count.getLong(1);
			}
			catch (SQLException ex) {
				// no table: no consumer got as far as the migrations, which waiting won't
				// change
				if (StoredRows.UNDEFINED_TABLE.equals(ex.getSQLState())) {
					return -1L;
				}
				throw ex;
			}
		}, SETTLE_MILLIS).orElse(-1L);
	}

}
