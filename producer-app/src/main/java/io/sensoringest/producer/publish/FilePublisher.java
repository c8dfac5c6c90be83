package io.sensoringest.producer.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.sensoringest.producer.api.FileCheckpoint;
import io.sensoringest.producer.api.InputFile;
import io.sensoringest.producer.checkpoint.RejectsLog;
import io.sensoringest.producer.input.CsvFileReader;
import io.sensoringest.producer.input.CsvFileReader.Rejected;
import io.sensoringest.producer.input.CsvFileReader.Row;
import io.sensoringest.producer.input.CsvFileReader.Valid;
import io.sensoringest.producer.input.FileChangedException;
import io.sensoringest.producer.input.RowParser;
import io.sensoringest.producer.settings.ProducerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one file from its checkpoint on: reports the rejected rows and hands the valid
 * ones to the reader's {@link MessagePacker}, which may pack them with other files' rows.
 * It does not wait for the broker: the file is complete once its last segment is
 * confirmed ({@link FileProgress}), so a reader of small files goes on to the next file
 * while the broker confirms the last one's message.
 */
final class FilePublisher {

	private static final Logger logger = LoggerFactory.getLogger(FilePublisher.class);

	private static final int REJECTS_LOGGED_PER_FILE = 10;

	private final ProducerSettings settings;

	private final RowParser rowParser;

	private final RejectsLog rejects;

	private final ProducerMetrics metrics;

	private final AtomicLong bytesRead;

	private final BooleanSupplier stopping;

	/**
	 * Prepares to publish files.
	 * @param stopping whether to stop each file after its next message sent
	 */
	FilePublisher(ProducerSettings settings, RejectsLog rejects, ProducerMetrics metrics, AtomicLong bytesRead,
			BooleanSupplier stopping) {
		this.settings = settings;
		this.rowParser = new RowParser(settings.csvZone());
		this.rejects = rejects;
		this.metrics = metrics;
		this.bytesRead = bytesRead;
		this.stopping = stopping;
	}

	/**
	 * Reads the file from its checkpoint on into the packer.
	 * @return how the file ended, or {@code null} when it was asked to stop: the file
	 * resumes from its checkpoint in the next run
	 * @throws FileChangedException if the file changed while it was read: the rows read
	 * are published, the file is not marked complete
	 */
	Read publish(FileProgress progress, MessagePacker packer)
			throws IOException, InterruptedException, BrokerUnavailableException {
		InputFile file = progress.file();
		FileCheckpoint start = progress.checkpoint();
		long rejected = 0;
		long lastLine = 0;
		long counted = 0;
		long rowsRead = 0;
		try (CsvFileReader reader = CsvFileReader.open(file, this.settings.delimiter(), this.rowParser)) {
			Row row;
			while ((row = reader.next()) != null) {
				lastLine = row.line();
				if (row instanceof Rejected bad) {
					rejected++;
					if (row.line() > start.confirmedLine()) {
						reject(file, bad, rejected);
						progress.rejected();
					}
				}
				else if (row.line() > start.confirmedLine()) {
					rowsRead++;
					if (packer.add(progress, (Valid) row)) {
						// the counter once per message: per row it cost 3 % of the
						// producer's CPU
						this.metrics.rowsRead.increment(rowsRead);
						rowsRead = 0;
						long bytes = reader.bytesRead();
						this.bytesRead.addAndGet(bytes - counted);
						counted = bytes;
						if (this.stopping.getAsBoolean()) {
							return null;
						}
					}
				}
			}
			this.bytesRead.addAndGet(start.identity().size() - counted);
		}
		finally {
			this.metrics.rowsRead.increment(rowsRead);
		}
		packer.fileEnded();
		if (!start.identity().sameStamp(file)) {
			throw new FileChangedException(String.format(
					"changed while it was read (%,d bytes when it started, %,d now): the rows read are published, "
							+ "the file is not marked published; publish again to send the file as it is now",
					start.identity().size(), Files.size(file.path())));
		}
		return new Read(rejected, lastLine);
	}

	/**
	 * A file read to its end.
	 *
	 * @param rowsRejected its rejected rows, all of them
	 * @param lastLine its last line
	 */
	record Read(long rowsRejected, long lastLine) {

	}

	private void reject(InputFile file, Rejected row, long rejectedSoFar) throws IOException {
		this.metrics.rowsRejected.increment();
		this.rejects.add(file.name(), row.line(), row.reason(), row.text());
		if (rejectedSoFar <= REJECTS_LOGGED_PER_FILE) {
			logger.warn("{}:{}: rejected: {}", file.name(), row.line(), row.reason());
		}
		else if (rejectedSoFar == REJECTS_LOGGED_PER_FILE + 1) {
			logger.warn("{}: more rejected rows; every one is in {}/{}", file.name(), this.settings.stateDir(),
					RejectsLog.FILE);
		}
	}

}
