package io.sensoringest.cli.status;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.sensoringest.cli.command.OperatorCommand;
import io.sensoringest.cli.command.OperatorSettings;
import io.sensoringest.cli.command.Reads;
import io.sensoringest.contract.DatabaseSettings;
import io.sensoringest.contract.Failures;
import io.sensoringest.producer.Producer;
import io.sensoringest.producer.api.FileCheckpoint;
import io.sensoringest.producer.api.InputException;
import io.sensoringest.producer.api.InputFile;
import io.sensoringest.producer.settings.ProducerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code status [--files] [file or folder ...]}, behind {@code make status}: where the
 * rows of every input file are, from the producer's checkpoints, the consumers' ledger
 * and the broker's queue depths. Exits 0 only when every valid row of every file is
 * stored, 1 when some are not, 2 when a server or the state cannot be read.
 */
@Reads({ "TARGET_FILE_DIR", "PRODUCER_STATE_DIR", "POSTGRES_HOST", "POSTGRES_PORT", "POSTGRES_DATABASE",
		"POSTGRES_USERNAME", "RABBITMQ_HOST", "RABBITMQ_PORT", "RABBITMQ_ADDRESSES", "RABBITMQ_QUEUE_NAME" })
@Command(name = "status", mixinStandardHelpOptions = true, header = "Is all my data in? Where every file's rows are.",
		description = "Per file: rows valid, confirmed by the broker, stored, rejected, and a state; then the queues, the table and the ledger. Exit 0 when every valid row of every file is stored, 1 when not, 2 when a server or the producer's state cannot be read.",
		footerHeading = "%nExamples:%n", footer = { "  make status                            # all of TARGET_FILE_DIR",
				"  make status ARGS=\"--files data/2021\"   # a line for every file of one folder" })
public class StatusCommand extends OperatorCommand {

	/**
	 * How long to look again when confirmed rows are missing and the queue is empty: a
	 * consumer may be committing the last batch right now.
	 */
	private static final long SETTLE_MILLIS = 2000;

	@Option(names = "--files", description = "a line for every file, even past 20")
	boolean everyFile;

	@Parameters(paramLabel = "FILE_OR_FOLDER", arity = "0..*", showDefaultValue = Visibility.NEVER,
			description = "what to report on (default: every input file below TARGET_FILE_DIR)")
	List<String> inputs = List.of();

	private ProducerSettings settings;

	private DatabaseSettings database;

	private final PrintStream out = System.out;

	@Override
	protected void execute(OperatorSettings operator) throws InterruptedException {
		this.settings = operator.producer();
		this.database = operator.database();
		List<FileFacts> facts;
		WatchPicture watch;
		try {
			facts = facts(Producer.inputs(this.inputs, this.settings));
			watch = WatchPicture.of(this.settings);
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
		if (facts.isEmpty() && watch.finished() == 0) {
			fail("no files ending in " + this.settings.extension() + " to report on");
			return;
		}
		try (QueueDepth depth = new QueueDepth(this.settings.broker().nodes(), this.settings.topology(), "status");
				Connection connection = connect()) {
			StatusReport report = report(facts, depth, connection);
			if (report.files().stream().anyMatch((file) -> file.state() == FileState.INCOMPLETE)) {
				Thread.sleep(SETTLE_MILLIS);
				report = report(facts, depth, connection);
			}
			report.lines(this.everyFile).forEach(this.out::println);
			watch.line(report, facts.stream().map(FileFacts::file).toList()).ifPresent(this.out::println);
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
		Map<String, FileCheckpoint> checkpoints = Producer.published(this.settings.stateDir());
		return files.parallelStream()
			.map((file) -> FileFacts.of(file, checkpoints, this.settings.delimiter(), this.settings.csvZone()))
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
				new StatusReport.Table(ledger.liveRows(), ledger.messages(), ledger.rows(), ledger.partitions()));
	}

	private Connection connect() throws SQLException {
		return this.database.connect();
	}

}
