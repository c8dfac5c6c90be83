package io.sensoringest.cli.run;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sensoringest.boot.StopSignals;
import io.sensoringest.cli.command.OperatorCommand;
import io.sensoringest.cli.command.OperatorSettings;
import io.sensoringest.cli.command.Reads;
import io.sensoringest.contract.DatabaseSettings;
import io.sensoringest.producer.Producer;
import io.sensoringest.producer.api.InputException;
import io.sensoringest.producer.settings.ProducerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code watch --consumer-jar=PATH}, behind {@code make watch}: the live pipeline on this
 * machine without Docker. It starts {@code CONSUMER_REPLICAS} consumers (applying the
 * migrations first where they may not), then watches {@code TARGET_FILE_DIR} in the
 * foreground as the producer's watch mode does, with a progress line every few seconds,
 * until Ctrl-C or SIGTERM stops the watcher (once its chunks in flight are confirmed) and
 * the consumers (each stores and acks the batch in hand), exit 0.
 */
@Reads({ "TARGET_FILE_DIR", "CONSUMER_REPLICAS", "PRODUCER_FILE_SETTLE_TIME", "PRODUCER_DONE_POLICY", "POSTGRES_HOST",
		"POSTGRES_PORT", "POSTGRES_DATABASE", "POSTGRES_USERNAME", "RABBITMQ_HOST", "RABBITMQ_PORT",
		"RABBITMQ_ADDRESSES", "RABBITMQ_QUEUE_NAME" })
@Command(name = "watch", mixinStandardHelpOptions = true,
		header = "The live pipeline without Docker: consumers and a watching producer, until Ctrl-C.",
		description = "Starts CONSUMER_REPLICAS consumer processes and publishes every file that lands below TARGET_FILE_DIR once it is complete (PRODUCER_FILE_SETTLE_TIME), with PRODUCER_DONE_POLICY for what becomes of it once its rows are stored. A progress line every few seconds; Ctrl-C or SIGTERM stops everything cleanly, exit 0.",
		footerHeading = "%nExamples:%n", footer = { "  make watch                             # until Ctrl-C",
				"  make watch PRODUCER_DONE_POLICY=move PRODUCER_DONE_DIR=/srv/done" })
public class WatchCommand extends OperatorCommand {

	private static final Logger logger = LoggerFactory.getLogger(WatchCommand.class);

	private static final long PROGRESS_SECONDS = 5;

	/**
	 * The rows the consumers stored since the watch began, for the progress line: the
	 * recent ledger entries, through their {@code stored_at} index (migration V6), not
	 * the whole ledger.
	 */
	private static final String STORED_SINCE = "SELECT stored_rows FROM ingest_rows_stored_since(?)";

	@Option(names = "--consumer-jar", paramLabel = "PATH",
			description = "the consumer's jar (default: the one built beside this command line's)")
	Path consumerJar;

	@Override
	protected void execute(OperatorSettings operator) throws Exception {
		ProducerSettings settings = operator.producer();
		PipelineSettings pipeline = PipelineSettings.from(operator);
		if (!isJar(this.consumerJar, "--consumer-jar")) {
			return;
		}
		Producer producer = new Producer(settings, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
		PipelineRun run = new PipelineRun(producer, pipeline, this.consumerJar, Map.of());
		if (!pipeline.consumersMigrate() && !run.migrate()) {
			fail("the migrations failed; see above");
			return;
		}
		Path logDir = settings.stateDir().resolve("logs");
		ConsumerProcesses consumers = new ConsumerProcesses(pipeline.consumerShutdownTimeout());
		for (int i = 0; i < pipeline.replicas(); i++) {
			consumers.start(this.consumerJar, pipeline.consumerJavaOptions(), Map.of(), logDir);
		}
		logger.info("started {} consumers, logging to {}", pipeline.replicas(), logDir);
		Producer.Watch watcher = producer.watch(pipeline.database());
		// a consumer given up on ends the watch: files would only pile up in the queue
		consumers.supervise(() -> stop(watcher, settings));
		Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(watcher, settings), "stop-watcher"));
		StopSignals.exitZeroOnStop();
		ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "progress");
			thread.setDaemon(true);
			return thread;
		});
		progress.scheduleAtFixedRate(new Progress(watcher, pipeline.database()), PROGRESS_SECONDS, PROGRESS_SECONDS,
				TimeUnit.SECONDS);
		try {
			watcher.run();
		}
		catch (InputException ex) {
			fail(ex.getMessage());
		}
		finally {
			progress.shutdownNow();
			consumers.stop();
		}
		if (consumers.gaveUp() != null) {
			logger.error("watch stopped: a consumer was given up on (see above); rows not yet stored wait in the "
					+ "queue for the next make watch or make run");
			exitWith(INCOMPLETE);
		}
	}

	private static void stop(Producer.Watch watcher, ProducerSettings settings) {
		try {
			if (!watcher.stop(settings.confirmTimeout().toMillis() + 5000)) {
				logger.warn("stopped before the chunks in flight were confirmed: they are sent again next time");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * {@code watch: 2 files waiting, 1 awaiting storage, 14 done; 700,000 rows stored
	 * since start, 81,234 rows/s}.
	 */
	private static final class Progress implements Runnable {

		private final Producer.Watch watcher;

		private final DatabaseSettings database;

		private final Timestamp start;

		private long lastStored = -1;

		Progress(Producer.Watch watcher, DatabaseSettings database) {
			this.watcher = watcher;
			this.database = database;
			this.start = databaseNow(database);
		}

		/**
		 * Returns the database's time now, so that the start and {@code stored_at} are
		 * read on one clock; this machine's when the database does not answer.
		 */
		private static Timestamp databaseNow(DatabaseSettings database) {
			try (Connection connection = database.connect();
					Statement statement = connection.createStatement();
					ResultSet now = statement.executeQuery("SELECT now()")) {
				now.next();
				return now.getTimestamp(1);
			}
			catch (SQLException ex) {
				return Timestamp.from(Instant.now());
			}
		}

		@Override
		public void run() {
			long stored = storedRows();
			String rate = (stored >= 0 && this.lastStored >= 0)
					? String.format(", %,.0f rows/s", (stored - this.lastStored) / (double) PROGRESS_SECONDS) : "";
			logger.info(String.format(
					"watch: %,d files waiting, %,d awaiting storage, %,d done; %s rows stored since start%s",
					this.watcher.waiting(), this.watcher.awaitingStorage(), this.watcher.done(),
					(stored >= 0) ? String.format("%,d", stored) : "?", rate));
			this.lastStored = stored;
		}

		private long storedRows() {
			try (Connection connection = this.database.connect();
					PreparedStatement statement = connection.prepareStatement(STORED_SINCE)) {
				statement.setTimestamp(1, this.start);
				try (ResultSet sum = statement.executeQuery()) {
					sum.next();
					return sum.getLong(1);
				}
			}
			catch (SQLException ex) {
				return -1;
			}
		}

	}

}
