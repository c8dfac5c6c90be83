package io.sensoringest.producer.status;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.sensoringest.contract.DatabaseSettings;
import io.sensoringest.contract.Failures;
import io.sensoringest.producer.Command;
import io.sensoringest.producer.ProducerSettings;
import io.sensoringest.producer.input.InputException;
import io.sensoringest.producer.input.InputFile;
import io.sensoringest.producer.input.InputFiles;
import io.sensoringest.producer.input.RowParser;
import io.sensoringest.producer.queue.QueueDepth;
import io.sensoringest.producer.state.CheckpointStore;
import io.sensoringest.producer.state.FileCheckpoint;

import org.springframework.boot.ApplicationArguments;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@code status [--files] [file or folder ...]}, behind {@code make status}: where the
 * rows of every input file are, from the producer's checkpoints, the consumers' ledger
 * and the broker's queue depths. Exits 0 only when every valid row of every file is
 * stored, 1 when some are not, 2 when a server or the state cannot be read.
 */
@Component
@Profile("status")
class StatusCommand extends Command {

	/**
	 * How long to look again when confirmed rows are missing and the queue is empty: a
	 * consumer may be committing the last batch right now.
	 */
	private static final long SETTLE_MILLIS = 2000;

	private final ProducerSettings settings;

	private final DatabaseSettings database;

	private final PrintStream out = System.out;

	StatusCommand(ProducerSettings settings, DatabaseSettings database) {
		this.settings = settings;
		this.database = database;
	}

	@Override
	public void run(ApplicationArguments arguments) throws InterruptedException {
		if (!onlyOptions(arguments, "status [--files] [file or folder ...]", "files")) {
			return;
		}
		List<FileFacts> facts;
		try {
			facts = facts(InputFiles.find(arguments.getNonOptionArgs(), this.settings.targetDir(),
					this.settings.extension()));
		}
		catch (InputException ex) {
			fail(ex.getMessage());
			return;
		}
		catch (IOException ex) {
			fail("cannot read the checkpoints in PRODUCER_STATE_DIR=" + this.settings.stateDir() + ": "
					+ ex.getMessage());
			return;
		}
		if (facts.isEmpty()) {
			fail("no files ending in " + this.settings.extension() + " to report on");
			return;
		}
		try (QueueDepth depth = new QueueDepth(this.settings.broker().connectionFactory(), this.settings.topology(),
				"status"); Connection connection = connect()) {
			StatusReport report = report(facts, depth, connection);
			if (report.files().stream().anyMatch((file) -> file.state() == FileState.INCOMPLETE)) {
				Thread.sleep(SETTLE_MILLIS);
				report = report(facts, depth, connection);
			}
			report.lines(arguments.containsOption("files")).forEach(this.out::println);
			exitWith(report.allStored() ? 0 : 1);
		}
		catch (IOException | TimeoutException ex) {
			fail("RabbitMQ at " + this.settings.broker().describe() + ": " + Failures.rootMessage(ex));
		}
		catch (SQLException ex) {
			fail("PostgreSQL at " + this.database.describe() + ": " + Failures.rootMessage(ex)
					+ ("42P01".equals(ex.getSQLState()) ? " (make migrate creates the tables)" : ""));
		}
	}

	private List<FileFacts> facts(List<InputFile> files) throws IOException {
		Map<String, FileCheckpoint> checkpoints = CheckpointStore.read(this.settings.stateDir());
		RowParser rules = new RowParser(this.settings.csvZone());
		return files.parallelStream()
			.map((file) -> FileFacts.of(file, checkpoints, this.settings.delimiter(), rules))
			.toList();
	}

	/** Reads the queues first, then the ledger, so a message moving between is seen. */
	private StatusReport report(List<FileFacts> facts, QueueDepth depth, Connection connection)
			throws IOException, SQLException {
		StatusReport.Queues queues = new StatusReport.Queues(this.settings.topology().queueName(), depth.ready(),
				this.settings.topology().deadLetterQueue(), depth.deadLettered());
		LedgerTotals ledger = LedgerTotals.read(connection);
		List<FileStatus> files = facts.stream()
			.map((fact) -> fact.status(ledger.storedByFingerprint(), queues.ready() > 0))
			.toList();
		return new StatusReport(files, queues,
				new StatusReport.Table(ledger.liveRows(), ledger.messages(), ledger.rows()));
	}

	private Connection connect() throws SQLException {
		return this.database.connect();
	}

}
